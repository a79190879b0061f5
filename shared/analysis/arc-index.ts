/**
 * A graph as compact arrays (compressed sparse rows) for the centrality measures: nodes are
 * 0..n-1, arcs are one-way steps. An undirected tie is two arcs. Parallel arcs and self-loops
 * are dropped: two relationships between the same people do not make them "more connected" for
 * shortest paths, as in a simple graph in NetworkX. Rows are sorted by neighbour, so results
 * never depend on the order the input came in.
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
  const valid = (u: number, v: number) => u !== v && u >= 0 && v >= 0 && u < n && v < n;
  const rowStart = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i + 1 < pairs.length; i += 2)
    if (valid(pairs[i]!, pairs[i + 1]!)) {
      rowStart[pairs[i]! + 1]!++;
      total++;
    }
  for (let v = 0; v < n; v++) rowStart[v + 1]! += rowStart[v]!;
  const raw = new Int32Array(total);
  const fill = rowStart.slice(0, n);
  for (let i = 0; i + 1 < pairs.length; i += 2)
    if (valid(pairs[i]!, pairs[i + 1]!)) raw[fill[pairs[i]!]!++] = pairs[i + 1]!;
  // sort each row and drop repeats
  const outStart = new Int32Array(n + 1);
  let m = 0;
  for (let u = 0; u < n; u++) {
    const row = raw.subarray(rowStart[u]!, rowStart[u + 1]!).sort();
    for (let k = 0; k < row.length; k++) if (k === 0 || row[k] !== row[k - 1]) raw[m++] = row[k]!;
    outStart[u + 1] = m;
  }
  const outTo = raw.slice(0, m);
  const inStart = new Int32Array(n + 1);
  for (let p = 0; p < m; p++) inStart[outTo[p]! + 1]!++;
  for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
  const inFrom = new Int32Array(m);
  const inFill = inStart.slice(0, n);
  for (let u = 0; u < n; u++)
    for (let p = outStart[u]!; p < outStart[u + 1]!; p++) inFrom[inFill[outTo[p]!]!++] = u;
  let symmetric = true;
  for (let u = 0; u < n && symmetric; u++)
    for (let p = outStart[u]!; p < outStart[u + 1]!; p++)
      if (!hasArc(outStart, outTo, outTo[p]!, u)) {
        symmetric = false;
        break;
      }
  return { n, outStart, outTo, inStart, inFrom, symmetric };
}

/** Whether the arc u -> v exists (binary search in u's sorted row). */
export function hasArc(outStart: Int32Array, outTo: Int32Array, u: number, v: number): boolean {
  let lo = outStart[u]!;
  let hi = outStart[u + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = outTo[mid]!;
    if (w === v) return true;
    if (w < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
