import type { ArcIndex } from './arc-index';
import { buildArcIndex, hasArc } from './arc-index';
import type { MapData, MapLike } from './input';
import { asMapData } from './input';

/** One relationship between two different actors. */
export interface Tie {
  readonly connectionId: string;
  readonly a: number;
  readonly b: number;
  /** Only `directed` relationships have a direction (a -> b); `mutual` and `undirected` do not. */
  readonly directed: boolean;
  /** The connection's weight (1 when none is set): how strong the tie is. */
  readonly weight: number;
}

/**
 * The actor network: elements of kind `actor` and the `relationship` connections between two of
 * them. Proposed relationships (weaving suggestions not yet made) are not ties. Relationships
 * that touch a non-actor, and causal links, belong to the system lens and are not ties here.
 */
export interface ActorNetwork {
  readonly ids: readonly string[];
  readonly labels: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly ties: readonly Tie[];
  /** Directed ties one way, the others both ways: for betweenness, closeness, eigenvector. */
  readonly arcs: ArcIndex;
  /** Every tie both ways, ignoring direction: for clusters, brokerage and bridges. */
  readonly simple: ArcIndex;
  /** Distinct contacts whose tie reaches this actor (directed ties in, plus undirected ones). */
  readonly inDegree: Int32Array;
  /** Distinct contacts this actor's ties reach (directed ties out, plus undirected ones). */
  readonly outDegree: Int32Array;
  /** Distinct contacts, whatever the direction. */
  readonly degree: Int32Array;
  /** Whether two actors have any tie, either way. */
  connected(a: number, b: number): boolean;
  /**
   * The strength of the pair's ties (their weights added, either way), or null when every tie
   * has the default weight 1: then measures that can weigh ties stay unweighted.
   */
  readonly pairWeight: ((a: number, b: number) => number) | null;
}

export function buildActorNetwork(map: MapLike | MapData): ActorNetwork {
  const data = asMapData(map);
  const actors = data.elements.filter((e) => e.kind === 'actor');
  const ids = actors.map((e) => e.id);
  const labels = actors.map((e) => e.label);
  const indexOf = new Map<string, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  const n = ids.length;
  const ties: Tie[] = [];
  const arcPairs: number[] = [];
  const simplePairs: number[] = [];
  for (const c of data.connections) {
    if (c.kind !== 'relationship' || c.proposed) continue;
    const a = indexOf.get(c.from);
    const b = indexOf.get(c.to);
    if (a === undefined || b === undefined || a === b) continue;
    const directed = c.direction === 'directed';
    ties.push({ connectionId: c.id, a, b, directed, weight: c.weight ?? 1 });
    arcPairs.push(a, b);
    if (!directed) arcPairs.push(b, a);
    simplePairs.push(a, b, b, a);
  }
  const arcs = buildArcIndex(n, arcPairs);
  const simple = buildArcIndex(n, simplePairs);
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  const degree = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    inDegree[v] = arcs.inStart[v + 1]! - arcs.inStart[v]!;
    outDegree[v] = arcs.outStart[v + 1]! - arcs.outStart[v]!;
    degree[v] = simple.outStart[v + 1]! - simple.outStart[v]!;
  }
  const connected = (a: number, b: number): boolean =>
    degree[a]! <= degree[b]!
      ? hasArc(simple.outStart, simple.outTo, a, b)
      : hasArc(simple.outStart, simple.outTo, b, a);
  let pairWeight: ActorNetwork['pairWeight'] = null;
  if (ties.some((t) => t.weight !== 1)) {
    const strength = new Map<number, number>();
    const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
    for (const t of ties)
      strength.set(key(t.a, t.b), (strength.get(key(t.a, t.b)) ?? 0) + t.weight);
    pairWeight = (a, b) => strength.get(key(a, b)) ?? 0;
  }
  return {
    ids,
    labels,
    indexOf,
    ties,
    arcs,
    simple,
    inDegree,
    outDegree,
    degree,
    connected,
    pairWeight,
  };
}
