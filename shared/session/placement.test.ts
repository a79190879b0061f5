import { describe, expect, it } from 'vitest';
import type { Position } from '../schema/types';
import { freeSpot, overlaps, settleNewElements } from './placement';

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

describe('settleNewElements: two new elements on one spot end apart', () => {
  const el = (id: string, x: number, y: number) => ({
    id,
    kind: 'note',
    position: [x, y] as Position,
  });

  it('only the larger id moves, and only on its creator’s screen', () => {
    const a = el('aaa', 0, 0);
    const b = el('bbb', 10, 5);
    // Ana made aaa and sees Ben's bbb arrive; Ben made bbb and sees aaa arrive.
    expect(settleNewElements([a, b], new Set(['aaa']), new Set(['bbb']))).toEqual([]);
    const moves = settleNewElements([a, b], new Set(['bbb']), new Set(['aaa']));
    expect(moves).toHaveLength(1);
    expect(moves[0]![0]).toBe('bbb');
    expect(overlaps(moves[0]![1], a.position)).toBe(false);
  });

  it('leaves a new element alone when what it overlaps is old (not someone else’s new one)', () => {
    const old = el('aaa', 0, 0);
    const mine = el('bbb', 0, 0);
    expect(settleNewElements([old, mine], new Set(['bbb']), new Set())).toEqual([]);
  });

  it('three people at once: every moved element lands clear of all the others', () => {
    const els = [el('a1', 0, 0), el('b2', 5, 5), el('c3', -5, 0)];
    const placed = new Map(els.map((e) => [e.id, e.position]));
    for (const me of ['b2', 'c3']) {
      const others = new Set(els.map((e) => e.id).filter((id) => id !== me));
      for (const [id, p] of settleNewElements(
        els.map((e) => ({ ...e, position: placed.get(e.id)! })),
        new Set([me]),
        others,
      ))
        placed.set(id, p);
    }
    const spots = [...placed.values()];
    for (let i = 0; i < spots.length; i++)
      for (let j = i + 1; j < spots.length; j++) expect(overlaps(spots[i]!, spots[j]!)).toBe(false);
  });
});
