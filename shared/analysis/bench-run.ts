/** Runs the analysis benchmarks and prints a table: `npx tsx shared/analysis/bench-run.ts`. */
import { runAnalysisBench } from './bench';

const rows = runAnalysisBench();
console.table(
  rows.map((r) => ({ name: r.name, ms: r.ms, baselineMs: r.baselineMs ?? '', note: r.note })),
);
