import { Worker } from 'node:worker_threads';
import type { SimBenchRow } from '../../shared/simulation/bench';
import { benchSimulationUi } from './simulation-ui';
import type { BenchRow } from './table';

/**
 * Simulation figures, measured in a worker thread (as the canvas runs large maps in a Web
 * Worker): the what-if engine on a 1,000-factor map and the quantitative engine on a 100-stock
 * model, each beside its plain baseline (see shared/simulation/bench.ts); and, in Chromium, the
 * longest UI-thread task while a 1,000-factor what-if runs in the Web Worker (simulation-ui.ts).
 */
export async function benchSimulation(): Promise<BenchRow[]> {
  const rows = await new Promise<SimBenchRow[]>((resolve, reject) => {
    const w = new Worker(new URL('./simulation-worker.mjs', import.meta.url));
    w.once('message', (m: SimBenchRow[]) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
  return [...rows.map((r) => ({ group: 'simulation', ...r })), ...(await benchSimulationUi())];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./table');
  printTable(await benchSimulation());
}
