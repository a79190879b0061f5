import { describe, expect, it } from 'vitest';
import type { Peer } from '../../platform/presence';
import { facilitatorToFollow, wantsPresent } from './leader';

const peer = (clientId: number, name: string, role?: Peer['role'], viewport = true): Peer => ({
  clientId,
  user: { id: `u-${name}`, name, color: '#1f77b4' },
  cursor: null,
  selection: [],
  viewport: viewport ? { x: 0, y: 0, k: 1 } : null,
  ...(role ? { role } : {}),
});

describe('present mode follows the facilitator', () => {
  it('picks the facilitator online, not a participant or a viewer', () => {
    const peers = [
      peer(1, 'Ana', 'edit'),
      peer(2, 'Fatima', 'facilitator'),
      peer(3, 'Pro', 'view'),
    ];
    expect(facilitatorToFollow(peers)?.clientId).toBe(2);
  });

  it('follows nobody when no facilitator is here, or none has a view yet', () => {
    expect(facilitatorToFollow([peer(1, 'Ana', 'edit'), peer(3, 'Old client')])).toBeNull();
    expect(facilitatorToFollow([peer(2, 'Fatima', 'facilitator', false)])).toBeNull();
  });

  it('prefers the facilitator who last acted for the room', () => {
    const peers = [peer(2, 'Fatima', 'facilitator'), peer(4, 'Gus', 'facilitator')];
    expect(facilitatorToFollow(peers, 'u-Gus')?.clientId).toBe(4);
    expect(facilitatorToFollow(peers, 'u-nobody')?.clientId).toBe(2);
  });
});

describe('a link that opens in present mode', () => {
  it('is a room link with a present flag', () => {
    expect(wantsPresent('#/r/abc?k=secret&present')).toBe(true);
    expect(wantsPresent('#/r/abc?present=1&k=secret')).toBe(true);
    expect(wantsPresent('#/r/abc?k=secret')).toBe(false);
    expect(wantsPresent('#/r/abc')).toBe(false);
  });
});
