/**
 * `npm run bench`: every figure the issues name, each beside a baseline measured in the same
 * run on this machine. Run with `-- <group>` to run one group (sync, load, ...).
 */
import { runAnalysisBench } from './analysis';
import { runInteropBench } from './interop';
import { benchAnalysisThreads } from './analysis-threads';
import { benchAnalysisUi } from './analysis-ui';
import { benchContract } from './contract';
import { benchLoad } from './load';
import { benchMemoryAttack } from './memory-attack';
import { benchRenderer } from './renderer';
import { benchSession } from './session';
import { benchStorage } from './storage';
import { benchSimulation } from './simulation';
import { benchSync } from './sync';
import { benchWeakLaptop } from './weak-laptop';
import { printTable, type BenchRow } from './table';

const groups: Record<string, () => Promise<BenchRow[]> | BenchRow[]> = {
  sync: benchSync,
  load: benchLoad,
  renderer: benchRenderer,
  'analysis-ui': benchAnalysisUi,
  session: benchSession,
  storage: benchStorage,
  simulation: benchSimulation,
  contract: benchContract,
  memory: benchMemoryAttack,
  'weak-laptop': benchWeakLaptop,
  interop: async () =>
    (await runInteropBench()).map((r) => ({
      group: 'interop',
      name: `${r.name} (10k elements, 20k connections)`,
      value: r.ms,
      unit: 'ms',
      ...(r.baselineMs !== undefined
        ? { baseline: r.baselineMs, baselineName: 'native JSON' }
        : {}),
      target: '≤ 3000 ms',
      note: r.note,
    })),
  analysis: async () => [
    ...runAnalysisBench().map((r) => ({
      group: 'analysis',
      name: r.name,
      value: r.ms,
      unit: 'ms',
      ...(r.baselineMs !== undefined
        ? { baseline: r.baselineMs, baselineName: 'library defaults' }
        : {}),
      ...(/louvain 5000/i.test(r.name) ? { target: '≤ 150 ms' } : {}),
      ...(/betweenness 5000/i.test(r.name) ? { target: '≤ 3000 ms' } : {}),
      ...(/^loops/i.test(r.name) ? { target: 'within budget (200 ms)' } : {}),
      note: r.note,
    })),
    ...(await benchAnalysisThreads()),
  ],
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const rows: BenchRow[] = [];
for (const [name, run] of Object.entries(groups)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const t0 = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
  process.stderr.write(
    `bench: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}
console.log(`\nWeavemap benchmarks (Node ${process.version}, ${new Date().toISOString()})\n`);
printTable(rows);
process.exit(0);
