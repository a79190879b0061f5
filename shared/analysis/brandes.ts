import type { ArcIndex } from './arc-index';

/**
 * Brandes' shortest-path counting from a run of source nodes, the inner loop of betweenness and
 * closeness. The sums from separate runs add up, so the sources can be split between threads and
 * the parts added afterwards (`addPathSums`). Closeness comes from the same searches: a search
 * from s gives the distance from s to every node, which is what a node's closeness is made of
 * (distances to it, as NetworkX measures on directed graphs; the same both ways on undirected).
 */
export interface PathSums {
  /** Unnormalised betweenness: each node's dependency summed over the run's sources. */
  readonly betweenness: Float64Array;
  /** For closeness: how many of the run's sources reach each node (the node itself not counted). */
  readonly reachedBy: Float64Array;
  /** For closeness: the distances from those sources to each node, added up. */
  readonly distanceIn: Float64Array;
  /** How many sources the run covered. */
  readonly sources: number;
}

export interface PathSumsOptions {
  /** Called every `progressEvery` sources (default 64) with how many are done. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly progressEvery?: number;
}

/**
 * Runs a breadth-first search from each of `sources[start]`, `sources[start + stride]`, ...
 * and sums the dependencies (how much each node lies on shortest paths from that source).
 *
 * Arrays are indexed by a node's position in the current search's visiting order rather than by
 * node: the nodes one level further on are exactly the positions at or after the end of the
 * current level, so one lookup per arc tells an unseen node, a node of the next level (a step
 * on a shortest path) and any other node apart. The steps on shortest paths are written down as
 * they are found, so the backward sweep reads only those (about a third of the arcs on a sparse
 * graph), in order. No allocation per source.
 */
export function accumulatePathSums(
  g: ArcIndex,
  sources: Int32Array,
  start = 0,
  stride = 1,
  options: PathSumsOptions = {},
): PathSums {
  const { n, outStart, outTo } = g;
  const betweenness = new Float64Array(n);
  const reachedBy = new Float64Array(n);
  const distanceIn = new Float64Array(n);
  // Per search, indexed by position in the visiting order.
  const order = new Int32Array(n); // node at each position
  const sigma = new Float64Array(n); // shortest paths from the source
  const coefficient = new Float64Array(n); // (1 + dependency) / sigma, filled backwards
  const stepStart = new Int32Array(n + 1); // steps leaving each position: steps[stepStart[i]..]
  const steps = new Int32Array(outTo.length); // positions one level on, along arcs
  // Per node: its position in the current search, or -1 when not reached yet.
  const position = new Int32Array(n).fill(-1);
  const every = Math.max(1, options.progressEvery ?? 64);
  const total = sources.length > start ? Math.ceil((sources.length - start) / stride) : 0;
  let done = 0;

  for (let si = start; si < sources.length; si += stride) {
    const s = sources[si]!;
    position[s] = 0;
    order[0] = s;
    sigma[0] = 1;
    let tail = 1;
    let k = 0;
    let levelEnd = 1;
    let level = 0;
    for (let i = 0; i < tail; i++) {
      if (i === levelEnd) {
        levelEnd = tail;
        level++;
      }
      const v = order[i]!;
      distanceIn[v]! += level;
      reachedBy[v]! += 1;
      const sv = sigma[i]!;
      stepStart[i] = k;
      for (let p = outStart[v]!, end = outStart[v + 1]!; p < end; p++) {
        const w = outTo[p]!;
        const q = position[w]!;
        if (q < 0) {
          position[w] = tail;
          order[tail] = w;
          sigma[tail] = sv;
          steps[k++] = tail++;
        } else if (q >= levelEnd) {
          sigma[q]! += sv;
          steps[k++] = q;
        }
      }
    }
    stepStart[tail] = k;
    reachedBy[s]! -= 1; // the source reached itself, at distance 0
    // Dependencies, deepest first: a node's is sigma times the sum of its steps' coefficients.
    for (let i = tail - 1; i > 0; i--) {
      let sum = 0;
      for (let p = stepStart[i]!, end = stepStart[i + 1]!; p < end; p++)
        sum += coefficient[steps[p]!]!;
      const paths = sigma[i]!;
      const dependency = paths * sum;
      betweenness[order[i]!]! += dependency;
      coefficient[i] = (1 + dependency) / paths;
    }
    for (let i = 0; i < tail; i++) position[order[i]!] = -1;
    done++;
    if (options.onProgress && done % every === 0) options.onProgress(done, total);
  }
  if (options.onProgress && done % every !== 0) options.onProgress(done, total);
  return { betweenness, reachedBy, distanceIn, sources: done };
}

/**
 * The sources are split into this many interleaved parts (part p: sources p, p + 12, ...), and
 * the parts are added in this order whether one thread or several computed them, so the figures
 * never depend on the thread count. Twelve parts share out evenly between 1, 2, 3 or 4 threads.
 */
export const PATH_PARTS = 12;

/**
 * Runs the given parts of the sources one after the other; `onProgress` counts sources over all
 * of them.
 */
export function partSums(
  g: ArcIndex,
  sources: Int32Array,
  parts: readonly number[],
  onProgress?: (done: number, total: number) => void,
): PathSums[] {
  const sizes = parts.map((p) => Math.max(0, Math.ceil((sources.length - p) / PATH_PARTS)));
  const total = sizes.reduce((a, b) => a + b, 0);
  const progressEvery = Math.max(16, total >> 6);
  let before = 0;
  return parts.map((part, i) => {
    const sums = accumulatePathSums(g, sources, part, PATH_PARTS, {
      ...(onProgress ? { onProgress: (done) => onProgress(before + done, total) } : {}),
      progressEvery,
    });
    before += sizes[i]!;
    return sums;
  });
}

/** The sum of several runs' sums, added in the order given (so the result never depends on
 * which thread finished first). */
export function addPathSums(parts: readonly PathSums[]): PathSums {
  const n = parts[0]?.betweenness.length ?? 0;
  const betweenness = new Float64Array(n);
  const reachedBy = new Float64Array(n);
  const distanceIn = new Float64Array(n);
  let sources = 0;
  for (const part of parts) {
    for (let v = 0; v < n; v++) {
      betweenness[v]! += part.betweenness[v]!;
      reachedBy[v]! += part.reachedBy[v]!;
      distanceIn[v]! += part.distanceIn[v]!;
    }
    sources += part.sources;
  }
  return { betweenness, reachedBy, distanceIn, sources };
}
