import type { Peer } from '../../platform/presence';

/**
 * Whom a projector in present mode follows: the facilitator who is online (over /sync the host
 * sets each person's role from their link). With several, the one who last brought everyone to
 * them or locked the map (a write only a facilitator can make), else the first by name.
 */
export function facilitatorToFollow(
  peers: readonly Peer[],
  preferredUserId?: string | null,
): Peer | null {
  const facilitators = peers.filter((p) => p.role === 'facilitator' && p.viewport);
  if (!facilitators.length) return null;
  return facilitators.find((p) => p.user.id === preferredUserId) ?? facilitators[0]!;
}

/** Whether a room link asks to open straight in present mode (`#/r/<id>?k=<secret>&present`). */
export function wantsPresent(hash: string): boolean {
  const q = hash.indexOf('?');
  return q >= 0 && new URLSearchParams(hash.slice(q + 1)).has('present');
}
