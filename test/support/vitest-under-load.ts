/**
 * Runs the unit suite several times in a row while worker threads keep every core busy, to show
 * the suite does not depend on the machine's speed: `npm run test:under-load -- [runs]` (default 5).
 * The load is bounded: it stops when the runs end (and after at most an hour in any case).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const runs = Number(process.argv[2] ?? 5);
const cores = availableParallelism();
const spin = `
  const { workerData } = require('node:worker_threads');
  const end = Date.now() + workerData.ms;
  let x = 0;
  while (Date.now() < end) { for (let i = 0; i < 1e6; i++) x = (x * 31 + i) | 0; }
`;
const load = Array.from(
  { length: cores },
  () => new Worker(spin, { eval: true, workerData: { ms: 60 * 60 * 1000 } }),
);
console.log(`Keeping ${cores} cores busy with ${load.length} spinning threads.`);

let failures = 0;
for (let run = 1; run <= runs; run++) {
  const started = Date.now();
  // The hostile tests make the host log a few MiB of refused frames: spawnSync's default 1 MiB
  // buffer would kill the run (exit null) partway.
  const result = spawnSync('npx', ['vitest', 'run'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
  });
  // eslint-disable-next-line no-control-regex -- strips terminal colour codes
  const out = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const files = /Test Files\s+(.*)/.exec(out)?.[1]?.trim() ?? '?';
  const tests = /Tests\s+(.*)/.exec(out)?.[1]?.trim() ?? '?';
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `run ${run}/${runs}: exit ${result.status ?? result.signal}; files ${files}; tests ${tests}; ${seconds} s`,
  );
  if (result.status !== 0) {
    failures++;
    const log = join(tmpdir(), `weavemap-under-load-run-${run}.log`);
    writeFileSync(log, out);
    console.log(`The whole output of run ${run}: ${log}`);
    console.log(
      out
        .split('\n')
        .filter((l) => /FAIL|✗|×|Error|expected|Expected|Received/.test(l))
        .slice(0, 30)
        .join('\n'),
    );
  }
}
await Promise.all(load.map((w) => w.terminate()));
console.log(
  failures === 0 ? `${runs} of ${runs} runs passed under load.` : `${failures} runs failed.`,
);
process.exit(failures === 0 ? 0 : 1);
