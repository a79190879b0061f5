import { describe, expect, it } from 'vitest';
import { layoutLabels, MIN_LABEL_PX, type PlacedLabel } from './label-layout';
import { LabelCache } from './labels';
import { randomMap } from './bench/random-map';
import { Scene } from './scene';
import { el, snap } from './test-fixtures';
import { visibleRect } from './draw-types';

const cache = (): LabelCache =>
  new LabelCache((font, text) => text.length * 7 * (font.includes('16px') ? 1.2 : 1));

function layout(s: Scene, k: number, opts: { selection?: string[]; w?: number; h?: number } = {}) {
  const view = { k, tx: 0, ty: 0, width: opts.w ?? 1200, height: opts.h ?? 800, dpr: 1 };
  const b = s.contentBounds()!;
  const v = { ...view, tx: -b.x * k + 20, ty: -b.y * k + 20 };
  return layoutLabels({
    scene: s,
    view: v,
    elements: s.elementIndex.query(visibleRect(v)),
    connections: [],
    selection: new Set(opts.selection ?? []),
    hover: null,
    highlight: null,
    labels: cache(),
    budget: 700,
  });
}

const overlap = (a: PlacedLabel, b: PlacedLabel): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('semantic zoom: the label layout', () => {
  it('keeps labels at least MIN_LABEL_PX on screen at any zoom, and never overlapping', () => {
    const s = new Scene();
    s.update(randomMap(400, 3));
    for (const k of [0.05, 0.2, 0.5, 1, 2]) {
      const placed = layout(s, k);
      expect(placed.length).toBeGreaterThan(0);
      for (const l of placed) expect(l.fontPx).toBeGreaterThanOrEqual(MIN_LABEL_PX);
      for (let i = 0; i < placed.length; i++)
        for (let j = i + 1; j < placed.length; j++)
          expect(overlap(placed[i]!, placed[j]!)).toBe(false);
    }
  });

  it('draws every label of a sparse map, zoomed out, at the minimum size', () => {
    const s = new Scene();
    s.update(snap([el('a', 0, 0), el('b', 600, 0), el('c', 0, 400)]));
    const placed = layout(s, 0.3);
    expect(placed.map((l) => l.id).sort()).toEqual(['a', 'b', 'c']);
    expect(placed.every((l) => l.fontPx === MIN_LABEL_PX)).toBe(true);
  });

  it('gives way to the selected element when two labels collide', () => {
    const s = new Scene();
    s.update(
      snap([el('a', 0, 0, { label: 'First label here' }), el('b', 10, 0, { label: 'Second one' })]),
    );
    expect(layout(s, 0.2).map((l) => l.id)).toHaveLength(1);
    expect(layout(s, 0.2, { selection: ['b'] }).map((l) => l.id)).toContain('b');
  });
});
