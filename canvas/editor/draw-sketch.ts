import type { ElementRecord } from '../../shared/schema/types';
import { readSketch, type Sketch } from '../../shared/schema/sketch';
import type { ElementGeom } from './scene';
import type { Palette } from './theme';

/**
 * Graphs-over-Time cards: a note carrying a `sketch` shows it as a small line chart in the lower
 * part of its box (a time axis, a value axis and the drawn line), in the note's outline colour.
 * Read once per record (records keep their identity until they change).
 */

const cache = new WeakMap<ElementRecord, Sketch | null>();

export function sketchOf(rec: ElementRecord): Sketch | null {
  let s = cache.get(rec);
  if (s === undefined) {
    s = rec.kind === 'note' ? (readSketch(rec.extra) ?? null) : null;
    cache.set(rec, s);
  }
  return s;
}

/** Where a card's chart goes, in map units: below the label's middle line, inside the box. */
export function sketchArea(g: ElementGeom): { x: number; y: number; w: number; h: number } {
  const pad = 10;
  const top = g.cy + 8;
  return { x: g.x + pad, y: top, w: g.w - 2 * pad, h: Math.max(8, g.y + g.h - pad - top) };
}

export function drawSketches(
  ctx: CanvasRenderingContext2D,
  els: readonly ElementGeom[],
  p: Palette,
  k: number,
): void {
  for (const g of els) {
    const sketch = sketchOf(g.rec);
    if (!sketch || g.w * k < 24) continue;
    const a = sketchArea(g);
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(a.x, a.y + a.h);
    ctx.lineTo(a.x + a.w, a.y + a.h);
    ctx.strokeStyle = p.noteStroke;
    ctx.lineWidth = Math.max(0.75, 0.5 / k);
    ctx.stroke();
    ctx.beginPath();
    sketch.points.forEach(([t, v], i) => {
      const x = a.x + t * a.w;
      const y = a.y + (1 - v) * a.h;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.strokeStyle = p.text;
    ctx.lineWidth = Math.max(1.75, 1 / k);
    ctx.lineJoin = 'round';
    ctx.stroke();
  }
}
