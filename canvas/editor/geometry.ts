/**
 * Plane geometry for the map editor: rectangles, distances to segments and quadratic curves,
 * and the offsets that keep parallel connections apart. Pure functions, no DOM.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** An axis-aligned rectangle, in map units unless said otherwise. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return (
    a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height
  );
}

export function rectContainsPoint(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;
}

/** True when `inner` lies wholly inside `outer`. */
export function rectContainsRect(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** The rectangle spanned by two corners in any order (a rubber band). */
export function rectFromCorners(a: Point, b: Point): Rect {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  };
}

export function unionRects(rects: Iterable<Rect>): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    if (r.x < x0) x0 = r.x;
    if (r.y < y0) y0 = r.y;
    if (r.x + r.width > x1) x1 = r.x + r.width;
    if (r.y + r.height > y1) y1 = r.y + r.height;
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Squared distance from (px, py) to the segment (x1, y1)-(x2, y2). */
export function distanceToSegmentSq(
  px: number,
  py: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - x1) * dx + (py - y1) * dy) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const ex = x1 + t * dx - px;
  const ey = y1 + t * dy - py;
  return ex * ex + ey * ey;
}

export function distanceToSegment(
  px: number,
  py: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  return Math.sqrt(distanceToSegmentSq(px, py, x1, y1, x2, y2));
}

/** The point at parameter t on the quadratic Bézier curve p0 -> (control c) -> p1. */
export function quadraticPoint(
  x0: number,
  y0: number,
  cx: number,
  cy: number,
  x1: number,
  y1: number,
  t: number,
): Point {
  const u = 1 - t;
  return {
    x: u * u * x0 + 2 * u * t * cx + t * t * x1,
    y: u * u * y0 + 2 * u * t * cy + t * t * y1,
  };
}

/** The (unnormalised) tangent of the quadratic curve at t. */
export function quadraticTangent(
  x0: number,
  y0: number,
  cx: number,
  cy: number,
  x1: number,
  y1: number,
  t: number,
): Point {
  return {
    x: 2 * (1 - t) * (cx - x0) + 2 * t * (x1 - cx),
    y: 2 * (1 - t) * (cy - y0) + 2 * t * (y1 - cy),
  };
}

/**
 * Distance from a point to a quadratic curve, by flattening it into `steps` segments. Twenty
 * segments keep the error well under a pixel for the gentle curves the editor draws.
 */
export function distanceToQuadratic(
  px: number,
  py: number,
  x0: number,
  y0: number,
  cx: number,
  cy: number,
  x1: number,
  y1: number,
  steps = 20,
): number {
  let best = Infinity;
  let ax = x0;
  let ay = y0;
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    const bx = u * u * x0 + 2 * u * t * cx + t * t * x1;
    const by = u * u * y0 + 2 * u * t * cy + t * t * y1;
    const d = distanceToSegmentSq(px, py, ax, ay, bx, by);
    if (d < best) best = d;
    ax = bx;
    ay = by;
  }
  return Math.sqrt(best);
}

/** Bounding box of a quadratic curve (exact: uses the curve's extrema, not the control point). */
export function quadraticBounds(
  x0: number,
  y0: number,
  cx: number,
  cy: number,
  x1: number,
  y1: number,
): Rect {
  let minX = Math.min(x0, x1);
  let maxX = Math.max(x0, x1);
  let minY = Math.min(y0, y1);
  let maxY = Math.max(y0, y1);
  const extreme = (a: number, c: number, b: number): number | null => {
    const d = a - 2 * c + b;
    if (d === 0) return null;
    const t = (a - c) / d;
    return t > 0 && t < 1 ? t : null;
  };
  const tx = extreme(x0, cx, x1);
  if (tx !== null) {
    const x = quadraticPoint(x0, y0, cx, cy, x1, y1, tx).x;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
  }
  const ty = extreme(y0, cy, y1);
  if (ty !== null) {
    const y = quadraticPoint(x0, y0, cx, cy, x1, y1, ty).y;
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * Sideways offsets for `n` connections that join the same two elements, centred on the straight
 * line: one connection stays straight (0); two bow out to either side (-s/2, +s/2); three are
 * -s, 0, +s; and so on. Offsets are measured along the normal of the pair's canonical direction
 * (from the smaller id to the larger), so A->B and B->A land on opposite sides.
 */
export function parallelOffsets(n: number, spacing: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((i - (n - 1) / 2) * spacing);
  return out;
}

/**
 * Control point of a quadratic curve from (x0, y0) to (x1, y1) whose middle sits `offset` away
 * from the straight line, along the normal of the direction (nx, ny) (a unit vector). The curve's
 * midpoint lies halfway between the chord's midpoint and the control point, hence the factor 2.
 */
export function curveControlPoint(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  nx: number,
  ny: number,
  offset: number,
): Point {
  return { x: (x0 + x1) / 2 + nx * offset * 2, y: (y0 + y1) / 2 + ny * offset * 2 };
}
