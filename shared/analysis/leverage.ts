import { buildArcIndex } from './arc-index';
import type { CausalGraph } from './causal-graph';
import { buildCausalGraph } from './causal-graph';
import { pathCentralities } from './centrality';
import type { MapData, MapLike } from './input';
import { asMapData } from './input';
import type { Loop, LoopsResult } from './loops';
import { meadowsLevel } from './meadows';
import { listPhrase, quoted } from './phrase';
import { causalEffects, explainLeverage, suggestLevel } from './leverage-explain';

export interface LeverageLoopRef {
  readonly signature: string;
  readonly label: string;
  readonly polarity: 'R' | 'B';
  /** The group's name for the loop, if any. */
  readonly name?: string;
}

export interface LeverageCandidate {
  readonly elementId: string;
  readonly label: string;
  readonly rank: number;
  /** 0..1, see `rankLeverage`. */
  readonly score: number;
  /** The structural part of the score alone (0..1), before votes. */
  readonly structuralScore: number;
  readonly loopCount: number;
  /** Loops through it: named ones first, then the shortest (at most 10). */
  readonly loops: readonly LeverageLoopRef[];
  /** Other factors reached by following causal links forward at most 3 steps. */
  readonly reach: number;
  /** Betweenness in the causal graph (directed, normalised 0..1). */
  readonly betweenness: number;
  readonly votes: number;
  /**
   * Meadows level: the one the group tagged, else one the analysis suggests from the factor's
   * role (its words) or its loops (`suggestLevel`), else null.
   */
  readonly level: number | null;
  readonly levelSource: 'tagged' | 'suggested' | 'none';
  readonly levelName: string | null;
  readonly levelExplanation: string | null;
  /**
   * Why, about this factor: its loops (name, type, the factors in them), what a push on it does
   * around them and to what it drives, its reach, votes, and why a level is suggested
   * (`leverage-explain.ts`).
   */
  readonly explanation: string;
}

export interface LeverageOptions {
  /** The group's votes per element id (dot voting). */
  readonly votes?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  /** Share of the score given to votes when there are any, 0..1. Default 0.3. */
  readonly votesWeight?: number;
  /** Candidates returned. Default 50. */
  readonly limit?: number;
  /** Loop names by signature, for the explanations (defaults to the map's loop notes). */
  readonly loopNames?: ReadonlyMap<string, string>;
}

export const LEVERAGE_WEIGHTS = { loops: 0.5, reach: 0.25, betweenness: 0.25 } as const;
const REACH_STEPS = 3;

/**
 * Ranks factors as leverage points by the structure of the causal graph, with room for the
 * group's votes. For each factor in at least one causal link:
 *
 *   structural = 0.5 * loops / most loops + 0.25 * reach / most reach
 *              + 0.25 * betweenness / most betweenness
 *   score      = (1 - w) * structural + w * votes / most votes
 *
 * where "most" is the largest value among the candidates (a term is 0 if that largest value is
 * 0), loops counts the loops in `loops` through the factor (a lower bound when the loop list was
 * truncated: the explanation then says "at least"), reach is the number of other factors reached
 * along causal links in at most 3 steps, and w is `votesWeight` (0.3) when anyone voted, else 0.
 * Loop participation weighs most because a factor inside feedback loops changes what comes back
 * to it. Ties are broken by id, so the order is stable.
 */
export function rankLeverage(
  map: MapLike | MapData,
  loops: LoopsResult | readonly Loop[],
  options: LeverageOptions = {},
): LeverageCandidate[] {
  const data = asMapData(map);
  const graph = buildCausalGraph(data);
  const loopList = Array.isArray(loops) ? (loops as readonly Loop[]) : (loops as LoopsResult).loops;
  const truncated = !Array.isArray(loops) && (loops as LoopsResult).truncated;
  const names =
    options.loopNames ??
    new Map(data.loopNotes.filter((l) => l.name.trim()).map((l) => [l.signature, l.name]));
  const votes = toVoteMap(options.votes);
  const n = graph.nodeIds.length;

  const loopsOf: Loop[][] = Array.from({ length: n }, () => []);
  for (const loop of loopList)
    for (const id of loop.elements) {
      const i = graph.indexOf.get(id);
      if (i !== undefined) loopsOf[i]!.push(loop);
    }
  const isFactor = Uint8Array.from(graph.nodeIds, (id) =>
    data.byId.get(id)!.kind === 'factor' ? 1 : 0,
  );
  const reach = reachWithin(graph, REACH_STEPS, isFactor);
  const pairs: number[] = [];
  for (let a = 0; a < graph.arcCount; a++) pairs.push(graph.arcFrom[a]!, graph.arcTo[a]!);
  const { betweenness } = pathCentralities(buildArcIndex(n, pairs));

  const candidates = graph.nodeIds
    .map((id, i) => ({ id, i, element: data.byId.get(id)! }))
    .filter((c) => c.element.kind === 'factor');
  const max = (f: (i: number, id: string) => number) =>
    candidates.reduce((m, c) => Math.max(m, f(c.i, c.id)), 0);
  const maxLoops = max((i) => loopsOf[i]!.length);
  const maxReach = max((i) => reach[i]!);
  const maxBetween = max((i) => betweenness[i]!);
  const maxVotes = max((_, id) => votes.get(id) ?? 0);
  const w = maxVotes > 0 ? clamp01(options.votesWeight ?? 0.3) : 0;
  const effects = causalEffects(data.connections);
  const labelOf = (x: string) => data.byId.get(x)?.label ?? x;
  const share = (x: number, m: number) => (m > 0 ? x / m : 0);

  const rows = candidates.map(({ id, i, element }) => {
    const through = loopsOf[i]!;
    const structural =
      LEVERAGE_WEIGHTS.loops * share(through.length, maxLoops) +
      LEVERAGE_WEIGHTS.reach * share(reach[i]!, maxReach) +
      LEVERAGE_WEIGHTS.betweenness * share(betweenness[i]!, maxBetween);
    const v = votes.get(id) ?? 0;
    const score = (1 - w) * structural + w * share(v, maxVotes);
    const shownLoops = [...through].sort(
      (a, b) =>
        Number(names.has(b.signature)) - Number(names.has(a.signature)) || a.length - b.length,
    );
    const refs = shownLoops.slice(0, 10).map((l) => ({
      signature: l.signature,
      label: l.label,
      polarity: l.polarity,
      ...(names.has(l.signature) ? { name: names.get(l.signature)! } : {}),
    }));
    const tagged = meadowsLevel(element.leverageLevel);
    const suggestion = tagged ? undefined : suggestLevel(element, through, names);
    const level = tagged ?? suggestion?.level;
    const explanation = explainLeverage({
      through,
      shown: shownLoops,
      truncated,
      names,
      labelOf,
      selfId: id,
      effects: effects.get(id) ?? [],
      reach: reach[i]!,
      reachSteps: REACH_STEPS,
      betweennessShare: share(betweenness[i]!, maxBetween),
      votes: v,
      suggestion,
    });
    return {
      elementId: id,
      label: element.label,
      rank: 0,
      score: Math.round(score * 1e6) / 1e6,
      structuralScore: Math.round(structural * 1e6) / 1e6,
      loopCount: through.length,
      loops: refs,
      reach: reach[i]!,
      betweenness: Math.round(betweenness[i]! * 1e9) / 1e9,
      votes: v,
      level: level?.level ?? null,
      levelSource: tagged ? 'tagged' : suggestion ? 'suggested' : 'none',
      levelName: level?.name ?? null,
      levelExplanation: level?.explanation ?? null,
      explanation,
    } satisfies LeverageCandidate;
  });
  return rows
    .sort((a, b) => b.score - a.score || (a.elementId < b.elementId ? -1 : 1))
    .slice(0, options.limit ?? 50)
    .map((r, k) => ({ ...r, rank: k + 1 }));
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

function toVoteMap(votes: LeverageOptions['votes']): Map<string, number> {
  const out = new Map<string, number>();
  if (!votes) return out;
  const entries = votes instanceof Map ? [...votes.entries()] : Object.entries(votes);
  for (const [id, v] of entries)
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out.set(id, v);
  return out;
}

/** How many other factors each node reaches along causal links in at most `steps` steps. */
function reachWithin(graph: CausalGraph, steps: number, counted: Uint8Array): Int32Array {
  const n = graph.nodeIds.length;
  const out = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const depth = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    depth[s] = 0;
    seen[s] = s;
    while (head < tail) {
      const v = queue[head++]!;
      if (depth[v]! >= steps) continue;
      for (let p = graph.outStart[v]!; p < graph.outStart[v + 1]!; p++) {
        const w = graph.arcTo[graph.outArcs[p]!]!;
        if (seen[w] === s) continue;
        seen[w] = s;
        depth[w] = depth[v]! + 1;
        queue[tail++] = w;
      }
    }
    let count = 0;
    for (let k = 1; k < tail; k++) count += counted[queue[k]!]!;
    out[s] = count;
  }
  return out;
}

/** An actor who can move a factor, and how directly. */
export interface Mover {
  readonly actorId: string;
  readonly label: string;
  /** 1: linked to the factor itself; 2: linked through one other actor or element. */
  readonly distance: 1 | 2;
  /** For distance 2: the elements in between (at most 3 listed). */
  readonly via: readonly { id: string; label: string }[];
  /** For distance 1: whether the actor has a causal link into the factor. */
  readonly influences: boolean;
  readonly explanation: string;
}

export interface MoversEntry {
  readonly elementId: string;
  readonly label: string;
  readonly actors: readonly Mover[];
}

/**
 * "Who can move this?": for each given factor, the actors linked to it directly, then those
 * linked through one other actor or element (any connection kind, either direction; notes and
 * proposed connections are left out). Direct first, then by how many go-betweens they have.
 */
export function whoCanMove(
  map: MapLike | MapData,
  elementIds: readonly string[],
  options: { perFactor?: number } = {},
): MoversEntry[] {
  const data = asMapData(map);
  const perFactor = options.perFactor ?? 10;
  const neighbours = new Map<string, Set<string>>();
  const influences = new Set<string>();
  const link = (a: string, b: string) => {
    const s = neighbours.get(a) ?? new Set<string>();
    s.add(b);
    neighbours.set(a, s);
  };
  for (const c of data.connections) {
    if (c.proposed || c.from === c.to) continue;
    const from = data.byId.get(c.from)!;
    const to = data.byId.get(c.to)!;
    if (from.kind === 'note' || to.kind === 'note') continue;
    link(c.from, c.to);
    link(c.to, c.from);
    if (c.kind === 'causal') {
      influences.add(`${c.from} ${c.to}`);
      if (c.direction !== 'directed') influences.add(`${c.to} ${c.from}`);
    }
  }
  const label = (id: string) => data.byId.get(id)?.label ?? id;
  return elementIds
    .filter((id) => data.byId.has(id))
    .map((target) => {
      const direct = neighbours.get(target) ?? new Set<string>();
      const found = new Map<string, { distance: 1 | 2; via: string[] }>();
      for (const x of direct)
        if (data.byId.get(x)!.kind === 'actor') found.set(x, { distance: 1, via: [] });
      for (const x of direct)
        for (const y of neighbours.get(x) ?? [])
          if (y !== target && data.byId.get(y)!.kind === 'actor' && found.get(y)?.distance !== 1) {
            const entry = found.get(y) ?? { distance: 2 as const, via: [] };
            entry.via.push(x);
            found.set(y, entry);
          }
      const actors = [...found.entries()]
        .sort(
          ([a, x], [b, y]) =>
            x.distance - y.distance ||
            y.via.length - x.via.length ||
            label(a).localeCompare(label(b)) ||
            (a < b ? -1 : 1),
        )
        .slice(0, perFactor)
        .map(([id, f]): Mover => {
          const via = f.via.sort().map((v) => ({ id: v, label: label(v) }));
          const moves = f.distance === 1 && influences.has(`${id} ${target}`);
          return {
            actorId: id,
            label: label(id),
            distance: f.distance,
            via: via.slice(0, 3),
            influences: moves,
            explanation:
              f.distance === 1
                ? `${quoted(label(id))} ${moves ? 'influences it directly' : 'is linked to it directly'}.`
                : `${quoted(label(id))} can reach it through ${listPhrase(via.map((v) => quoted(v.label)))}.`,
          };
        });
      return { elementId: target, label: label(target), actors };
    });
}
