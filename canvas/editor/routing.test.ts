import { describe, expect, it } from 'vitest';
import { curveControlPoint } from './geometry';
import { layoutLabels } from './label-layout';
import { LabelCache } from './labels';
import { bendAround, curveHitsAny, segmentHitsRect } from './routing';
import { Scene } from './scene';
import { conn, el, snap, withElements } from './test-fixtures';
import type { Rect } from './geometry';

const box = (cx: number, cy: number, w = 120, h = 40): Rect => ({
  x: cx - w / 2,
  y: cy - h / 2,
  width: w,
  height: h,
});

describe('segment against rectangle', () => {
  it('tells a crossing from a miss, padding included', () => {
    const r = box(100, 0, 20, 20);
    expect(segmentHitsRect(0, 0, 200, 0, r)).toBe(true);
    expect(segmentHitsRect(0, 30, 200, 30, r)).toBe(false);
    expect(segmentHitsRect(0, 14, 200, 14, r)).toBe(false);
    expect(segmentHitsRect(0, 14, 200, 14, r, 6)).toBe(true);
    expect(segmentHitsRect(0, 0, 50, 0, r)).toBe(false); // stops short of it
    expect(segmentHitsRect(100, -50, 100, 50, r)).toBe(true); // vertical through it
  });
});

describe('bending around an element in the way', () => {
  it('keeps a clear line straight', () => {
    expect(bendAround(0, 0, 600, 0, 0, 1, [box(300, 80)])).toBe(0);
  });

  it('bends one clear of an element on the line, away from the side it sits on', () => {
    const inWay = box(300, 8); // a little below the line (y grows downwards)
    const off = bendAround(0, 0, 600, 0, 0, 1, [inWay])!;
    expect(off).not.toBe(0);
    expect(off).toBeLessThan(0); // the normal points down (+y): the bend goes up
    const q = curveControlPoint(0, 0, 600, 0, 0, 1, off);
    expect(curveHitsAny(0, 0, q.x, q.y, 600, 0, [inWay])).toBe(false);
  });

  it('gives up (straight) when no single gentle bend clears a wall', () => {
    const wall = { x: 280, y: -1000, width: 40, height: 2000 };
    expect(bendAround(0, 0, 600, 0, 0, 1, [wall])).toBeNull();
  });
});

describe('the scene routes lines around unrelated elements', () => {
  const map = () =>
    snap(
      [
        el('homelessness', 0, 0),
        el('health', 600, 0),
        el('employment', 300, 10, { label: 'Employment stability' }),
      ],
      [conn('h', 'homelessness', 'health')],
    );

  it('"Homelessness → Health problems" bends around "Employment stability" instead of under it', () => {
    const s = new Scene();
    s.update(map());
    const c = s.connections.get('h')!;
    expect(c.curved).toBe(true);
    const e = s.elements.get('employment')!;
    expect(curveHitsAny(c.x0, c.y0, c.qx, c.qy, c.x1, c.y1, [e.bounds], 0)).toBe(false);
  });

  it('straightens again when the element moves out of the way, and bends when one moves in', () => {
    const s = new Scene();
    const m = map();
    s.update(m);
    const moved = withElements(m, [el('employment', 300, 300, { label: 'Employment stability' })]);
    s.update(moved);
    expect(s.connections.get('h')!.curved).toBe(false);
    s.update(withElements(moved, [el('employment', 320, -5, { label: 'Employment stability' })]));
    expect(s.connections.get('h')!.curved).toBe(true);
  });

  it('a big change is placed straight first, then routed in slices to the same bends', () => {
    const now = new Scene();
    now.update(map());
    const later = new Scene(undefined, 0); // every change is "big": routing waits
    later.update(map());
    expect(later.routePending(0)).toBe(1);
    expect(later.connections.get('h')!.curved).toBe(false);
    const v = later.version;
    expect(later.routePending(1)).toBe(0);
    expect(later.version).toBeGreaterThan(v); // caches keyed on the geometry see the change
    const [a, b] = [now.connections.get('h')!, later.connections.get('h')!];
    expect([b.curved, b.qx, b.qy, b.bend]).toEqual([a.curved, a.qx, a.qy, a.bend]);
    expect(later.connectionIndex.query(b.bounds)).toContain(b);
  });

  it('a waiting connection placed again by a small change is routed then and there', () => {
    const s = new Scene(undefined, 2);
    const m = map();
    const far = el('far', 3000, 3000);
    const extra = snap([far], [conn('x', 'health', 'employment'), conn('y', 'far', 'health')]);
    const three = {
      ...withElements(m, [far]),
      connections: new Map([...m.connections, ...extra.connections]),
    };
    s.update(three); // three connections at once: above the limit, all wait
    expect(s.routePending(0)).toBe(3);
    expect(s.connections.get('h')!.curved).toBe(false);
    // "Employment stability" moves: only its own line ("x") and the one passing it ("h") are
    // placed again, which is within the limit: both are routed now; "y" still waits.
    s.update(withElements(three, [el('employment', 310, 5, { label: 'Employment stability' })]));
    expect(s.routePending(0)).toBe(1);
    expect(s.connections.get('h')!.curved).toBe(true);
  });

  it('still bows two connections between one pair apart (either direction)', () => {
    const s = new Scene();
    s.update(snap([el('a', 0, 0), el('b', 400, 0)], [conn('ab', 'a', 'b'), conn('ba', 'b', 'a')]));
    const ab = s.connections.get('ab')!;
    const ba = s.connections.get('ba')!;
    expect(ab.curved && ba.curved).toBe(true);
    expect(Math.sign(ab.qy)).toBe(-Math.sign(ba.qy));
  });
});

describe('connection labels', () => {
  it('are placed where they cover no element label and no element box', () => {
    const s = new Scene();
    s.update(
      snap(
        [el('a', 0, 0), el('b', 500, 0), el('x', 250, 34, { label: 'Right under the middle' })],
        [conn('ab', 'a', 'b', { label: 'proposed introduction', proposed: true })],
      ),
    );
    const placed = layoutLabels({
      scene: s,
      view: { k: 1, tx: 100, ty: 200, width: 900, height: 500 },
      elements: [...s.elements.values()],
      connections: [...s.connections.values()],
      selection: new Set(),
      hover: null,
      highlight: null,
      labels: new LabelCache((_f, t) => t.length * 6.5),
      budget: 700,
    });
    const label = placed.find((l) => l.id === 'ab');
    expect(label).toBeDefined();
    const over = (r: { x: number; y: number; width: number; height: number }) =>
      label!.x < r.x + r.width &&
      r.x < label!.x + label!.width &&
      label!.y < r.y + r.height &&
      r.y < label!.y + label!.height;
    for (const l of placed) if (l !== label) expect(over(l)).toBe(false);
    for (const g of s.elements.values())
      expect(over({ x: g.x + 100, y: g.y + 200, width: g.w, height: g.h })).toBe(false);
  });
});
