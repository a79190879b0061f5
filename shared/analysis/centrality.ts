import type { ArcIndex } from './arc-index';
import type { PathSums } from './brandes';
import { addPathSums, PATH_PARTS, partSums } from './brandes';
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
  /** How many source nodes betweenness and closeness were computed from (n when exact). */
  readonly samples: number;
  readonly exact: boolean;
}

export interface PathCentralityOptions {
  /** Above this many nodes, both are estimated from a seeded sample of sources. */
  readonly exactLimit?: number;
  /** Sources in the sample. Default 500. */
  readonly samples?: number;
  readonly seed?: number;
  /** Called now and then with how many of the sources are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

const ALL_PARTS = Array.from({ length: PATH_PARTS }, (_, p) => p);

/** Whether every node is a source (else a sample): up to `exactLimit` nodes (default 5,000). */
export function searchesAreExact(n: number, options: PathCentralityOptions = {}): boolean {
  return n <= (options.exactLimit ?? 5000);
}

/** The search sources: every node, or a seeded sample above `exactLimit`. */
export function pathSources(
  n: number,
  options: PathCentralityOptions = {},
): { sources: Int32Array; exact: boolean } {
  const exact = searchesAreExact(n, options);
  const sources = exact
    ? Int32Array.from({ length: n }, (_, i) => i)
    : sampleIndices(n, Math.max(1, options.samples ?? 500), seededRandom(options.seed ?? 1));
  return { sources, exact };
}

/**
 * Betweenness (Brandes' algorithm, `accumulatePathSums`) and closeness over typed arrays, both
 * from the same breadth-first searches: one from every node, or from a seeded sample of sources
 * above `exactLimit` (then both are estimates).
 */
export function pathCentralities(
  g: ArcIndex,
  options: PathCentralityOptions = {},
): PathCentralities {
  const { sources, exact } = pathSources(g.n, options);
  const parts = partSums(g, sources, ALL_PARTS, options.onProgress);
  return finishPathCentralities(g, addPathSums(parts), sources, exact);
}

/**
 * Normalised betweenness and closeness from the summed parts of the searches from `sources`.
 * Betweenness is divided by the (n-1)(n-2) ordered pairs, scaled up by n/k from a sample of k
 * sources. Closeness is Wasserman-Faust: (r/D) * (r/k), for the r of the k other sources that
 * reach the node at D steps in all. With every node a source (k = n - 1) that is NetworkX's
 * closeness exactly; from a sample it is the same estimate of both ratios.
 */
export function finishPathCentralities(
  g: ArcIndex,
  sums: PathSums,
  sources: Int32Array,
  exact: boolean,
): PathCentralities {
  const { n } = g;
  const betweenness = sums.betweenness;
  if (n > 2 && sums.sources > 0) {
    const scale = (1 / ((n - 1) * (n - 2))) * (n / sums.sources);
    for (let v = 0; v < n; v++) betweenness[v]! *= scale;
  }
  const isSource = new Uint8Array(n);
  for (const s of sources) isSource[s] = 1;
  const closeness = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const reached = sums.reachedBy[v]!;
    const others = sums.sources - isSource[v]!;
    const total = sums.distanceIn[v]!;
    closeness[v] = total > 0 && others > 0 ? (reached / total) * (reached / others) : 0;
  }
  return { betweenness, closeness, samples: sums.sources, exact };
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
