import { addElement, updateElement } from '../domain/elements';
import type { EditContext } from '../domain/context';
import { DomainError } from '../domain/context';
import type { Position } from '../schema/types';
import { SKETCH_FIELD, SKETCH_LIMITS, validateSketch, type Sketch } from '../schema/sketch';

/**
 * Graphs over Time (a group model building script): a participant sketches how a factor changed
 * over time on a card. The pointer's path (any number of points, in pad pixels) becomes a
 * bounded sketch: points in time order in the unit square, at most `SKETCH_LIMITS.points`.
 */

/**
 * A sketch from a drawn path in a `width` x `height` pad (y down, as screens are): kept in time
 * order (a stroke that goes back in time keeps its furthest-right course), clamped to the pad,
 * and resampled to at most `max` points evenly spaced in time. Undefined when the path spans no
 * time at all.
 */
export function sketchFromPath(
  path: readonly { x: number; y: number }[],
  width: number,
  height: number,
  max: number = SKETCH_LIMITS.points,
): Sketch | undefined {
  if (!(width > 0 && height > 0) || max < 2) return undefined;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const pts: [number, number][] = [];
  for (const p of path) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const t = clamp(p.x / width);
    const v = clamp(1 - p.y / height);
    if (pts.length && t < pts[pts.length - 1]![0]) continue;
    pts.push([t, v]);
  }
  if (pts.length < 2 || pts[pts.length - 1]![0] - pts[0]![0] <= 0) return undefined;
  const t0 = pts[0]![0];
  const t1 = pts[pts.length - 1]![0];
  const n = Math.min(max, Math.max(2, pts.length));
  const out: [number, number][] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const t = t0 + ((t1 - t0) * i) / (n - 1);
    while (j < pts.length - 2 && pts[j + 1]![0] < t) j++;
    const [ta, va] = pts[j]!;
    const [tb, vb] = pts[j + 1]!;
    const f = tb > ta ? (t - ta) / (tb - ta) : 0;
    out.push([round(t), round(clamp(va + (vb - va) * f))]);
  }
  return { points: out };
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

function checked(sketch: Sketch): Sketch {
  const errors = validateSketch(sketch);
  if (errors.length) throw new DomainError(errors);
  return { points: sketch.points.map(([t, v]) => [t, v] as const) };
}

/** Adds a Graphs-over-Time card (a note carrying the sketch). Returns its id. */
export function addGraphCard(
  ctx: EditContext,
  input: { label: string; position?: Position; sketch: Sketch },
): string {
  return addElement(ctx, {
    kind: 'note',
    label: input.label,
    ...(input.position ? { position: input.position } : {}),
    extra: { [SKETCH_FIELD]: checked(input.sketch) },
  });
}

/** Replaces the sketch on a card. */
export function setSketch(ctx: EditContext, id: string, sketch: Sketch): void {
  updateElement(ctx, id, { extra: { [SKETCH_FIELD]: checked(sketch) } });
}
