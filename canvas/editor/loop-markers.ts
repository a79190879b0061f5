import type { Point, Rect } from './geometry';

/**
 * Loop markers, as system dynamics texts draw them: a circular arrow with the loop's identifier
 * (R1, B2) and the group's name for it, in the middle of the loop. Where it goes is worked out
 * here, in map units, from the members' centres: their centroid, nudged to the nearest free spot
 * inside the members' convex hull when an element sits there. Pure functions, no DOM.
 */

/** What a feature asks the renderer to mark (see `MapRenderer.setLoopMarkers`). */
export interface LoopMarkerSpec {
  /** Stable id (the loop's signature). */
  readonly id: string;
  /** The identifier drawn in the circle: R1, B2… */
  readonly code: string;
  readonly polarity: 'R' | 'B';
  /** The group's name for the loop, drawn under the circle. */
  readonly name?: string;
  /** Member element ids, in loop order. */
  readonly members: readonly string[];
}

/** A marker's anchor on the map (map units), from `placeLoopMarker`. */
export interface LoopMarkerAnchor {
  readonly spec: LoopMarkerSpec;
  readonly x: number;
  readonly y: number;
}

/** The circle's radius in map units (drawn at least `MIN_MARKER_PX` on screen). */
export const MARKER_RADIUS = 24;
export const MIN_MARKER_PX = 16;

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in a y-up sense, no repeats. */
export function convexHull(points: readonly Point[]): Point[] {
  const pts = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const uniq: Point[] = [];
  for (const p of pts) {
    const last = uniq[uniq.length - 1];
    if (!last || last.x !== p.x || last.y !== p.y) uniq.push(p);
  }
  if (uniq.length < 3) return uniq;
  const lower: Point[] = [];
  for (const p of uniq) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = uniq.length - 1; i >= 0; i--) {
    const p = uniq[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/**
 * Whether `p` lies in the convex hull `hull` (from `convexHull`), edges included. A hull of two
 * points is their segment (within `eps`); of one point, that point.
 */
export function inHull(hull: readonly Point[], p: Point, eps = 1e-6): boolean {
  if (hull.length === 0) return false;
  if (hull.length === 1) return Math.hypot(hull[0]!.x - p.x, hull[0]!.y - p.y) <= eps;
  if (hull.length === 2) {
    const [a, b] = hull as [Point, Point];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (Math.abs(cross(a, b, p)) / (len || 1) > eps) return false;
    const t = ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / (len * len || 1);
    return t >= -eps && t <= 1 + eps;
  }
  let sign = 0;
  for (let i = 0; i < hull.length; i++) {
    const c = cross(hull[i]!, hull[(i + 1) % hull.length]!, p);
    if (Math.abs(c) <= eps) continue;
    const s = c > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

function circleHitsRect(x: number, y: number, r: number, b: Rect): boolean {
  const dx = x - Math.max(b.x, Math.min(x, b.x + b.width));
  const dy = y - Math.max(b.y, Math.min(y, b.y + b.height));
  return dx * dx + dy * dy < r * r;
}

/**
 * Where a loop's marker goes: the centroid of its members' centres when a circle of radius `r`
 * there covers none of `obstacles` (element boxes); else the free spot inside the hull nearest
 * to the centroid (a grid search, `r / 2` apart); else the centroid. Always inside the hull.
 */
export function placeLoopMarker(
  centres: readonly Point[],
  obstacles: readonly Rect[],
  r = MARKER_RADIUS,
): Point | null {
  if (centres.length === 0) return null;
  let sx = 0;
  let sy = 0;
  for (const p of centres) {
    sx += p.x;
    sy += p.y;
  }
  const c = { x: sx / centres.length, y: sy / centres.length };
  const free = (x: number, y: number): boolean =>
    !obstacles.some((b) => circleHitsRect(x, y, r, b));
  if (free(c.x, c.y)) return c;
  const hull = convexHull(centres);
  if (hull.length < 3) return c;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of hull) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  // At most ~40 x 40 tries, however large the loop.
  const step = Math.max(r / 2, (x1 - x0) / 40, (y1 - y0) / 40);
  let best: Point | null = null;
  let bestD = Infinity;
  for (let x = x0; x <= x1; x += step)
    for (let y = y0; y <= y1; y += step) {
      const d = (x - c.x) ** 2 + (y - c.y) ** 2;
      if (d >= bestD) continue;
      const p = { x, y };
      if (inHull(hull, p) && free(x, y)) {
        best = p;
        bestD = d;
      }
    }
  return best ?? c;
}
