import type { MapData, MapLike } from './input';
import { asMapData } from './input';

/** A causal connection the loop finder could not use, with the reason in words. */
export interface SkippedConnection {
  readonly connectionId: string;
  readonly reason: string;
}

/**
 * The causal graph as arcs (one-way steps of influence) in compact arrays.
 *
 * How connection directions become arcs:
 * - `directed`: one arc, from -> to.
 * - `mutual`: two arcs, from -> to and to -> from, with the same polarity and delay ("each
 *   drives the other"). The backward arc's token is the connection id followed by `~`, so a
 *   mutual link on its own is a two-step loop (always reinforcing, since its two signs agree).
 * - `undirected`: no arc. Influence needs a direction, so such a link cannot carry a loop; it
 *   is listed in `skipped` so the UI can ask the group to give it a direction.
 * A causal connection with no polarity counts as `+`, and loops through it say so.
 */
export interface CausalGraph {
  /** Ids of the elements that take part in at least one usable causal link, sorted. */
  readonly nodeIds: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly arcCount: number;
  readonly arcFrom: Int32Array;
  readonly arcTo: Int32Array;
  /** The connection each arc comes from. */
  readonly arcConnection: readonly string[];
  /** The connection id, or the id followed by `~` for the backward arc of a mutual link. */
  readonly arcToken: readonly string[];
  /** 1 when the link is `-`. */
  readonly arcNegative: Uint8Array;
  /** 1 when the link is marked as delayed. */
  readonly arcDelay: Uint8Array;
  /** 1 when the link has no polarity and was counted as `+`. */
  readonly arcAssumed: Uint8Array;
  /** Arcs leaving node i: outArcs[outStart[i] .. outStart[i+1]), in token order. */
  readonly outStart: Int32Array;
  readonly outArcs: Int32Array;
  readonly arcOfToken: ReadonlyMap<string, number>;
  readonly skipped: readonly SkippedConnection[];
}

export const REVERSE_MARK = '~';

export function buildCausalGraph(map: MapLike | MapData): CausalGraph {
  const data = asMapData(map);
  const skipped: SkippedConnection[] = [];
  interface Arc {
    from: string;
    to: string;
    connection: string;
    token: string;
    negative: boolean;
    delay: boolean;
    assumed: boolean;
  }
  const arcs: Arc[] = [];
  for (const c of data.connections) {
    if (c.kind !== 'causal' || c.proposed) continue;
    if (c.direction === 'undirected') {
      skipped.push({
        connectionId: c.id,
        reason: 'This causal link has no direction, so it cannot carry influence around a loop.',
      });
      continue;
    }
    const base = {
      negative: c.polarity === '-',
      delay: c.delay === true,
      assumed: c.polarity !== '+' && c.polarity !== '-',
      connection: c.id,
    };
    arcs.push({ ...base, from: c.from, to: c.to, token: c.id });
    if (c.direction === 'mutual')
      arcs.push({ ...base, from: c.to, to: c.from, token: c.id + REVERSE_MARK });
  }
  const ids = new Set<string>();
  for (const a of arcs) {
    ids.add(a.from);
    ids.add(a.to);
  }
  const nodeIds = [...ids].sort();
  const indexOf = new Map<string, number>();
  nodeIds.forEach((id, i) => indexOf.set(id, i));
  arcs.sort((a, b) => {
    const fa = indexOf.get(a.from)!;
    const fb = indexOf.get(b.from)!;
    return fa - fb || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0);
  });
  const m = arcs.length;
  const n = nodeIds.length;
  const arcFrom = new Int32Array(m);
  const arcTo = new Int32Array(m);
  const arcNegative = new Uint8Array(m);
  const arcDelay = new Uint8Array(m);
  const arcAssumed = new Uint8Array(m);
  const outStart = new Int32Array(n + 1);
  const outArcs = new Int32Array(m);
  const arcOfToken = new Map<string, number>();
  arcs.forEach((a, i) => {
    arcFrom[i] = indexOf.get(a.from)!;
    arcTo[i] = indexOf.get(a.to)!;
    arcNegative[i] = a.negative ? 1 : 0;
    arcDelay[i] = a.delay ? 1 : 0;
    arcAssumed[i] = a.assumed ? 1 : 0;
    outStart[arcFrom[i]! + 1]!++;
    outArcs[i] = i; // arcs are sorted by source, so CSR order is arc order
    arcOfToken.set(a.token, i);
  });
  for (let i = 0; i < n; i++) outStart[i + 1]! += outStart[i]!;
  return {
    nodeIds,
    indexOf,
    arcCount: m,
    arcFrom,
    arcTo,
    arcConnection: arcs.map((a) => a.connection),
    arcToken: arcs.map((a) => a.token),
    arcNegative,
    arcDelay,
    arcAssumed,
    outStart,
    outArcs,
    arcOfToken,
    skipped,
  };
}

/**
 * Strongly connected components (Tarjan's algorithm, iterative so deep maps cannot overflow the
 * stack). Returns the component number of each node; every loop lies inside one component.
 */
export function stronglyConnectedComponents(
  n: number,
  outStart: Int32Array,
  outArcs: Int32Array,
  arcTo: Int32Array,
): { component: Int32Array; count: number } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let sp = 0;
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let next = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = outStart[root]!;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < outStart[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = arcTo[outArcs[e]!]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = outStart[w]!;
        } else if (onStack[w] && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          component[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { component, count };
}
