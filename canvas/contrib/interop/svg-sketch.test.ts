import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { el, snap } from '../../editor/test-fixtures';
import { sceneFor } from '../../editor/export-image';
import { sketchArea } from '../../editor/draw-sketch';
import { LIGHT_PALETTE } from '../../editor/theme';
import { mapToSvg } from './svg-image';

/**
 * The SVG export draws a Graphs-over-Time card's chart by the live map's rules (draw-sketch.ts):
 * its axes in the note's outline colour and the drawn line in the text colour, the points of the
 * unit square mapped into the card's chart area.
 */

const P = LIGHT_PALETTE;
const SKETCH = {
  points: [
    [0, 0],
    [0.5, 1],
    [1, 0.25],
  ],
};
const card = el('g', 100, 50, { kind: 'note', label: 'Trust', extra: { sketch: SKETCH } });
const plain = el('n', 600, 50, { kind: 'note', label: 'No chart' });

/** Every `d` of a path stroked in `colour`. */
const strokedIn = (svg: string, colour: string): string[] =>
  [...svg.matchAll(/<path d="([^"]+)"([^>]*)\/>/g)]
    .filter((m) => m[2]!.includes(`stroke="${colour}"`))
    .map((m) => m[1]!);

/** The numbers of a path, in order. */
const nums = (d: string): number[] => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

describe('the SVG export draws Graphs-over-Time sketches', () => {
  const snapshot = snap([card, plain], []);
  const a = sketchArea(sceneFor(snapshot).elements.get('g')!);

  it('draws the line through the sketch points, placed in the card (checked by hand)', () => {
    const { svg } = mapToSvg(snapshot, { palette: P, zoom: 1 });
    expect(XMLValidator.validate(svg)).toBe(true);
    const lines = strokedIn(svg, P.text);
    expect(lines).toHaveLength(1);
    const r = (v: number) => Math.round(v * 100) / 100;
    // (t, v) -> (a.x + t w, a.y + (1 - v) h): bottom-left, top-middle, a quarter up at the right.
    expect(nums(lines[0]!)).toEqual([
      r(a.x),
      r(a.y + a.h),
      r(a.x + a.w / 2),
      r(a.y),
      r(a.x + a.w),
      r(a.y + 0.75 * a.h),
    ]);
    // The axes: down the left edge of the chart area, then along its bottom.
    const axes = strokedIn(svg, P.noteStroke).filter((d) => nums(d).length === 6);
    expect(axes.map(nums)).toContainEqual([
      r(a.x),
      r(a.y),
      r(a.x),
      r(a.y + a.h),
      r(a.x + a.w),
      r(a.y + a.h),
    ]);
    // The chart sits inside the card, below its label.
    const g = sceneFor(snapshot).elements.get('g')!;
    expect(a.x).toBeGreaterThan(g.x);
    expect(a.x + a.w).toBeLessThan(g.x + g.w);
    expect(a.y).toBeGreaterThan(g.cy);
    expect(a.y + a.h).toBeLessThan(g.y + g.h);
  });

  it('a card without a sketch, or one too small to read at the zoom, has no chart', () => {
    const none = mapToSvg(snap([plain], []), { palette: P, zoom: 1 }).svg;
    expect(strokedIn(none, P.text)).toHaveLength(0);
    // As on screen: under 24 CSS pixels wide, no chart.
    const tiny = mapToSvg(snapshot, { palette: P, zoom: 0.05 }).svg;
    expect(strokedIn(tiny, P.text)).toHaveLength(0);
  });
});
