import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rectsIntersect, type Rect } from './geometry';
import { GridIndex } from './spatial-index';

interface Item {
  id: number;
  bounds: Rect;
  qstamp: number;
}
const item = (id: number, x: number, y: number, w = 10, h = 10): Item => ({
  id,
  bounds: { x, y, width: w, height: h },
  qstamp: 0,
});
const ids = (xs: Item[]): number[] => xs.map((i) => i.id).sort((a, b) => a - b);

describe('GridIndex', () => {
  it('finds exactly the items a rectangle touches, each once, even across many cells', () => {
    const g = new GridIndex<Item>(100);
    const a = item(1, 0, 0);
    const b = item(2, 250, 250);
    const wide = item(3, -500, 40, 1200, 20); // spans many cells
    [a, b, wide].forEach((i) => g.insert(i));
    expect(ids(g.query({ x: -5, y: -5, width: 20, height: 20 }))).toEqual([1]);
    expect(ids(g.query({ x: 0, y: 0, width: 300, height: 300 }))).toEqual([1, 2, 3]);
    expect(ids(g.query({ x: 600, y: 45, width: 10, height: 10 }))).toEqual([3]);
    expect(ids(g.queryPoint(255, 255, 0))).toEqual([2]);
  });

  it('forgets removed items and follows moved ones', () => {
    const g = new GridIndex<Item>(100);
    const a = item(1, 0, 0);
    g.insert(a);
    a.bounds = { x: 5000, y: 5000, width: 10, height: 10 };
    g.update(a);
    expect(g.query({ x: 0, y: 0, width: 50, height: 50 })).toEqual([]);
    expect(ids(g.queryPoint(5005, 5005, 1))).toEqual([1]);
    g.remove(a);
    expect(g.queryPoint(5005, 5005, 1)).toEqual([]);
    expect(g.size).toBe(0);
  });

  it('keeps items too large for the grid in the oversize list, still found by every query', () => {
    const g = new GridIndex<Item>(10, 16);
    const huge = item(9, 0, 0, 1e6, 1e6);
    g.insert(huge);
    expect(ids(g.queryPoint(123456, 654321, 0))).toEqual([9]);
    expect(g.query({ x: -100, y: -100, width: 10, height: 10 })).toEqual([]);
    g.remove(huge);
    expect(g.queryPoint(5, 5, 0)).toEqual([]);
  });

  it('agrees with a brute-force scan after random inserts, moves and removals', () => {
    const coord = fc.integer({ min: -3000, max: 3000 });
    const size = fc.integer({ min: 0, max: 800 });
    const op = fc.record({
      kind: fc.constantFrom('add', 'move', 'remove'),
      x: coord,
      y: coord,
      w: size,
      h: size,
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 120 }),
        fc.array(fc.tuple(coord, coord, size, size), { minLength: 1, maxLength: 10 }),
        (ops, queries) => {
          const g = new GridIndex<Item>(128, 64);
          const live: Item[] = [];
          let next = 0;
          for (const o of ops) {
            if (o.kind === 'add' || live.length === 0) {
              const it = item(next++, o.x, o.y, o.w, o.h);
              live.push(it);
              g.insert(it);
            } else if (o.kind === 'move') {
              const it = live[o.pick % live.length]!;
              it.bounds = { x: o.x, y: o.y, width: o.w, height: o.h };
              g.update(it);
            } else {
              const [it] = live.splice(o.pick % live.length, 1);
              g.remove(it!);
            }
          }
          for (const [x, y, w, h] of queries) {
            const r = { x, y, width: w, height: h };
            expect(ids(g.query(r))).toEqual(ids(live.filter((i) => rectsIntersect(i.bounds, r))));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ends on huge and non-finite bounds: such items are left out, queries stay bounded', () => {
    // 1e20 / 256 is past 2^53: a loop `for (cx = x0; cx <= x1; cx++)` would never end there.
    const g = new GridIndex<Item>(256);
    const ok = item(1, 0, 0);
    const far = item(2, 1e20, -1e20, 160, 48);
    const huge = item(3, 1e300, -1e300, 160, 48);
    const nan = item(4, Number.NaN, 0);
    const inf = item(5, 0, 0, Number.POSITIVE_INFINITY, 10);
    [ok, far, huge, nan, inf].forEach((i) => g.insert(i));
    expect(g.has(ok)).toBe(true);
    expect([far, huge, nan, inf].map((i) => g.has(i))).toEqual([false, false, false, false]);
    expect(ids(g.query({ x: -10, y: -10, width: 30, height: 30 }))).toEqual([1]);
    // Queries over absurd rectangles end too (they walk the filled cells instead).
    expect(ids(g.query({ x: 1e20, y: -1e20, width: 10, height: 10 }))).toEqual([]);
    expect(ids(g.query({ x: -1e300, y: -1e300, width: 2e300, height: 2e300 }))).toEqual([1]);
    expect(ids(g.query({ x: Number.NaN, y: 0, width: 1, height: 1 }))).toEqual([]);
    g.remove(far);
    g.update(huge);
    expect(g.size).toBe(1);
  });
});
