import { describe, expect, it } from 'vitest';
import type { Position } from '../schema/types';
import { freeSpot, overlaps } from './placement';

describe('freeSpot: the placement rule for new elements', () => {
  it('uses the anchor when it is free', () => {
    expect(freeSpot([], [100, 50])).toEqual([100, 50]);
  });

  it('never lands on an element already there, however many are added', () => {
    const taken: Position[] = [];
    for (let i = 0; i < 60; i++) {
      const p = freeSpot(taken, [0, 0], 'ana');
      for (const q of taken) expect(overlaps(p, q)).toBe(false);
      taken.push(p);
    }
  });

  it('two people adding at once from the same anchor land apart', () => {
    // Neither sees the other's element yet: each searches an empty map.
    const ids = ['u-fay-1x2', 'u-ana-9k3', 'u-ben-77q', 'u-kim-0aa', 'u-lee-3zz'];
    const spots = ids.map((id) => freeSpot([], [0, 0], id));
    const distinct = new Set(spots.map((p) => p.join(',')));
    expect(distinct.size).toBe(ids.length);
  });
});
