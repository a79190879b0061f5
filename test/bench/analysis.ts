import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import findCircuits from 'elementary-circuits-directed-graph';
import { buildActorNetwork } from '../../shared/analysis/actor-network';
import { analyzeMap } from '../../shared/analysis/analyze-map';
import { pathCentralities } from '../../shared/analysis/centrality';
import { louvainClusters } from '../../shared/analysis/clusters';
import { readMap } from '../../shared/analysis/input';
import { findLoops } from '../../shared/analysis/loops';
import type { RecordLists } from '../../shared/analysis/random-maps';
import { randomActorMap, randomCausalMap } from '../../shared/analysis/random-maps';
import { weavingSuggestions } from '../../shared/analysis/weaving';

/** One benchmark result: our time, the plain library's time for the same job, and what it means. */
export interface BenchRow {
  readonly name: string;
  readonly ms: number;
  readonly baselineMs?: number;
  readonly note: string;
}

export interface BenchOptions {
  /** Timed runs per measurement after one warm-up run; the median is reported. Default 3. */
  readonly repeats?: number;
  /** Actor counts for the network benchmarks. Default [1000, 5000]. */
  readonly sizes?: readonly number[];
  /** Ties added per actor. Default [2, 4]. */
  readonly ties?: readonly number[];
  /** Skip the (slow) baselines. */
  readonly skipBaselines?: boolean;
}

/** The median of some timings, in ms to one decimal place. */
export function median(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]! * 10) / 10;
}

function measure(repeats: number, f: () => unknown): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The actor network as a plain graphology graph, as someone using the library directly would. */
function plainGraph(map: RecordLists): Graph {
  const g = new Graph({ type: 'undirected' });
  for (const e of map.elements) if (e.kind === 'actor') g.addNode(e.id);
  for (const c of map.connections)
    if (c.kind === 'relationship' && g.hasNode(c.from) && g.hasNode(c.to))
      g.mergeEdge(c.from, c.to);
  return g;
}

/** Louvain: ours (seeded, unweighted, graph built from the typed index) vs the library defaults. */
export function benchLouvain(actors: number, ties: number, options: BenchOptions = {}): BenchRow {
  const repeats = options.repeats ?? 3;
  const map = randomActorMap(actors, ties, 1000 + actors + ties);
  const net = buildActorNetwork(readMap(map));
  let modularity = 0;
  let clusters = 0;
  const ms = measure(repeats, () => {
    const c = louvainClusters(net.simple, 1);
    modularity = c.modularity;
    clusters = c.count;
  });
  let baselineModularity = 0;
  const baselineMs = options.skipBaselines
    ? undefined
    : measure(repeats, () => {
        const g = plainGraph(map);
        baselineModularity = louvain.detailed(g).modularity;
      });
  return {
    name: `louvain ${actors} actors x ${ties} ties`,
    ms,
    ...(baselineMs !== undefined ? { baselineMs } : {}),
    note:
      `${net.ties.length} ties, ${clusters} clusters, modularity ${modularity.toFixed(3)}` +
      (baselineMs !== undefined
        ? ` (library defaults: ${baselineModularity.toFixed(3)}, Math.random)`
        : '') +
      '; both times include building the graphology graph',
  };
}

/** Exact betweenness: our typed-array Brandes (closeness in the same pass) vs graphology-metrics. */
export function benchBetweenness(
  actors: number,
  ties: number,
  options: BenchOptions = {},
): BenchRow {
  const repeats = options.repeats ?? 3;
  const map = randomActorMap(actors, ties, 2000 + actors + ties);
  const net = buildActorNetwork(readMap(map));
  const ms = measure(repeats, () => pathCentralities(net.arcs, { exactLimit: Infinity }));
  let note = `${net.ties.length} ties; ours also yields closeness in the same pass`;
  let baselineMs: number | undefined;
  if (!options.skipBaselines) {
    const g = plainGraph(map);
    const runs = Math.max(1, Math.min(repeats, actors > 2000 ? 1 : repeats));
    baselineMs = measure(runs, () => betweennessCentrality(g));
    const unweighted = measure(runs, () => betweennessCentrality(g, { getEdgeWeight: null }));
    // Same numbers? Compare ours with the library's on this graph.
    const ours = pathCentralities(net.arcs, { exactLimit: Infinity }).betweenness;
    const theirs = betweennessCentrality(g, { getEdgeWeight: null });
    let worst = 0;
    net.ids.forEach((id, i) => (worst = Math.max(worst, Math.abs(ours[i]! - theirs[id]!))));
    note += `; graphology with getEdgeWeight: null ${unweighted.toFixed(0)} ms; largest difference ${worst.toExponential(1)}`;
  }
  return {
    name: `betweenness ${actors} actors x ${ties} ties`,
    ms,
    ...(baselineMs !== undefined ? { baselineMs } : {}),
    note,
  };
}

/**
 * The plain library: Johnson's algorithm (elementary-circuits-directed-graph) has no limits, so
 * on a graph with millions of cycles it is stopped after as many circuits as we list; those are
 * whatever it meets first, not the shortest.
 */
function johnsonFirst(map: RecordLists, count: number): { longest: number } {
  const index = new Map(map.elements.map((e, i) => [e.id, i]));
  const adjacency: number[][] = map.elements.map(() => []);
  for (const c of map.connections)
    if (c.kind === 'causal') adjacency[index.get(c.from)!]!.push(index.get(c.to)!);
  const STOP = new Error('enough');
  let found = 0;
  let longest = 0;
  try {
    findCircuits(adjacency, (cycle: number[]) => {
      longest = Math.max(longest, cycle.length - 1);
      if (++found >= count) throw STOP;
    });
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return { longest };
}

/** Loop finding on a random causal map of 200 factors and 400 links, with the default limits. */
export function benchLoops(options: BenchOptions = {}): BenchRow[] {
  const repeats = options.repeats ?? 3;
  const map = randomCausalMap(200, 400, 7);
  let result = findLoops(map);
  const ms = measure(repeats, () => (result = findLoops(map)));
  let johnson = { longest: 0 };
  const baselineMs = options.skipBaselines
    ? undefined
    : measure(repeats, () => (johnson = johnsonFirst(map, result.loops.length)));
  let long = findLoops(map, { maxLength: 200, maxLoops: 10_000_000 });
  const longMs = measure(
    repeats,
    () => (long = findLoops(map, { maxLength: 200, maxLoops: 10_000_000 })),
  );
  let johnsonLong = { longest: 0 };
  const longBaselineMs = options.skipBaselines
    ? undefined
    : measure(repeats, () => (johnsonLong = johnsonFirst(map, long.loops.length)));
  return [
    {
      name: 'loops 200 factors, 400 links (defaults)',
      ms,
      ...(baselineMs !== undefined ? { baselineMs } : {}),
      note:
        `${result.summary} truncated: ${result.truncated}${result.reason ? ` (${result.reason})` : ''}; budget 200 ms` +
        (baselineMs !== undefined
          ? `; the library (Johnson's algorithm, no limits) stopped after as many circuits: up to ${johnson.longest} links, not the shortest`
          : ''),
    },
    {
      name: 'loops 200 factors, 400 links (maxLength 200)',
      ms: longMs,
      ...(longBaselineMs !== undefined ? { baselineMs: longBaselineMs } : {}),
      note:
        `${long.loops.length} loops before the 200 ms budget ran out (${long.reason ?? 'complete'}), up to ${long.loops.at(-1)?.length ?? 0} links` +
        (longBaselineMs !== undefined
          ? `; baseline: the library's time for as many bare circuits (longest first: up to ${johnsonLong.longest} links), ours lists the shortest and builds each loop's record`
          : ''),
    },
  ];
}

/** Weaving suggestions at the given size (Louvain clusters computed beforehand). */
export function benchWeaving(actors: number, ties: number, options: BenchOptions = {}): BenchRow {
  const map = randomActorMap(actors, ties, 3000 + actors + ties);
  const data = readMap(map);
  const net = buildActorNetwork(data);
  const { clusterOf } = louvainClusters(net.simple, 1);
  let count = 0;
  const ms = measure(
    options.repeats ?? 3,
    () => (count = weavingSuggestions(data, net, clusterOf).length),
  );
  return {
    name: `weaving ${actors} actors x ${ties} ties`,
    ms,
    note: `${count} suggestions, top 20`,
  };
}

/** The whole worker job (analyzeMap) on a mixed map: actors, factors and causal links. */
export function benchAnalyzeMap(
  actors: number,
  ties: number,
  options: BenchOptions = {},
): BenchRow {
  const people = randomActorMap(actors, ties, 4000 + actors);
  const system = randomCausalMap(200, 400, 7);
  const map = {
    elements: [...people.elements, ...system.elements],
    connections: [...people.connections, ...system.connections],
  };
  let timings = '';
  const ms = measure(Math.max(1, Math.min(2, options.repeats ?? 3)), () => {
    const r = analyzeMap(map);
    timings = Object.entries(r.network.timings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  });
  return {
    name: `analyzeMap ${actors} actors + 200 factors`,
    ms,
    note: `network: ${timings} (ms)`,
  };
}

/** Every analysis benchmark, for `npm run bench`. */
export function runAnalysisBench(options: BenchOptions = {}): BenchRow[] {
  const rows: BenchRow[] = [];
  const sizes = options.sizes ?? [1000, 5000];
  const ties = options.ties ?? [2, 4];
  for (const n of sizes) for (const t of ties) rows.push(benchLouvain(n, t, options));
  for (const n of sizes) for (const t of ties) rows.push(benchBetweenness(n, t, options));
  rows.push(...benchLoops(options));
  for (const n of sizes) rows.push(benchWeaving(n, ties[ties.length - 1]!, options));
  rows.push(benchAnalyzeMap(sizes[sizes.length - 1]!, ties[ties.length - 1]!, options));
  return rows;
}
