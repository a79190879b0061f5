import { describe, expect, it } from 'vitest';
import { quadraticPoint } from './geometry';
import { PARALLEL_SPACING, Scene } from './scene';
import { visibleRect } from './draw';
import { randomMap } from './bench/random-map';
import { conn, el, snap, withElements } from './test-fixtures';

const midpoint = (s: Scene, id: string): { x: number; y: number } => {
  const c = s.connections.get(id)!;
  return quadraticPoint(c.x0, c.y0, c.qx, c.qy, c.x1, c.y1, 0.5);
};

describe('Scene', () => {
  it('trims connections to the element outlines', () => {
    const s = new Scene();
    s.update(snap([el('a', 0, 0), el('b', 400, 0)], [conn('c', 'a', 'b')]));
    const c = s.connections.get('c')!;
    expect(c.curved).toBe(false);
    expect(c.x0).toBeCloseTo(70); // factor is 140 wide
    expect(c.x1).toBeCloseTo(330);
  });

  it('bows two connections between the same pair to opposite sides, A->B and B->A included', () => {
    const s = new Scene();
    s.update(snap([el('a', 0, 0), el('b', 400, 0)], [conn('c1', 'a', 'b'), conn('c2', 'b', 'a')]));
    const m1 = midpoint(s, 'c1');
    const m2 = midpoint(s, 'c2');
    expect(s.connections.get('c1')!.curved).toBe(true);
    expect(Math.sign(m1.y)).toBe(-Math.sign(m2.y));
    // Apart by at least the spacing (trimming to the outlines bows them a little further).
    expect(Math.abs(m1.y - m2.y)).toBeGreaterThanOrEqual(PARALLEL_SPACING);
    expect(Math.abs(m1.y - m2.y)).toBeLessThanOrEqual(2 * PARALLEL_SPACING);
  });

  it('straightens the survivor when one of two parallel connections goes', () => {
    const s = new Scene();
    const a = el('a', 0, 0);
    const b = el('b', 400, 0);
    const first = snap(
      [a, b],
      [conn('c1', 'a', 'b'), conn('c2', 'a', 'b', { kind: 'relationship' })],
    );
    s.update(first);
    s.update({ ...first, connections: new Map([['c1', first.connections.get('c1')!]]) });
    expect(s.connections.get('c1')!.curved).toBe(false);
    expect(s.connections.has('c2')).toBe(false);
    expect(s.connectionIndex.size).toBe(1);
  });

  it('updates incrementally: unchanged records keep their geometry; a move carries its connections', () => {
    const s = new Scene();
    const first = snap(
      [el('a', 0, 0), el('b', 400, 0), el('c', 0, 400)],
      [conn('ab', 'a', 'b'), conn('bc', 'b', 'c')],
    );
    s.update(first);
    const geomA = s.elements.get('a')!;
    const boundsA = geomA.bounds;
    const change = s.update(withElements(first, [el('b', 400, 1000)]));
    expect(change.elements).toBe(1);
    expect(s.elements.get('a')).toBe(geomA);
    expect(geomA.bounds).toBe(boundsA);
    expect(s.connections.get('ab')!.y1).toBeGreaterThan(500);
    expect(s.elementIndex.queryPoint(400, 1000, 1).map((g) => g.id)).toEqual(['b']);
    expect(s.elementIndex.queryPoint(400, 0, 1)).toEqual([]);
  });

  it('drops removed elements with their connections from both indexes', () => {
    const s = new Scene();
    const first = snap([el('a', 0, 0), el('b', 400, 0)], [conn('ab', 'a', 'b')]);
    s.update(first);
    s.update(withElements(first, [], ['b']));
    expect(s.elements.has('b')).toBe(false);
    expect(s.connections.has('ab')).toBe(false);
    expect(s.elementIndex.size).toBe(1);
    expect(s.connectionIndex.size).toBe(0);
  });

  it('fits a group frame around its children and follows them when they move', () => {
    const s = new Scene();
    const first = snap([
      el('g', 0, 0, { kind: 'group', label: 'Cluster' }),
      el('a', 100, 100, { parent: 'g' }),
      el('b', 500, 300, { parent: 'g' }),
    ]);
    s.update(first);
    const g = s.elements.get('g')!;
    expect(g.x).toBeLessThan(100 - 70);
    expect(g.x + g.w).toBeGreaterThan(500 + 70);
    s.update(withElements(first, [el('b', 900, 300, { parent: 'g' })]));
    expect(g.x + g.w).toBeGreaterThan(900 + 70);
  });

  it('previews moves with overrides and returns to the records when cleared', () => {
    const s = new Scene();
    s.update(snap([el('a', 0, 0), el('b', 400, 0)], [conn('ab', 'a', 'b')]));
    s.setOverrides(new Map([['a', [0, 300] as const]]));
    expect(s.elements.get('a')!.cy).toBe(300);
    expect(s.connections.get('ab')!.y0).toBeGreaterThan(200);
    s.clearOverrides();
    expect(s.elements.get('a')!.cy).toBe(0);
    expect(s.connections.get('ab')!.y0).toBeCloseTo(0);
  });

  it('culls: a viewport query returns what is on screen and nothing far away', () => {
    const s = new Scene();
    s.update(randomMap(2000, 7));
    const view = { k: 1, tx: -1000, ty: -1000, width: 800, height: 600, dpr: 1 };
    const rect = visibleRect(view);
    const visible = s.elementIndex.query(rect);
    const brute = [...s.elements.values()].filter(
      (g) =>
        g.bounds.x <= rect.x + rect.width &&
        rect.x <= g.bounds.x + g.bounds.width &&
        g.bounds.y <= rect.y + rect.height &&
        rect.y <= g.bounds.y + g.bounds.height,
    );
    expect(visible.map((g) => g.id).sort()).toEqual(brute.map((g) => g.id).sort());
    expect(visible.length).toBeGreaterThan(5);
    expect(visible.length).toBeLessThan(s.elements.size / 20);
  });

  it('applies a one-record change to a 10k map by re-reading that record only', () => {
    const s = new Scene();
    const big = randomMap(10_000, 3);
    s.update(big);
    const e = big.elements.get('e42')!;
    const next = withElements(big, [{ ...e, position: [e.position[0] + 50, e.position[1]] }]);
    const change = s.update(next);
    expect(change.elements).toBe(1);
  });

  it('leaves out elements at huge or non-finite positions, says which, and takes them back', () => {
    const s = new Scene();
    const far = el('far', 1e300, -1e300);
    const nan = el('nan', 0, 0, { position: [Number.NaN, 0] });
    const first = snap(
      [el('a', 0, 0), el('b', 400, 0), far, nan, el('g', 0, 0, { kind: 'group' })],
      [conn('ab', 'a', 'b'), conn('af', 'a', 'far')],
    );
    s.update(first);
    expect([...s.elements.keys()].sort()).toEqual(['a', 'b', 'g']);
    expect([...s.invalid.keys()].sort()).toEqual(['far', 'nan']);
    expect(s.invalid.get('far')).toMatch(/beyond/);
    expect(s.connections.get('ab')!.drawable).toBe(true);
    expect(s.connections.get('af')!.drawable).toBe(false);
    // Fitting ignores it: the bounds are those of the valid elements.
    const b = s.contentBounds()!;
    expect(b.x + b.width).toBeLessThan(1000);
    // Another element's edit: the left-out records, unchanged, are not changes.
    const bMoved = withElements(first, [el('b', 400, 10)]);
    expect(s.update(bMoved).elements).toBe(1);
    expect(s.invalid.size).toBe(2);
    // Moved back into range: it is on the map again, and its connection with it.
    s.update(withElements(bMoved, [el('far', 200, 200)], ['nan']));
    expect(s.invalid.size).toBe(0);
    expect(s.elements.has('far')).toBe(true);
    expect(s.connections.get('af')!.drawable).toBe(true);
    // And out again: dropped from the map and the index.
    const again = withElements(s.snapshot!, [el('far', 2e7, 0)]);
    s.update(again);
    expect(s.elements.has('far')).toBe(false);
    expect(s.elementIndex.query({ x: -1e9, y: -1e9, width: 2e9, height: 2e9 }).length).toBe(3);
  });
});
