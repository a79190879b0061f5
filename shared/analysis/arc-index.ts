/**
 * A graph as compact arrays (compressed sparse rows) for the centrality measures: nodes are
 * 0..n-1, arcs are one-way steps. An undirected tie is two arcs. Parallel arcs and self-loops
 * are dropped: two relationships between the same people do not make them "more connected" for
 * shortest paths, as in a simple graph in NetworkX.
 */
export interface ArcIndex {
  readonly n: number;
  /** Arcs leaving v: outTo[outStart[v] .. outStart[v+1]). */
  readonly outStart: Int32Array;
  readonly outTo: Int32Array;
  /** Arcs entering v: inFrom[inStart[v] .. inStart[v+1]). */
  readonly inStart: Int32Array;
  readonly inFrom: Int32Array;
  /** True when every arc has its reverse (an undirected graph). */
  readonly symmetric: boolean;
}

/** Builds the index from arcs given as pairs [from, to, from, to, ...]. */
export function buildArcIndex(n: number, pairs: ArrayLike<number>): ArcIndex {
  const seen = new Set<number>();
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const u = pairs[i]!;
    const v = pairs[i + 1]!;
    if (u === v || u < 0 || v < 0 || u >= n || v >= n) continue;
    const key = u * n + v;
    if (seen.has(key)) continue;
    seen.add(key);
    from.push(u);
    to.push(v);
  }
  let symmetric = true;
  for (let i = 0; i < from.length; i++)
    if (!seen.has(to[i]! * n + from[i]!)) {
      symmetric = false;
      break;
    }
  const csr = (keys: number[], values: number[]) => {
    const start = new Int32Array(n + 1);
    for (const k of keys) start[k + 1]!++;
    for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
    const out = new Int32Array(keys.length);
    const fill = start.slice(0, n);
    // keep each row sorted by neighbour so results never depend on input order
    const order = keys
      .map((_, i) => i)
      .sort((a, b) => keys[a]! - keys[b]! || values[a]! - values[b]!);
    for (const i of order) out[fill[keys[i]!]!++] = values[i]!;
    return { start, out };
  };
  const o = csr(from, to);
  const r = csr(to, from);
  return { n, outStart: o.start, outTo: o.out, inStart: r.start, inFrom: r.out, symmetric };
}
