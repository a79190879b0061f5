import type { ArcIndex } from './arc-index';
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
}

/**
 * Betweenness (Brandes' algorithm) and closeness over typed arrays, with no allocation per
 * source. On an undirected graph, closeness comes from the same breadth-first searches; on a
 * directed one it needs one more search per node over the incoming arcs.
 */
export function pathCentralities(
  g: ArcIndex,
  options: PathCentralityOptions = {},
): PathCentralities {
  const { n, outStart, outTo, inStart, inFrom } = g;
  const exactLimit = options.exactLimit ?? 5000;
  const exact = n <= exactLimit;
  const sources = exact
    ? Int32Array.from({ length: n }, (_, i) => i)
    : sampleIndices(n, Math.max(1, options.samples ?? 500), seededRandom(options.seed ?? 1));
  const betweenness = new Float64Array(n);
  const closeness = new Float64Array(n);
  const sigma = new Float64Array(n);
  // (1 + dependency) / sigma of each node, filled as the search unwinds
  const coefficient = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const closenessHere = exact && g.symmetric;

  for (let si = 0; si < sources.length; si++) {
    const s = sources[si]!;
    sigma[s] = 1;
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    let total = 0;
    while (head < tail) {
      const v = order[head++]!;
      const next = dist[v]! + 1;
      total += next - 1;
      const sv = sigma[v]!;
      for (let p = outStart[v]!, end = outStart[v + 1]!; p < end; p++) {
        const w = outTo[p]!;
        const dw = dist[w]!;
        if (dw < 0) {
          dist[w] = next;
          sigma[w] = sv;
          order[tail++] = w;
        } else if (dw === next) sigma[w]! += sv;
      }
    }
    if (closenessHere) closeness[s] = wassermanFaust(tail - 1, total, n);
    // Dependencies in reverse breadth-first order, summed over each node's successors on
    // shortest paths (Brandes' recursion written from the successor side: one write per node).
    for (let i = tail - 1; i > 0; i--) {
      const v = order[i]!;
      const next = dist[v]! + 1;
      let sum = 0;
      for (let p = outStart[v]!, end = outStart[v + 1]!; p < end; p++) {
        const w = outTo[p]!;
        sum += dist[w] === next ? coefficient[w]! : 0;
      }
      const dependency = sigma[v]! * sum;
      betweenness[v]! += dependency;
      coefficient[v] = (1 + dependency) / sigma[v]!;
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i]!;
      sigma[v] = 0;
      coefficient[v] = 0;
      dist[v] = -1;
    }
  }
  if (n > 2) {
    const scale = (1 / ((n - 1) * (n - 2))) * (n / sources.length);
    for (let v = 0; v < n; v++) betweenness[v]! *= scale;
  }
  if (!closenessHere) {
    // Distances to each node, along arcs followed backwards.
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
  }
  return { betweenness, closeness, samples: sources.length, exact };
}

function wassermanFaust(reached: number, total: number, n: number): number {
  return total > 0 && n > 1 ? (reached / total) * (reached / (n - 1)) : 0;
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
