import { describe, expect, it } from 'vitest';
import { convexHull, inHull, MARKER_RADIUS, placeLoopMarker } from './loop-markers';
import { LoopMarkerCache } from './loop-marker-cache';
import { layoutLabels } from './label-layout';
import { LabelCache } from './labels';
import { Scene } from './scene';
import { conn, el, snap } from './test-fixtures';
import type { Point, Rect } from './geometry';

/** A seeded generator, so failures can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const boxAt = (p: Point): Rect => ({ x: p.x - 60, y: p.y - 20, width: 120, height: 40 });

describe('convex hull and point in hull', () => {
  it('finds the corners of a square with points inside it, and tells inside from outside', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
      { x: 5, y: 5 },
      { x: 2, y: 7 },
    ];
    const hull = convexHull(pts);
    expect(hull).toHaveLength(4);
    expect(inHull(hull, { x: 5, y: 5 })).toBe(true);
    expect(inHull(hull, { x: 10, y: 5 })).toBe(true); // on an edge
    expect(inHull(hull, { x: 10.5, y: 5 })).toBe(false);
    expect(inHull(hull, { x: -1, y: -1 })).toBe(false);
    // Two points: the hull is their segment.
    const seg = convexHull([
      { x: 0, y: 0 },
      { x: 10, y: 10 },
    ]);
    expect(inHull(seg, { x: 5, y: 5 })).toBe(true);
    expect(inHull(seg, { x: 5, y: 6 })).toBe(false);
  });
});

describe('loop markers sit inside their loop', () => {
  it('at the centroid when it is free', () => {
    const members = [
      { x: 0, y: 0 },
      { x: 400, y: 0 },
      { x: 200, y: 300 },
    ];
    const p = placeLoopMarker(members, members.map(boxAt))!;
    expect(p.x).toBeCloseTo(200);
    expect(p.y).toBeCloseTo(100);
  });

  it('nudged off an element in the middle, staying in the hull and clear of every box', () => {
    const members = [
      { x: 0, y: 0 },
      { x: 600, y: 0 },
      { x: 600, y: 400 },
      { x: 0, y: 400 },
    ];
    const middle = { x: 250, y: 170, width: 100, height: 60 }; // covers the centroid (300, 200)
    const obstacles = [...members.map(boxAt), middle];
    const p = placeLoopMarker(members, obstacles)!;
    expect(inHull(convexHull(members), p)).toBe(true);
    for (const b of obstacles) {
      const dx = p.x - Math.max(b.x, Math.min(p.x, b.x + b.width));
      const dy = p.y - Math.max(b.y, Math.min(p.y, b.y + b.height));
      expect(Math.hypot(dx, dy)).toBeGreaterThanOrEqual(MARKER_RADIUS);
    }
    expect(Math.hypot(p.x - 300, p.y - 200)).toBeLessThan(120);
  });

  it('inside the hull for many random loops with random obstacles', () => {
    const r = rng(7);
    for (let n = 0; n < 300; n++) {
      const size = 2 + Math.floor(r() * 7);
      const members = Array.from({ length: size }, () => ({ x: r() * 900, y: r() * 700 }));
      const others = Array.from({ length: Math.floor(r() * 12) }, () => ({
        x: r() * 900,
        y: r() * 700,
      }));
      const p = placeLoopMarker(members, [...members, ...others].map(boxAt))!;
      expect(inHull(convexHull(members), p, 1e-6)).toBe(true);
    }
  });

  it('the renderer anchors a named loop inside its members and draws it without covering labels', () => {
    const s = new Scene();
    s.update(
      snap(
        [el('a', 0, 0), el('b', 400, 0), el('c', 400, 300), el('d', 0, 300), el('e', 200, 150)],
        [conn('1', 'a', 'b'), conn('2', 'b', 'c'), conn('3', 'c', 'd'), conn('4', 'd', 'a')],
      ),
    );
    const cache = new LoopMarkerCache(s);
    cache.set([
      { id: 'sig', code: 'R1', polarity: 'R', name: 'Growth', members: ['a', 'b', 'c', 'd'] },
    ]);
    const [a] = cache.anchors();
    expect(a).toBeDefined();
    const centres = ['a', 'b', 'c', 'd'].map((id) => {
      const g = s.elements.get(id)!;
      return { x: g.cx, y: g.cy };
    });
    expect(inHull(convexHull(centres), a!)).toBe(true);
    // 'e' sits on the centroid: the marker moved off it.
    const e = s.elements.get('e')!;
    const inE = a!.x >= e.x && a!.x <= e.x + e.w && a!.y >= e.y && a!.y <= e.y + e.h;
    expect(inE).toBe(false);
    // The anchors are cached until the geometry changes.
    expect(cache.anchors()).toBe(cache.anchors());

    const placed = layoutLabels({
      scene: s,
      view: { k: 1, tx: 100, ty: 100, width: 800, height: 600 },
      elements: [...s.elements.values()],
      connections: [],
      selection: new Set(),
      hover: null,
      highlight: null,
      labels: new LabelCache((_f, t) => t.length * 7),
      budget: 700,
      markers: cache.anchors(),
    });
    const marker = placed.find((l) => l.kind === 'loop');
    expect(marker?.lines).toEqual(['R1', 'Growth']);
    for (const l of placed)
      if (l !== marker)
        expect(
          l.x < marker!.x + marker!.width &&
            marker!.x < l.x + l.width &&
            l.y < marker!.y + marker!.height &&
            marker!.y < l.y + l.height,
        ).toBe(false);
  });
});
