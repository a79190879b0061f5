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
   * A tag, factor or contact shared by more actors than this is too common to suggest pairs
   * from (it would add a pair for every two of them); it still counts for pairs found through
   * something rarer. Default 200.
   */
  readonly maxGroup?: number;
  /** Cap on candidate pairs held in memory. Default 500,000. */
  readonly maxPairs?: number;
}

const WEIGHT = { tag: 1, factor: 1.5, contact: 1 } as const;

interface PairAcc {
  score: number;
  tags: number[];
  factors: number[];
  contacts: number[];
}

/**
 * Suggests introductions. Instead of scoring every pair of actors (25 million at 5,000), it goes
 * through what actors share: for each tag, each linked factor and each actor's contacts, every
 * two holders in different clusters who are not tied become a candidate pair. Each shared item
 * adds its weight (tag 1, factor 1.5, common contact 1) divided by log2(1 + its holders), so a
 * rare overlap counts more than a common one. The best pairs win, at most `perActor` per actor.
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

  const pairs = new Map<number, PairAcc>();
  const mark = new Uint8Array(n);
  const addGroup = (holders: readonly number[], kind: keyof typeof WEIGHT, item: number) => {
    if (holders.length < 2) return;
    const weight = WEIGHT[kind] / Math.log2(1 + holders.length);
    const add = (acc: PairAcc) => {
      acc.score += weight;
      (kind === 'tag' ? acc.tags : kind === 'factor' ? acc.factors : acc.contacts).push(item);
    };
    if (holders.length > maxGroup) {
      // Too common to make new pairs: only adds to the pairs already found.
      for (const h of holders) mark[h] = 1;
      for (const [key, acc] of pairs) if (mark[Math.floor(key / n)] && mark[key % n]) add(acc);
      for (const h of holders) mark[h] = 0;
      return;
    }
    for (let x = 0; x < holders.length; x++)
      for (let y = x + 1; y < holders.length; y++) {
        const u = Math.min(holders[x]!, holders[y]!);
        const v = Math.max(holders[x]!, holders[y]!);
        const key = u * n + v;
        let acc = pairs.get(key);
        if (!acc) {
          if (pairs.size >= maxPairs) continue;
          if (clusterOf[u] === clusterOf[v] || proposed.has(key) || net.connected(u, v)) continue;
          acc = { score: 0, tags: [], factors: [], contacts: [] };
          pairs.set(key, acc);
        }
        add(acc);
      }
  };
  // Rarer items first, so that when the pair cap is reached the most telling pairs are in.
  const tagList = [...tagHolders.values()];
  const factorList = [...factorHolders.entries()];
  const groups: { holders: number[]; kind: keyof typeof WEIGHT; item: number }[] = [
    ...tagList.map((t, i) => ({ holders: t.holders, kind: 'tag' as const, item: i })),
    ...factorList.map(([, f], i) => ({ holders: f.holders, kind: 'factor' as const, item: i })),
  ];
  const { outStart, outTo } = net.simple;
  for (let k = 0; k < n; k++) {
    if (outStart[k + 1]! - outStart[k]! < 2) continue;
    groups.push({
      holders: Array.from(outTo.subarray(outStart[k]!, outStart[k + 1]!)),
      kind: 'contact',
      item: k,
    });
  }
  groups.sort((x, y) => x.holders.length - y.holders.length);
  for (const g of groups) addGroup(g.holders, g.kind, g.item);

  const ranked = [...pairs.entries()].sort(([ka, a], [kb, b]) => b.score - a.score || ka - kb);
  const uses = new Int32Array(n);
  const out: WeavingSuggestion[] = [];
  for (const [key, acc] of ranked) {
    if (out.length >= limit) break;
    const u = Math.floor(key / n);
    const v = key - u * n;
    if (uses[u]! >= perActor || uses[v]! >= perActor) continue;
    uses[u]!++;
    uses[v]!++;
    const sharedTags = acc.tags.map((t) => tagList[t]!.label);
    const sharedFactors = acc.factors.map((f) => {
      const [id, entry] = factorList[f]!;
      return {
        id,
        label: data.byId.get(id)!.label,
        influence: entry.influence.has(u) && entry.influence.has(v),
      };
    });
    const commonContacts = acc.contacts.map((k) => ({ id: net.ids[k]!, label: net.labels[k]! }));
    out.push({
      a: net.ids[u]!,
      b: net.ids[v]!,
      aLabel: net.labels[u]!,
      bLabel: net.labels[v]!,
      clusterA: clusterOf[u]!,
      clusterB: clusterOf[v]!,
      score: Math.round(acc.score * 1000) / 1000,
      sharedTags,
      sharedFactors,
      commonContacts,
      reason: weavingReason(sharedTags, sharedFactors, commonContacts),
    });
  }
  return out;
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
