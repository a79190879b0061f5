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

/** The chart's axes (time along the bottom, value up the left) as a path. */
export function appendSketchAxes(path: CanvasPath, g: ElementGeom): void {
  const a = sketchArea(g);
  path.moveTo(a.x, a.y);
  path.lineTo(a.x, a.y + a.h);
  path.lineTo(a.x + a.w, a.y + a.h);
}

/** The drawn line, its points (unit square, time order) mapped into the card's chart area. */
export function appendSketchLine(path: CanvasPath, g: ElementGeom, sketch: Sketch): void {
  const a = sketchArea(g);
  sketch.points.forEach(([t, v], i) => {
    const x = a.x + t * a.w;
    const y = a.y + (1 - v) * a.h;
    if (i === 0) path.moveTo(x, y);
    else path.lineTo(x, y);
  });
}

/** Strokes of the axes and of the line at zoom k (one map unit is k CSS pixels). */
export function sketchStrokes(
  p: Palette,
  k: number,
): { axes: { stroke: string; lineWidth: number }; line: { stroke: string; lineWidth: number } } {
  return {
    axes: { stroke: p.noteStroke, lineWidth: Math.max(0.75, 0.5 / k) },
    line: { stroke: p.text, lineWidth: Math.max(1.75, 1 / k) },
  };
}

/** Whether a card's chart is drawn at zoom k (not on a card under 24 CSS pixels wide). */
function shown(g: ElementGeom, k: number): Sketch | null {
  const sketch = sketchOf(g.rec);
  return sketch && g.w * k >= 24 ? sketch : null;
}

/** The live map's and the PNG export's drawing (Canvas 2D). */
export function drawSketches(
  ctx: CanvasRenderingContext2D,
  els: readonly ElementGeom[],
  p: Palette,
  k: number,
): void {
  const { axes, line } = sketchStrokes(p, k);
  for (const g of els) {
    const sketch = shown(g, k);
    if (!sketch) continue;
    ctx.beginPath();
    appendSketchAxes(ctx, g);
    ctx.strokeStyle = axes.stroke;
    ctx.lineWidth = axes.lineWidth;
    ctx.stroke();
    ctx.beginPath();
    appendSketchLine(ctx, g, sketch);
    ctx.strokeStyle = line.stroke;
    ctx.lineWidth = line.lineWidth;
    ctx.lineJoin = 'round';
    ctx.stroke();
  }
}

/** Something that strokes paths (the SVG export's painter): the same rules, another output. */
export interface SketchPainter {
  path(build: (p: CanvasPath) => void, style: { stroke: string; lineWidth: number }): void;
}

/** The SVG export's drawing of one card's chart (nothing when it has none or is too small). */
export function paintSketch(painter: SketchPainter, g: ElementGeom, p: Palette, k: number): void {
  const sketch = shown(g, k);
  if (!sketch) return;
  const { axes, line } = sketchStrokes(p, k);
  painter.path((path) => appendSketchAxes(path, g), axes);
  painter.path((path) => appendSketchLine(path, g, sketch), line);
}
