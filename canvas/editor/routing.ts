import { curveControlPoint, type Rect } from './geometry';
import { placeConnectionGeom, type ConnectionGeom, type ElementGeom } from './scene-geom';
import type { GridIndex } from './spatial-index';

/**
 * Readable lines: a connection whose straight line would pass under an unrelated element bends
 * around it, when one bend (a quadratic curve's control point) can. Pure functions; the scene
 * calls `bendAround` when it places a connection (once per layout change, never per frame).
 */

/** Room kept between a line and an element it passes, map units. */
export const ROUTE_PAD = 6;
/** Sideways offsets tried (the curve's middle moves this far), smallest first. */
const OFFSETS = [22, 36, 52, 72, 96, 126, 160];
/** Segments a tried curve is flattened into. */
const STEPS = 10;
/** More elements than this on one line: it stays straight. */
const MAX_HITS = 3;

/** Whether the segment (ax, ay)-(bx, by) passes through `r` grown by `pad` (Liang–Barsky). */
export function segmentHitsRect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r: Rect,
  pad = 0,
): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  // Clip the parameter range [t0, t1] by each pair of sides (no closures: this runs per line).
  let t0 = 0;
  let t1 = 1;
  for (let side = 0; side < 4; side++) {
    const p = side === 0 ? -dx : side === 1 ? dx : side === 2 ? -dy : dy;
    const q =
      side === 0
        ? ax - (r.x - pad)
        : side === 1
          ? r.x + r.width + pad - ax
          : side === 2
            ? ay - (r.y - pad)
            : r.y + r.height + pad - ay;
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return true;
}

/**
 * Whether the quadratic curve p0 -> (control q) -> p1 passes through any of `rects` (grown by
 * `pad`). Rectangles outside the control triangle's box (which holds the curve) are skipped.
 */
export function curveHitsAny(
  x0: number,
  y0: number,
  qx: number,
  qy: number,
  x1: number,
  y1: number,
  rects: readonly Rect[],
  pad = ROUTE_PAD,
): boolean {
  const bx0 = Math.min(x0, qx, x1) - pad;
  const by0 = Math.min(y0, qy, y1) - pad;
  const bx1 = Math.max(x0, qx, x1) + pad;
  const by1 = Math.max(y0, qy, y1) + pad;
  let pts: number[] | null = null;
  for (const r of rects) {
    if (r.x > bx1 || r.x + r.width < bx0 || r.y > by1 || r.y + r.height < by0) continue;
    if (!pts) {
      pts = [];
      for (let i = 0; i <= STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        pts.push(
          u * u * x0 + 2 * u * t * qx + t * t * x1,
          u * u * y0 + 2 * u * t * qy + t * t * y1,
        );
      }
    }
    for (let i = 0; i + 3 < pts.length; i += 2)
      if (segmentHitsRect(pts[i]!, pts[i + 1]!, pts[i + 2]!, pts[i + 3]!, r, pad)) return true;
  }
  return false;
}

/**
 * The sideways offset (along the unit normal (nx, ny), as `curveControlPoint` takes it) of the
 * gentlest single bend from (x0, y0) to (x1, y1) that passes none of `obstacles`: 0 when the
 * straight line is clear, null when no bend up to a third of the line's length clears them all
 * (the line then stays straight). Bends away from the obstacles' side first.
 */
export function bendAround(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  nx: number,
  ny: number,
  obstacles: readonly Rect[],
): number | null {
  const hits = obstacles.filter((r) => segmentHitsRect(x0, y0, x1, y1, r, ROUTE_PAD));
  if (hits.length === 0) return 0;
  // A line through a crowd: no simple bend reads better than the straight line.
  if (hits.length > MAX_HITS) return null;
  // Which side of the line the blocking elements mostly lie on: bend to the other first.
  let side = 0;
  for (const r of hits) side += (r.x + r.width / 2 - x0) * nx + (r.y + r.height / 2 - y0) * ny;
  const first = side > 0 ? -1 : 1;
  const len = Math.hypot(x1 - x0, y1 - y0);
  for (const m of OFFSETS) {
    if (m > len / 3) break;
    for (const s of [first, -first]) {
      const q = curveControlPoint(x0, y0, x1, y1, nx, ny, s * m);
      if (!curveHitsAny(x0, y0, q.x, q.y, x1, y1, obstacles)) return s * m;
    }
  }
  return null;
}

/** How far (map units) a bend can reach: the area to gather obstacles from around a line. */
export const MAX_BEND = OFFSETS[OFFSETS.length - 1]!;

const scratch: ElementGeom[] = [];

/**
 * The bend (see `ConnectionGeom.bend`) a straight connection from `a` to `b` takes around the
 * elements in its way (frames and the two ends excepted), or 0. The normal is the one
 * `placeConnectionGeom` uses: of the direction from the smaller id to the larger.
 */
export function bendFor(index: GridIndex<ElementGeom>, a: ElementGeom, b: ElementGeom): number {
  const x0 = Math.min(a.cx, b.cx);
  const y0 = Math.min(a.cy, b.cy);
  const w = Math.abs(a.cx - b.cx);
  const h = Math.abs(a.cy - b.cy);
  scratch.length = 0;
  index.query({ x: x0, y: y0, width: w, height: h }, scratch);
  let blocked = false;
  for (const g of scratch)
    if (
      g !== a &&
      g !== b &&
      g.spec.shape !== 'frame' &&
      segmentHitsRect(a.cx, a.cy, b.cx, b.cy, g.bounds, ROUTE_PAD)
    ) {
      blocked = true;
      break;
    }
  if (!blocked) return 0;
  const m = MAX_BEND + ROUTE_PAD;
  scratch.length = 0;
  const around = index.query(
    { x: x0 - m, y: y0 - m, width: w + 2 * m, height: h + 2 * m },
    scratch,
  );
  const obstacles: Rect[] = [];
  for (const g of around)
    if (g !== a && g !== b && g.spec.shape !== 'frame') obstacles.push(g.bounds);
  const [lo, hi] = a.id < b.id ? [a, b] : [b, a];
  const len = Math.hypot(hi.cx - lo.cx, hi.cy - lo.cy) || 1;
  const nx = -(hi.cy - lo.cy) / len;
  const ny = (hi.cx - lo.cx) / len;
  return bendAround(a.cx, a.cy, b.cx, b.cy, nx, ny, obstacles) ?? 0;
}

/** Places a connection (see `placeConnectionGeom`), bent around what is in its way; false: not drawn. */
export function routeConnection(
  c: ConnectionGeom,
  a: ElementGeom | undefined,
  b: ElementGeom | undefined,
  index: GridIndex<ElementGeom>,
): boolean {
  c.bend = 0;
  if (!placeConnectionGeom(c, a, b)) return false;
  if (c.offset === 0) {
    c.bend = bendFor(index, a!, b!);
    if (c.bend) placeConnectionGeom(c, a, b);
  }
  return true;
}
