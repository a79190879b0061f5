import type { CausalGraph, SkippedConnection } from './causal-graph';
import { buildCausalGraph, stronglyConnectedComponents } from './causal-graph';
import type { MapData, MapLike } from './input';

/** One feedback loop of the causal graph. Plain data: it can cross postMessage as is. */
export interface Loop {
  /**
   * Canonical id of the loop, the same wherever the cycle is entered: the tokens of its links
   * (connection id, or id + `~` for the backward way along a mutual link) in loop order, rotated
   * so the smallest token comes first, joined by single spaces. Two parallel connections between
   * the same factors give two loops with two signatures.
   */
  readonly signature: string;
  /** Display label in result order: R1, R2, ... for reinforcing loops, B1, ... for balancing. */
  readonly label: string;
  /** R (reinforcing: an even number of `-` links) or B (balancing: an odd number). */
  readonly polarity: 'R' | 'B';
  readonly length: number;
  /** Element ids in loop order; `connections[i]` leads from `elements[i]` to `elements[i+1]`. */
  readonly elements: readonly string[];
  readonly connections: readonly string[];
  readonly negativeLinks: number;
  readonly hasDelay: boolean;
  readonly delayedConnections: readonly string[];
  /** Links in the loop that have no polarity yet and were counted as `+`. */
  readonly assumedPositive: readonly string[];
}

export interface FindLoopsOptions {
  /** Longest loop to list, in links. Default 12. */
  readonly maxLength?: number;
  /** Most loops to list. Default 1000. */
  readonly maxLoops?: number;
  /** Time budget in milliseconds. Default 200. */
  readonly timeBudgetMs?: number;
  /** The clock the budget is measured on, in ms. Default `performance.now`; tests pass their own. */
  readonly clock?: () => number;
}

export type LoopLimit = 'maxLoops' | 'maxLength' | 'time';

export interface LoopsResult {
  /**
   * Shortest first; loops of one length in a fixed order (by their first factor in id order).
   * When a limit is hit these are the shortest ones.
   */
  readonly loops: readonly Loop[];
  /** True when the map holds loops that are not in `loops`. */
  readonly truncated: boolean;
  /** Which limit cut the list short. */
  readonly reason?: LoopLimit;
  /**
   * Whether loops longer than `maxLength` exist: 'exist' (one was found), 'possible' (the time
   * ran out before we could tell), 'none'. Only decided when every shorter loop was listed.
   */
  readonly longerLoops: 'exist' | 'possible' | 'none' | 'unknown';
  readonly reinforcing: number;
  readonly balancing: number;
  readonly elapsedMs: number;
  /** Causal links the loop finder could not use (undirected ones), with the reason. */
  readonly skipped: readonly SkippedConnection[];
  /** A sentence for the UI, e.g. "1,000+ loops, showing the shortest." */
  readonly summary: string;
}

const now = (): number => performance.now();

const DEFAULTS = { maxLength: 12, maxLoops: 1000, timeBudgetMs: 200, clock: now } as const;

/** Rotates loop tokens so the smallest comes first and joins them: the loop's signature. */
export function canonicalSignature(tokens: readonly string[]): string {
  if (tokens.length === 0) throw new RangeError('A loop has at least one link.');
  let best = 0;
  for (let i = 1; i < tokens.length; i++) if (tokens[i]! < tokens[best]!) best = i;
  return [...tokens.slice(best), ...tokens.slice(0, best)].join(' ');
}

/** Builds the loop record for a cycle given as arc numbers in order (any rotation). */
export function loopFromArcs(graph: CausalGraph, arcs: readonly number[], label = ''): Loop {
  let best = 0;
  for (let i = 1; i < arcs.length; i++)
    if (graph.arcToken[arcs[i]!]! < graph.arcToken[arcs[best]!]!) best = i;
  const ordered = [...arcs.slice(best), ...arcs.slice(0, best)];
  let negativeLinks = 0;
  const delayedConnections: string[] = [];
  const assumedPositive: string[] = [];
  for (const a of ordered) {
    if (graph.arcNegative[a]) negativeLinks++;
    if (graph.arcDelay[a]) delayedConnections.push(graph.arcConnection[a]!);
    if (graph.arcAssumed[a]) assumedPositive.push(graph.arcConnection[a]!);
  }
  return {
    signature: ordered.map((a) => graph.arcToken[a]!).join(' '),
    label,
    polarity: negativeLinks % 2 === 0 ? 'R' : 'B',
    length: ordered.length,
    elements: ordered.map((a) => graph.nodeIds[graph.arcFrom[a]!]!),
    connections: ordered.map((a) => graph.arcConnection[a]!),
    negativeLinks,
    hasDelay: delayedConnections.length > 0,
    delayedConnections,
    assumedPositive,
  };
}

/**
 * The loop a signature names, if it still exists in the graph: every link is still there, still
 * causal with a usable direction, the links still chain head to tail, and no factor repeats.
 */
export function loopFromSignature(graph: CausalGraph, signature: string): Loop | null {
  const tokens = signature.split(' ').filter((t) => t.length > 0);
  if (tokens.length === 0) return null;
  const arcs: number[] = [];
  for (const t of tokens) {
    const a = graph.arcOfToken.get(t);
    if (a === undefined) return null;
    arcs.push(a);
  }
  return isCycle(graph, arcs) ? loopFromArcs(graph, arcs) : null;
}

/**
 * A loop through the given factors in this order, if one exists now (the first link in token
 * order between each pair). Used to find a named loop again after its links were redrawn.
 */
export function loopFromMembers(graph: CausalGraph, members: readonly string[]): Loop | null {
  if (members.length === 0) return null;
  const arcs: number[] = [];
  for (let i = 0; i < members.length; i++) {
    const u = graph.indexOf.get(members[i]!);
    const v = graph.indexOf.get(members[(i + 1) % members.length]!);
    if (u === undefined || v === undefined) return null;
    let found = -1;
    for (let p = graph.outStart[u]!; p < graph.outStart[u + 1]!; p++) {
      const a = graph.outArcs[p]!;
      if (graph.arcTo[a] === v) {
        found = a;
        break;
      }
    }
    if (found < 0) return null;
    arcs.push(found);
  }
  return isCycle(graph, arcs) ? loopFromArcs(graph, arcs) : null;
}

function isCycle(graph: CausalGraph, arcs: readonly number[]): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < arcs.length; i++) {
    const a = arcs[i]!;
    const next = arcs[(i + 1) % arcs.length]!;
    if (graph.arcTo[a] !== graph.arcFrom[next]) return false;
    if (seen.has(graph.arcFrom[a]!)) return false;
    seen.add(graph.arcFrom[a]!);
  }
  return true;
}

function checkOptions(options: FindLoopsOptions): Required<FindLoopsOptions> {
  const o = { ...DEFAULTS, ...options };
  if (!Number.isInteger(o.maxLength) || o.maxLength < 1)
    throw new RangeError('maxLength must be a whole number of links, at least 1.');
  if (!Number.isInteger(o.maxLoops) || o.maxLoops < 0)
    throw new RangeError('maxLoops must be a whole number, 0 or more.');
  if (!(o.timeBudgetMs > 0))
    throw new RangeError('timeBudgetMs must be a positive number of milliseconds.');
  return o;
}

/**
 * Lists the feedback loops (elementary cycles) of the map's causal graph, shortest first.
 *
 * Method: Tarjan's strongly connected components first (a loop never leaves its component),
 * then, for each length L = 1, 2, ... maxLength, a depth-first search from each factor s over
 * the factors after s in id order in s's component, closing only at exactly L links. A cycle is
 * found once, from its first factor. A reverse breadth-first search gives each factor's distance
 * back to s, and the search drops a path that can no longer close within L links. Going length
 * by length means that when the loop count or the time budget runs out, what is listed is every
 * loop shorter than the current length plus some of that length: the shortest ones.
 */
export function findLoops(
  map: MapLike | MapData | CausalGraph,
  options: FindLoopsOptions = {},
): LoopsResult {
  const { maxLength, maxLoops, timeBudgetMs, clock } = checkOptions(options);
  const started = clock();
  // The search stops a tenth early: building the last loop records and collecting garbage
  // (tens of thousands of loops are tens of megabytes) must fit in the budget too.
  const deadline = started + timeBudgetMs * 0.9;
  const graph = 'arcTo' in map ? map : buildCausalGraph(map);
  const n = graph.nodeIds.length;
  const { arcFrom, arcTo, outStart, outArcs } = graph;
  const { component, count } = stronglyConnectedComponents(n, outStart, outArcs, arcTo);

  // Component sizes, each node's position within its component (nodes ascend by index), and
  // the in-arc lists for the backward distance search.
  const compSize = new Int32Array(count);
  const posInComp = new Int32Array(n);
  for (let v = 0; v < n; v++) posInComp[v] = compSize[component[v]!]!++;
  const hasSelfArc = new Uint8Array(n);
  for (let a = 0; a < graph.arcCount; a++) if (arcFrom[a] === arcTo[a]) hasSelfArc[arcFrom[a]!] = 1;
  const inStart = new Int32Array(n + 1);
  for (let a = 0; a < graph.arcCount; a++) inStart[arcTo[a]! + 1]!++;
  for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
  const inArcs = new Int32Array(graph.arcCount);
  const fill = inStart.slice(0, n);
  for (let a = 0; a < graph.arcCount; a++) inArcs[fill[arcTo[a]!]!++] = a;
  let largest = 0;
  for (let c = 0; c < count; c++) largest = Math.max(largest, compSize[c]!);

  const found: Loop[] = [];
  let reinforcing = 0;
  let balancing = 0;
  let reason: LoopLimit | undefined;
  let steps = 0;
  const INF = 0x3fffffff;
  const dist = new Int32Array(n).fill(INF);
  const queue = new Int32Array(n);
  const onPath = new Uint8Array(n);
  const topLength = Math.min(maxLength, Math.max(largest, 1));
  const nodeAt = new Int32Array(topLength + 1);
  const posAt = new Int32Array(topLength + 1);
  const pathArcs = new Int32Array(topLength + 1);

  search: for (let L = 1; L <= topLength; L++) {
    for (let s = 0; s < n; s++) {
      const c = component[s]!;
      if (L === 1 ? !hasSelfArc[s] : compSize[c]! - posInComp[s]! < L) continue;
      if (clock() > deadline) {
        reason = 'time';
        break search;
      }
      // Distances back to s within the allowed factors (same component, after s), up to L - 1.
      let qh = 0;
      let qt = 0;
      dist[s] = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const w = queue[qh++]!;
        const dw = dist[w]!;
        if (dw >= L - 1) continue;
        for (let p = inStart[w]!; p < inStart[w + 1]!; p++) {
          const x = arcFrom[inArcs[p]!]!;
          if (x > s && component[x] === c && dist[x] === INF) {
            dist[x] = dw + 1;
            queue[qt++] = x;
          }
        }
      }
      // Depth-first search for cycles of exactly L links through s.
      let depth = 0;
      nodeAt[0] = s;
      posAt[0] = outStart[s]!;
      onPath[s] = 1;
      while (depth >= 0) {
        const u = nodeAt[depth]!;
        const p = posAt[depth]!;
        if (p >= outStart[u + 1]!) {
          onPath[u] = 0;
          depth--;
          continue;
        }
        posAt[depth] = p + 1;
        const a = outArcs[p]!;
        const v = arcTo[a]!;
        if ((++steps & 1023) === 0 && clock() > deadline) {
          reason = 'time';
          for (let d = 0; d <= depth; d++) onPath[nodeAt[d]!] = 0;
          for (let i = 0; i < qt; i++) dist[queue[i]!] = INF;
          break search;
        }
        if (v === s) {
          if (depth + 1 === L) {
            if (found.length >= maxLoops) {
              reason = 'maxLoops';
              for (let d = 0; d <= depth; d++) onPath[nodeAt[d]!] = 0;
              for (let i = 0; i < qt; i++) dist[queue[i]!] = INF;
              break search;
            }
            pathArcs[depth] = a;
            const loop = loopFromArcs(graph, Array.from(pathArcs.subarray(0, depth + 1)));
            found.push({
              ...loop,
              label: loop.polarity === 'R' ? `R${++reinforcing}` : `B${++balancing}`,
            });
          }
          continue;
        }
        if (depth + 1 >= L || v < s || onPath[v] || component[v] !== c || depth + 1 + dist[v]! > L)
          continue;
        pathArcs[depth] = a;
        depth++;
        nodeAt[depth] = v;
        posAt[depth] = outStart[v]!;
        onPath[v] = 1;
      }
      for (let i = 0; i < qt; i++) dist[queue[i]!] = INF;
    }
  }

  // Are there loops longer than maxLength? Only asked when every shorter loop was listed.
  let longerLoops: LoopsResult['longerLoops'] = 'unknown';
  if (reason === undefined) {
    longerLoops =
      largest > maxLength
        ? hasLongerCycle(graph, component, compSize, maxLength, deadline, clock)
        : 'none';
    if (longerLoops !== 'none') reason = 'maxLength';
  }

  return {
    loops: found,
    truncated: reason !== undefined,
    ...(reason ? { reason } : {}),
    longerLoops,
    reinforcing,
    balancing,
    elapsedMs: clock() - started,
    skipped: graph.skipped,
    summary: summarise(found.length, reinforcing, balancing, reason, maxLength, longerLoops),
  };
}

function summarise(
  total: number,
  r: number,
  b: number,
  reason: LoopLimit | undefined,
  maxLength: number,
  longer: LoopsResult['longerLoops'],
): string {
  const fmt = (x: number): string => x.toLocaleString('en-US');
  if (total === 0 && !reason) return 'No feedback loops yet.';
  const split = `${fmt(r)} reinforcing, ${fmt(b)} balancing`;
  if (reason === 'maxLoops') return `${fmt(total)}+ loops, showing the shortest (${split}).`;
  if (reason === 'time')
    return `${fmt(total)}+ loops found before the time ran out, showing the shortest (${split}).`;
  if (reason === 'maxLength')
    return `${fmt(total)} loops of up to ${maxLength} links (${split}); longer loops ${longer === 'possible' ? 'may exist and' : 'exist but'} are not listed.`;
  return `${fmt(total)} ${total === 1 ? 'loop' : 'loops'} (${split}).`;
}

/** Looks for one cycle longer than `maxLength` (a witness), within the time left. */
function hasLongerCycle(
  graph: CausalGraph,
  component: Int32Array,
  compSize: Int32Array,
  maxLength: number,
  deadline: number,
  clock: () => number,
): 'exist' | 'possible' | 'none' {
  const n = graph.nodeIds.length;
  const { outStart, outArcs, arcTo } = graph;
  const onPath = new Uint8Array(n);
  const nodeAt = new Int32Array(n + 1);
  const posAt = new Int32Array(n + 1);
  let steps = 0;
  for (let s = 0; s < n; s++) {
    const c = component[s]!;
    if (compSize[c]! <= maxLength) continue;
    let depth = 0;
    nodeAt[0] = s;
    posAt[0] = outStart[s]!;
    onPath[s] = 1;
    while (depth >= 0) {
      const u = nodeAt[depth]!;
      const p = posAt[depth]!;
      if (p >= outStart[u + 1]!) {
        onPath[u] = 0;
        depth--;
        continue;
      }
      posAt[depth] = p + 1;
      const v = arcTo[outArcs[p]!]!;
      if ((++steps & 1023) === 0 && clock() > deadline) return 'possible';
      if (v === s) {
        if (depth + 1 > maxLength) return 'exist';
        continue;
      }
      if (v < s || onPath[v] || component[v] !== c) continue;
      depth++;
      nodeAt[depth] = v;
      posAt[depth] = outStart[v]!;
      onPath[v] = 1;
    }
  }
  return 'none';
}
