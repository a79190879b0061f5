import type { ArcIndex } from './arc-index';
import type { PathSums } from './brandes';
import { addPathSums, PATH_PARTS, partSums, wassermanFaust } from './brandes';
import { sampleIndices, seededRandom } from './rng';

export interface PathCentralities {
  /**
   * Betweenness, normalised as NetworkX does by default: the share of shortest paths between
   * other pairs that pass through the node, divided by (n-1)(n-2) ordered pairs. On an undirected
   * graph this equals NetworkX's undirected value.
   */
  readonly betweenness: Float64Array;
  /**
   * Closeness as NetworkX computes it by default (Wasserman-Faust): (r-1)/sum of distances from
   * the r-1 nodes that can reach the node, times (r-1)/(n-1), so a small cut-off component does
   * not look central.
   */
  readonly closeness: Float64Array;
  /** How many source nodes the betweenness was computed from (n when exact). */
  readonly samples: number;
  readonly exact: boolean;
}

export interface PathCentralityOptions {
  /** Above this many nodes, betweenness is estimated from a seeded sample of sources. */
  readonly exactLimit?: number;
  /** Sources in the sample. Default 500. */
  readonly samples?: number;
  readonly seed?: number;
  /** Called now and then with how many of the sources are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

const ALL_PARTS = Array.from({ length: PATH_PARTS }, (_, p) => p);

/** The search sources: every node, or a seeded sample above `exactLimit`. */
export function pathSources(
  n: number,
  options: PathCentralityOptions = {},
): { sources: Int32Array; exact: boolean } {
  const exact = n <= (options.exactLimit ?? 5000);
  const sources = exact
    ? Int32Array.from({ length: n }, (_, i) => i)
    : sampleIndices(n, Math.max(1, options.samples ?? 500), seededRandom(options.seed ?? 1));
  return { sources, exact };
}

/**
 * Betweenness (Brandes' algorithm, `accumulatePathSums`) and closeness over typed arrays. On an
 * undirected graph, closeness comes from the same breadth-first searches; on a directed one it
 * needs one more search per node over the incoming arcs.
 */
export function pathCentralities(
  g: ArcIndex,
  options: PathCentralityOptions = {},
): PathCentralities {
  const { sources, exact } = pathSources(g.n, options);
  const parts = partSums(g, sources, ALL_PARTS, options.onProgress);
  return finishPathCentralities(g, addPathSums(parts), exact);
}

/**
 * Normalised betweenness and closeness from the summed parts: betweenness divided by the
 * (n-1)(n-2) ordered pairs (scaled up by n/k from a sample of k sources); closeness on a
 * directed graph from searches along incoming arcs.
 */
export function finishPathCentralities(
  g: ArcIndex,
  sums: PathSums,
  exact: boolean,
): PathCentralities {
  const { n } = g;
  const betweenness = sums.betweenness;
  if (n > 2 && sums.sources > 0) {
    const scale = (1 / ((n - 1) * (n - 2))) * (n / sums.sources);
    for (let v = 0; v < n; v++) betweenness[v]! *= scale;
  }
  const closeness = exact && sums.closeness ? sums.closeness : incomingCloseness(g);
  return { betweenness, closeness, samples: sums.sources, exact };
}

/** Closeness from the distances to each node, along arcs followed backwards. */
function incomingCloseness(g: ArcIndex): Float64Array {
  const { n, inStart, inFrom } = g;
  const closeness = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    let total = 0;
    while (head < tail) {
      const v = order[head++]!;
      const dv = dist[v]!;
      total += dv;
      for (let p = inStart[v]!, end = inStart[v + 1]!; p < end; p++) {
        const w = inFrom[p]!;
        if (dist[w]! < 0) {
          dist[w] = dv + 1;
          order[tail++] = w;
        }
      }
    }
    closeness[s] = wassermanFaust(tail - 1, total, n);
    for (let i = 0; i < tail; i++) dist[order[i]!] = -1;
  }
  return closeness;
}

export interface Eigenvector {
  readonly values: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
}

/**
 * Eigenvector centrality by power iteration on (A + I), as NetworkX does, scaled to unit length.
 * A node scores high when its contacts score high. Along arcs, score flows from a node to the
 * nodes it points at (NetworkX's in-edge convention). Stops when the total change is below
 * n * tolerance; the default tolerance is tighter than NetworkX's 1e-6 so the values match the
 * exact eigenvector. If it does not settle, the last values are returned with `converged: false`.
 */
export function eigenvectorCentrality(
  g: ArcIndex,
  options: { tolerance?: number; maxIterations?: number } = {},
): Eigenvector {
  const { n, outStart, outTo } = g;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 1000;
  let x = new Float64Array(n).fill(n > 0 ? 1 / n : 0);
  let next = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    next.set(x);
    for (let v = 0; v < n; v++) {
      const xv = x[v]!;
      if (xv === 0) continue;
      for (let p = outStart[v]!, end = outStart[v + 1]!; p < end; p++) next[outTo[p]!]! += xv;
    }
    let norm = 0;
    for (let v = 0; v < n; v++) norm += next[v]! * next[v]!;
    norm = Math.sqrt(norm) || 1;
    let change = 0;
    for (let v = 0; v < n; v++) {
      next[v]! /= norm;
      change += Math.abs(next[v]! - x[v]!);
    }
    [x, next] = [next, x];
    if (change < n * tolerance) return { values: x, converged: true, iterations: iteration };
  }
  return { values: x, converged: false, iterations: maxIterations };
}
