import type { ActorNetwork } from './actor-network';
import type { MapData } from './input';
import { listPhrase, quoted } from './phrase';

/** A proposed introduction between two actors in different clusters who are not yet tied. */
export interface WeavingSuggestion {
  readonly a: string;
  readonly b: string;
  readonly aLabel: string;
  readonly bLabel: string;
  readonly clusterA: number;
  readonly clusterB: number;
  /** Higher is a better match; see `weavingSuggestions` for the formula. */
  readonly score: number;
  /** Tags both carry (as first written on the map). */
  readonly sharedTags: readonly string[];
  /** Factors (or interventions) both are linked to; `influence` when both have a causal link to it. */
  readonly sharedFactors: readonly { id: string; label: string; influence: boolean }[];
  /** Actors who know both. */
  readonly commonContacts: readonly { id: string; label: string }[];
  /** e.g. "Both work on 'housing' and both influence 'School readiness'; 'Ana' knows both." */
  readonly reason: string;
}

export interface WeavingOptions {
  /** How many suggestions. Default 20. */
  readonly limit?: number;
  /** At most this many suggestions name the same actor. Default 3. */
  readonly perActor?: number;
  /**
   * A tag, factor or contact shared by more actors than this is too common to tell anything
   * (and would add a pair for every two of them): it is left out. Default 200.
   */
  readonly maxGroup?: number;
  /** Cap on candidate pairs held in memory. Default 500,000. */
  readonly maxPairs?: number;
}

const WEIGHT = { tag: 1, factor: 1.5, contact: 1 } as const;

/**
 * Suggests introductions. Instead of scoring every pair of actors (25 million at 5,000), it goes
 * through what actors share: for each tag, each linked factor and each actor's contacts, every
 * two holders in different clusters who are not tied become a candidate pair. Each shared item
 * adds its weight (tag 1, factor 1.5, common contact 1) divided by log2(1 + its holders), so a
 * rare overlap counts more than a common one. The best pairs win, at most `perActor` per actor
 * (if that cap leaves fewer than `limit`, the list is shorter).
 */
export function weavingSuggestions(
  data: MapData,
  net: ActorNetwork,
  clusterOf: Int32Array,
  options: WeavingOptions = {},
): WeavingSuggestion[] {
  const limit = options.limit ?? 20;
  const perActor = options.perActor ?? 3;
  const maxGroup = options.maxGroup ?? 200;
  const maxPairs = options.maxPairs ?? 500_000;
  const n = net.ids.length;
  if (n < 2 || limit <= 0) return [];

  // Shared items: tags (case and spacing ignored), linked factors, contacts.
  const tagHolders = new Map<string, { label: string; holders: number[] }>();
  net.ids.forEach((id, i) => {
    const e = data.byId.get(id)!;
    const seen = new Set<string>();
    for (const tag of e.tags) {
      const key = tag.trim().toLowerCase();
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const entry = tagHolders.get(key);
      if (entry) entry.holders.push(i);
      else tagHolders.set(key, { label: tag.trim(), holders: [i] });
    }
  });
  const factorHolders = new Map<string, { holders: number[]; influence: Set<number> }>();
  const linked = new Set<string>();
  for (const c of data.connections) {
    if (c.proposed) continue;
    for (const [actorId, otherId] of [
      [c.from, c.to],
      [c.to, c.from],
    ] as const) {
      const i = net.indexOf.get(actorId);
      const other = data.byId.get(otherId);
      if (i === undefined || !other || (other.kind !== 'factor' && other.kind !== 'intervention'))
        continue;
      const entry = factorHolders.get(other.id) ?? { holders: [], influence: new Set<number>() };
      factorHolders.set(other.id, entry);
      const key = `${i} ${other.id}`;
      if (!linked.has(key)) {
        linked.add(key);
        entry.holders.push(i);
      }
      if (c.kind === 'causal' && (c.from === actorId || c.direction !== 'directed'))
        entry.influence.add(i);
    }
  }
  const proposed = new Set<number>();
  for (const c of data.connections) {
    if (!c.proposed || c.kind !== 'relationship') continue;
    const a = net.indexOf.get(c.from);
    const b = net.indexOf.get(c.to);
    if (a !== undefined && b !== undefined) proposed.add(a < b ? a * n + b : b * n + a);
  }

  // Candidate pairs and their scores; -1 marks a pair that may not be suggested.
  const scores = new Map<number, number>();
  const addGroup = (holders: ArrayLike<number>, weightBase: number) => {
    const h = holders.length;
    if (h < 2 || h > maxGroup) return;
    const weight = weightBase / Math.log2(1 + h);
    for (let x = 0; x < h; x++)
      for (let y = x + 1; y < h; y++) {
        const u = Math.min(holders[x]!, holders[y]!);
        const v = Math.max(holders[x]!, holders[y]!);
        const key = u * n + v;
        const score = scores.get(key);
        if (score === undefined) {
          if (scores.size >= maxPairs) continue;
          const allowed =
            clusterOf[u] !== clusterOf[v] && !proposed.has(key) && !net.connected(u, v);
          scores.set(key, allowed ? weight : -1);
        } else if (score >= 0) scores.set(key, score + weight);
      }
  };
  const tagList = [...tagHolders.values()];
  const factorList = [...factorHolders.entries()];
  // Smaller (rarer, more telling) groups first, so that if the pair cap is reached, those are in.
  const groups: { holders: ArrayLike<number>; weight: number }[] = [
    ...tagList.map((t) => ({ holders: t.holders, weight: WEIGHT.tag })),
    ...factorList.map(([, f]) => ({ holders: f.holders, weight: WEIGHT.factor })),
  ];
  const { outStart, outTo } = net.simple;
  for (let k = 0; k < n; k++)
    if (outStart[k + 1]! - outStart[k]! >= 2)
      groups.push({
        holders: outTo.subarray(outStart[k]!, outStart[k + 1]!),
        weight: WEIGHT.contact,
      });
  groups.sort((x, y) => x.holders.length - y.holders.length);
  for (const g of groups) addGroup(g.holders, g.weight);

  const ranked = topPairs(scores, limit * perActor * 4);
  const uses = new Int32Array(n);
  const out: WeavingSuggestion[] = [];
  const tagsOf = (i: number) =>
    new Set(data.byId.get(net.ids[i]!)!.tags.map((t) => t.trim().toLowerCase()));
  for (const [key, score] of ranked) {
    if (out.length >= limit) break;
    const u = Math.floor(key / n);
    const v = key - u * n;
    if (uses[u]! >= perActor || uses[v]! >= perActor) continue;
    uses[u]!++;
    uses[v]!++;
    // What they share, found again for this pair only.
    const tv = tagsOf(v);
    const sharedTags = [...tagsOf(u)]
      .filter((t) => tv.has(t) && tagHolders.get(t)!.holders.length <= maxGroup)
      .map((t) => tagHolders.get(t)!.label);
    const sharedFactors = factorList
      .filter(
        ([, f]) => f.holders.length <= maxGroup && f.holders.includes(u) && f.holders.includes(v),
      )
      .map(([id, f]) => ({
        id,
        label: data.byId.get(id)!.label,
        influence: f.influence.has(u) && f.influence.has(v),
      }));
    const commonContacts: { id: string; label: string }[] = [];
    for (let p = outStart[u]!; p < outStart[u + 1]!; p++) {
      const k = outTo[p]!;
      if (outStart[k + 1]! - outStart[k]! <= maxGroup && net.connected(k, v))
        commonContacts.push({ id: net.ids[k]!, label: net.labels[k]! });
    }
    out.push({
      a: net.ids[u]!,
      b: net.ids[v]!,
      aLabel: net.labels[u]!,
      bLabel: net.labels[v]!,
      clusterA: clusterOf[u]!,
      clusterB: clusterOf[v]!,
      score: Math.round(score * 1000) / 1000,
      sharedTags,
      sharedFactors,
      commonContacts,
      reason: weavingReason(sharedTags, sharedFactors, commonContacts),
    });
  }
  return out;
}

/** The `k` best-scoring allowed pairs, best first (ties by pair key), without sorting them all. */
function topPairs(scores: ReadonlyMap<number, number>, k: number): [number, number][] {
  const better = (a: [number, number], b: [number, number]) =>
    a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  const heap: [number, number][] = []; // min-heap: the worst kept pair on top
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && better(heap[w]!, heap[l]!)) w = l;
      if (r < heap.length && better(heap[w]!, heap[r]!)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  for (const [key, score] of scores) {
    if (score < 0) continue;
    const item: [number, number] = [key, score];
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent]!, heap[i]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (better(item, heap[0]!)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

export function weavingReason(
  tags: readonly string[],
  factors: readonly { label: string; influence: boolean }[],
  contacts: readonly { label: string }[],
): string {
  const shared: string[] = [];
  if (tags.length > 0) shared.push(`work on ${listPhrase(tags.map((t) => quoted(t)))}`);
  const influence = factors.filter((f) => f.influence).map((f) => quoted(f.label));
  const linkedOnly = factors.filter((f) => !f.influence).map((f) => quoted(f.label));
  if (influence.length > 0) shared.push(`influence ${listPhrase(influence)}`);
  if (linkedOnly.length > 0) shared.push(`are linked to ${listPhrase(linkedOnly)}`);
  const parts: string[] = [];
  if (shared.length > 0) parts.push(`Both ${shared.join(' and both ')}`);
  if (contacts.length > 0) {
    const names = contacts.map((c) => quoted(c.label));
    parts.push(`${listPhrase(names)} ${contacts.length === 1 ? 'knows' : 'know'} both`);
  }
  return parts.length > 0 ? `${parts.join('; ')}.` : 'They sit in different clusters.';
}
