import { findLoops, rankLeverage } from '../../../shared/analysis/index';
import type { ElementKind, MapSnapshot } from '../../../shared/schema/types';

/** What a dot vote can be opened on. */
export type VoteSource = 'leverage' | 'selection' | ElementKind;

export const VOTE_SOURCES: readonly { id: VoteSource; label: string }[] = [
  { id: 'leverage', label: 'The leverage candidates' },
  { id: 'selection', label: 'The selected elements' },
  { id: 'factor', label: 'Every factor' },
  { id: 'intervention', label: 'Every intervention' },
  { id: 'actor', label: 'Every actor' },
  { id: 'note', label: 'Every note' },
];

/** How many leverage candidates a vote on them offers (the top of the structural ranking). */
export const LEVERAGE_CANDIDATES = 10;

/**
 * The element ids a vote on `source` covers, in the order people see them: the leverage
 * candidates in rank order (the structural ranking, before any votes), else by label.
 */
export function voteElements(
  snapshot: MapSnapshot,
  source: VoteSource,
  selection: readonly string[],
): string[] {
  const byLabel = (ids: string[]) =>
    ids.sort((a, b) =>
      (snapshot.elements.get(a)?.label ?? '').localeCompare(snapshot.elements.get(b)?.label ?? ''),
    );
  if (source === 'selection') return selection.filter((id) => snapshot.elements.has(id));
  if (source === 'leverage') {
    const loops = findLoops(snapshot);
    return rankLeverage(snapshot, loops, { limit: LEVERAGE_CANDIDATES }).map((c) => c.elementId);
  }
  return byLabel([...snapshot.elements.values()].filter((e) => e.kind === source).map((e) => e.id));
}
