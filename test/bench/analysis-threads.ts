/**
 * Betweenness and closeness with the searches shared between worker threads (what the canvas
 * does with its helper Web Workers, and `weavemap analyze` with worker threads), beside the same
 * computation on one thread, on the analysis group's 5,000-actor maps.
 *
 *   npx tsx test/bench/analysis-threads.ts
 */
import { availableParallelism } from 'node:os';
import { buildActorNetwork } from '../../shared/analysis/actor-network';
import { median } from './analysis';
import { pathCentralities } from '../../shared/analysis/centrality';
import { readMap } from '../../shared/analysis/input';
import { pathCentralitiesOn } from '../../shared/analysis/path-threads';
import { randomActorMap } from '../../shared/analysis/random-maps';
import { nodePathThreads } from '../../canvas/server/analysis/node-path-threads';
import { printTable, type BenchRow } from './table';

async function timed(repeats: number, f: () => unknown): Promise<number> {
  await f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function benchAnalysisThreads(
  sizes: readonly [number, number][] = [
    [5000, 2],
    [5000, 4],
  ],
  repeats = 3,
): Promise<BenchRow[]> {
  const count = Math.min(4, availableParallelism());
  const pool = nodePathThreads(count);
  const threads = pool.threads();
  const rows: BenchRow[] = [];
  if (threads.length === 0) return rows; // one core: nothing to share
  try {
    for (const [actors, ties] of sizes) {
      // The same maps as the analysis group's betweenness rows.
      const net = buildActorNetwork(readMap(randomActorMap(actors, ties, 2000 + actors + ties)));
      const one = await timed(repeats, () => pathCentralities(net.arcs, { exactLimit: Infinity }));
      const many = await timed(repeats, () =>
        pathCentralitiesOn(threads, net.arcs, { exactLimit: Infinity }),
      );
      const a = pathCentralities(net.arcs, { exactLimit: Infinity });
      const b = await pathCentralitiesOn(threads, net.arcs, { exactLimit: Infinity });
      const same = a.betweenness.every((x, i) => x === b.betweenness[i]);
      rows.push({
        group: 'analysis',
        name: `betweenness ${actors} actors x ${ties} ties, ${count} threads`,
        value: many,
        unit: 'ms',
        baseline: one,
        baselineName: 'one thread',
        target: '≤ 3000 ms',
        note: `${net.ties.length} ties; exact, with closeness; ${same ? 'same figures as one thread, bit for bit' : 'FIGURES DIFFER from one thread'}; ${availableParallelism()} cores`,
      });
    }
  } finally {
    await pool.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(await benchAnalysisThreads());
  process.exit(0);
}
