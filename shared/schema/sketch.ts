import type { FieldError } from './types';

/**
 * A Graphs-over-Time card's sketch (issue #18): how a participant remembers a factor changing
 * over time, drawn by hand. Kept in the element custom field `sketch` of a `note` (older clients
 * keep it as a custom field; the card stays a readable note). Points are [time, value] in the
 * unit square (time left to right, value bottom to top), in time order, at most
 * `SKETCH_LIMITS.points`. The host refuses a `sketch` that is not exactly that.
 */

export const SKETCH_FIELD = 'sketch';
export const SKETCH_LIMITS = { points: 64 } as const;

export interface Sketch {
  readonly points: readonly (readonly [number, number])[];
}

const unit = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

/** Problems with a stored sketch value. */
export function validateSketch(value: unknown): FieldError[] {
  const field = SKETCH_FIELD;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{ field, message: 'A sketch is {points: [[t, v], ...]}.' }];
  const keys = Object.keys(value);
  if (keys.some((k) => k !== 'points'))
    return [{ field, message: 'A sketch holds its points only.' }];
  const points = (value as { points?: unknown }).points;
  if (!Array.isArray(points) || points.length < 2 || points.length > SKETCH_LIMITS.points)
    return [{ field, message: `A sketch has 2 to ${SKETCH_LIMITS.points} points.` }];
  let last = -1;
  for (const p of points) {
    if (!Array.isArray(p) || p.length !== 2 || !unit(p[0]) || !unit(p[1]))
      return [{ field, message: 'Each point is [t, v] with both from 0 to 1.' }];
    if (p[0] < last) return [{ field, message: 'Points go forward in time.' }];
    last = p[0];
  }
  return [];
}

/** The sketch of an element's custom fields, or undefined when it has none (or a bad one). */
export function readSketch(extra: Readonly<Record<string, unknown>>): Sketch | undefined {
  const v = extra[SKETCH_FIELD];
  return v !== undefined && validateSketch(v).length === 0 ? (v as Sketch) : undefined;
}
