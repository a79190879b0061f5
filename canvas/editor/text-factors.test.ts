import { describe, expect, it } from 'vitest';
import type { MapSnapshot } from '../../shared/schema/types';
import { hitTestScene } from './hit-test';
import { layoutLabels } from './label-layout';
import { TEXT_INSET } from './label-fit';
import { LabelCache } from './labels';
import { Scene } from './scene';
import { conn, el, snap } from './test-fixtures';

/** The text-first factor style (meta.textFactors): factors as words, no boxes. */
const words = (m: MapSnapshot, on = true): MapSnapshot => ({
  ...m,
  meta: { ...m.meta, ...(on ? { textFactors: true } : {}) },
});
const measure = (t: string): number => t.length * 7;
const map = () =>
  snap(
    [el('a', 0, 0, { label: 'Household savings' }), el('b', 400, 0, { label: 'Debt' })],
    [conn('ab', 'a', 'b')],
  );

describe('text-first factors', () => {
  it('sizes a factor to its words, and its lines end at the text bounds', () => {
    const s = new Scene(measure);
    s.update(words(map()));
    const a = s.elements.get('a')!;
    const b = s.elements.get('b')!;
    expect(a.spec.shape).toBe('text');
    // The bounds hug the text: its width plus the small inset, far narrower than a box (140).
    expect(a.w).toBeGreaterThanOrEqual(measure('Household savings') + TEXT_INSET);
    expect(a.w).toBeLessThanOrEqual(measure('Household savings') + TEXT_INSET + 3);
    expect(b.w).toBeLessThan(60);
    const c = s.connections.get('ab')!;
    // A horizontal line: it starts at a's right text edge and its arrow ends at b's left one.
    expect(c.x0).toBeCloseTo(a.x + a.w);
    expect(c.x1).toBeCloseTo(b.x);
    expect(c.y0).toBeCloseTo(0);
    expect(c.y1).toBeCloseTo(0);
  });

  it('ends a slanted line on the edge of the text bounds, not inside the words', () => {
    const s = new Scene(measure);
    s.update(
      words(snap([el('a', 0, 0, { label: 'Stress' }), el('b', 300, 200)], [conn('ab', 'a', 'b')])),
    );
    const a = s.elements.get('a')!;
    const c = s.connections.get('ab')!;
    const onEdge = Math.abs(c.x0 - (a.x + a.w)) < 1e-6 || Math.abs(c.y0 - (a.y + a.h)) < 1e-6;
    expect(onEdge).toBe(true);
    expect(c.x0).toBeLessThanOrEqual(a.x + a.w + 1e-6);
    expect(c.y0).toBeLessThanOrEqual(a.y + a.h + 1e-6);
  });

  it('hits on the text bounds only', () => {
    const s = new Scene(measure);
    s.update(words(map()));
    const b = s.elements.get('b')!;
    expect(hitTestScene(s, 400, 0, 1)).toEqual({ type: 'element', id: 'b' });
    // Inside where a box would be (140 wide), outside the word "Debt".
    expect(hitTestScene(s, 400 + b.w / 2 + 20, 0, 1)).toBeNull();
  });

  it('is a setting of the map: turning it off brings the boxes back', () => {
    const s = new Scene(measure);
    const m = map();
    s.update(words(m));
    const v = s.version;
    s.update(words(m, false));
    const a = s.elements.get('a')!;
    expect(a.spec.shape).toBe('roundRect');
    expect(a.w).toBeGreaterThanOrEqual(140);
    expect(s.version).toBeGreaterThan(v);
    expect(s.connections.get('ab')!.x0).toBeCloseTo(a.x + a.w);
  });

  it('draws the words inside their bounds at 100%, in the text colour', () => {
    const s = new Scene(measure);
    s.update(words(map()));
    const placed = layoutLabels({
      scene: s,
      view: { k: 1, tx: 300, ty: 200, width: 1000, height: 400 },
      elements: [...s.elements.values()],
      connections: [...s.connections.values()],
      selection: new Set(),
      hover: null,
      highlight: null,
      labels: new LabelCache((_f, t) => measure(t)),
      budget: 700,
    });
    const a = placed.find((l) => l.id === 'a')!;
    expect(a.lines).toEqual(['Household savings']);
    expect(a.inside).toBe(true);
  });
});
