import type { SessionSnapshot, VoteRecord } from './types';
import { myDots, voteResults } from './votes';

/** Dots to draw on one element: how many, and how many of them are this person's. */
export interface ElementDots {
  readonly dots: number;
  readonly mine: number;
}

/**
 * The vote whose dots the map shows: the latest vote, while it is open or once revealed, and
 * while the current phase is one for dot voting (or no phase runs), so results do not follow the
 * group into the next phase. The same on every screen.
 */
export function voteOnMap(snap: SessionSnapshot): VoteRecord | undefined {
  const phase = snap.phases.find((p) => p.id === snap.currentPhaseId);
  if (phase && !phase.tools.includes('dot-voting')) return undefined;
  let latest: VoteRecord | undefined;
  for (const v of snap.votes.values()) if (!latest || v.createdAt > latest.createdAt) latest = v;
  if (!latest || (latest.state !== 'open' && !latest.revealed)) return undefined;
  return latest;
}

/**
 * Dots per element for the map: this person's own until the results are revealed (results stay
 * hidden, as in the Session view), everyone's once revealed.
 */
export function mapDots(vote: VoteRecord, myKey: string): Map<string, ElementDots> {
  const out = new Map<string, ElementDots>();
  const mine = new Map<string, number>();
  for (const id of myDots(vote, myKey).slice(0, vote.dotsPerPerson))
    if (vote.elementIds.includes(id)) mine.set(id, (mine.get(id) ?? 0) + 1);
  if (!vote.revealed) {
    for (const [id, n] of mine) out.set(id, { dots: n, mine: n });
    return out;
  }
  for (const r of voteResults(vote))
    if (r.dots > 0)
      out.set(r.elementId, { dots: r.dots, mine: Math.min(mine.get(r.elementId) ?? 0, r.dots) });
  return out;
}
