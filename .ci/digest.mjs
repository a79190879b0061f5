// Prints, last, a short account of why a test run failed: CI keeps only the tail of the output,
// and vitest prints an unhandled error's message far above its summary.
//   node .ci/digest.mjs <log file>
import { readFileSync } from 'node:fs';

const colour = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'); // terminal colour codes
const lines = readFileSync(process.argv[2], 'utf8').replace(colour, '').split('\n');
const found = [];
for (let i = 0; i < lines.length; i++) {
  const line = lines[i].trim();
  // vitest: "⎯⎯ Unhandled Rejection ⎯⎯" then the error's first line; "FAIL  file > test".
  if (/^⎯+ (Unhandled|Uncaught)[\w ]* ⎯+$/.test(line)) {
    const message =
      lines
        .slice(i + 1)
        .find((l) => l.trim() !== '')
        ?.trim() ?? '';
    const origin = lines
      .slice(i + 1, i + 80)
      .find((l) => l.includes('This error originated in'))
      ?.match(/originated in "([^"]+)"/)?.[1];
    found.push(`${line.replace(/⎯/g, '').trim()}: ${message}${origin ? ` (${origin})` : ''}`);
  } else if (/^(FAIL|×) /.test(line) || /^\d+\) \[\w+\] › /.test(line)) {
    found.push(line);
  }
}
const unique = [...new Set(found)];
console.log(`\n=== Why it failed (${unique.length}; the first 12, full log above)`);
for (const line of unique.slice(0, 12)) console.log(line.slice(0, 300));
