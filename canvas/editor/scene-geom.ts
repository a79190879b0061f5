import { LIMITS } from '../../shared/schema/limits';
import type { ConnectionRecord, ElementRecord } from '../../shared/schema/types';
import { curveControlPoint, quadraticBounds, unionRects, type Rect } from './geometry';
import { fitLabel, LABEL_LINE_HEIGHT, type Measure } from './label-fit';
import type { GridItem } from './spatial-index';
import { boundaryDistance, FRAME_PADDING, FRAME_TITLE_HEIGHT, type ShapeSpec } from './shapes';

/**
 * The scene's records of geometry (an element's box, a connection's line) and the pure functions
 * that place them. `Scene` (scene.ts) keeps them in step with the snapshot and indexes them.
 */

export interface ElementGeom extends GridItem {
  readonly id: string;
  rec: ElementRecord;
  spec: ShapeSpec;
  /** Top-left of the shape's box, and its size, in map units. */
  x: number;
  y: number;
  w: number;
  h: number;
  cx: number;
  cy: number;
  /** The label as drawn at 100% (see label-fit.ts), and its widest line, map units. */
  lines: readonly string[];
  textWidth: number;
  /** Insertion order: among overlapping shapes of one layer, the later one is on top. */
  readonly seq: number;
}

export interface ConnectionGeom extends GridItem {
  readonly id: string;
  rec: ConnectionRecord;
  /** Line start and end, trimmed to the elements' outlines. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Quadratic control point when `curved`; the midpoint otherwise. */
  qx: number;
  qy: number;
  curved: boolean;
  /** Sideways offset among parallel connections (0 = straight). */
  offset: number;
  /** Sideways offset of a bend around an element in the way (routing.ts); 0 when none. */
  bend: number;
  /** False when an end is missing or the two ends coincide: nothing to draw or hit. */
  drawable: boolean;
}

/** How far apart the middles of parallel connections between one pair sit, in map units. */
export const PARALLEL_SPACING = 36;
/** Extra room around a connection's bounds for arrowheads, glyphs and delay marks. */
const CONNECTION_PAD = 14;
/** Room under an actor for its label, beside the lines. */
const BELOW_LABEL_PAD = 8;
const BELOW_LABEL_WIDTH = 160;

/**
 * Why an element cannot be placed on the map, or null when it can: a position that is not two
 * finite numbers within the schema's coordinate limit. A hostile or broken peer can store such a
 * record; the renderer leaves it out (and says so) instead of hanging on it.
 */
export function invalidPosition(rec: ElementRecord): string | null {
  const p = rec.position as unknown;
  if (!Array.isArray(p) || p.length !== 2) return 'it has no position';
  const [x, y] = p as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    return 'its position is not a pair of numbers';
  const lim = LIMITS.coordinate;
  if (Math.abs(x) > lim || Math.abs(y) > lim)
    return `its position (${x.toPrecision(3)}, ${y.toPrecision(3)}) is beyond ±${lim.toExponential(0)}`;
  return null;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * Per-element looks a feature computes from the map (the analysis views' "size by", "colour by"
 * and lens). Per person, never written to the document.
 */
export interface ElementEncodings {
  /** Fill colour (#rrggbb) per element id, drawn over the record's own colour. */
  readonly fill?: ReadonlyMap<string, string>;
  /** Size factor per element id (clamped to 0.25..4); frames keep fitting their children. */
  readonly scale?: ReadonlyMap<string, number>;
  /** Elements neither drawn nor hit; connections that touch one are hidden with it. */
  readonly hidden?: ReadonlySet<string>;
  /** Elements marked as brokers (a small badge; see draw-marks.ts). */
  readonly brokers?: ReadonlySet<string>;
}

export interface SceneChange {
  readonly elements: number;
  readonly connections: number;
  /** True when only labels, colours or other looks changed, not geometry. */
  readonly geometry: boolean;
}

/** Sizes and places an element's box (and its label's lines) at (px, py), scaled by `raw`. */
export function placeElementGeom(
  g: ElementGeom,
  [px, py]: readonly [number, number],
  raw: number | undefined,
  measure: Measure,
): void {
  const k = raw !== undefined && Number.isFinite(raw) ? Math.min(4, Math.max(0.25, raw)) : 1;
  const fit = fitLabel(g.spec, g.rec.label, measure);
  g.lines = fit.lines;
  g.textWidth = fit.textWidth;
  const w = fit.width * k;
  const h = fit.height * k;
  g.w = w;
  g.h = h;
  g.cx = px;
  g.cy = py;
  g.x = px - w / 2;
  g.y = py - h / 2;
  if (g.spec.label === 'below') {
    const lw = Math.max(w, BELOW_LABEL_WIDTH);
    const lh = Math.max(1, fit.lines.length) * LABEL_LINE_HEIGHT + BELOW_LABEL_PAD;
    g.bounds = { x: px - lw / 2, y: g.y, width: lw, height: h + lh };
  } else g.bounds = { x: g.x, y: g.y, width: w, height: h };
}

/** Fits a frame around its children's boxes, or sizes an empty one from its record. */
export function placeFrameGeom(
  g: ElementGeom,
  boxes: readonly Rect[],
  [px, py]: readonly [number, number],
): void {
  g.lines = g.rec.label ? [g.rec.label] : [];
  const inner = unionRects(boxes);
  if (inner) {
    g.x = inner.x - FRAME_PADDING;
    g.y = inner.y - FRAME_PADDING - FRAME_TITLE_HEIGHT;
    g.w = inner.width + 2 * FRAME_PADDING;
    g.h = inner.height + 2 * FRAME_PADDING + FRAME_TITLE_HEIGHT;
  } else {
    const size = (v: unknown, d: number): number =>
      typeof v === 'number' && Number.isFinite(v) ? Math.min(Math.max(v, 80), 1e5) : d;
    g.w = size(g.rec.extra['width'], g.spec.width);
    g.h = size(g.rec.extra['height'], g.spec.height);
    g.x = px - g.w / 2;
    g.y = py - g.h / 2;
  }
  g.cx = g.x + g.w / 2;
  g.cy = g.y + g.h / 2;
  g.bounds = { x: g.x, y: g.y, width: g.w, height: g.h };
}

/**
 * Runs a connection between its ends' outlines: straight, or bowed by `c.offset` (parallel
 * connections). Returns false (nothing to draw) when an end is missing or both coincide.
 */
export function placeConnectionGeom(
  c: ConnectionGeom,
  a: ElementGeom | undefined,
  b: ElementGeom | undefined,
): boolean {
  if (!a || !b || (a.cx === b.cx && a.cy === b.cy)) {
    c.drawable = false;
    return false;
  }
  c.drawable = true;
  const off = c.offset || c.bend;
  if (off === 0) {
    const dx = b.cx - a.cx;
    const dy = b.cy - a.cy;
    const len = Math.hypot(dx, dy);
    const ux = dx / len;
    const uy = dy / len;
    const da = boundaryDistance(a.spec.shape, a.w, a.h, ux, uy);
    const db = boundaryDistance(b.spec.shape, b.w, b.h, ux, uy);
    c.curved = false;
    c.x0 = a.cx + ux * da;
    c.y0 = a.cy + uy * da;
    c.x1 = b.cx - ux * db;
    c.y1 = b.cy - uy * db;
    c.qx = (c.x0 + c.x1) / 2;
    c.qy = (c.y0 + c.y1) / 2;
    c.bounds = pad(
      {
        x: Math.min(c.x0, c.x1),
        y: Math.min(c.y0, c.y1),
        width: Math.abs(c.x1 - c.x0),
        height: Math.abs(c.y1 - c.y0),
      },
      CONNECTION_PAD,
    );
  } else {
    // The normal of the canonical direction (smaller id -> larger id), so A->B and B->A bow
    // to opposite sides.
    const [lo, hi] = a.id < b.id ? [a, b] : [b, a];
    const dx = hi.cx - lo.cx;
    const dy = hi.cy - lo.cy;
    const len = Math.hypot(dx, dy);
    const q = curveControlPoint(a.cx, a.cy, b.cx, b.cy, -dy / len, dx / len, off);
    c.curved = true;
    c.qx = q.x;
    c.qy = q.y;
    const trim = (g: ElementGeom): [number, number] => {
      const ex = q.x - g.cx;
      const ey = q.y - g.cy;
      const el = Math.hypot(ex, ey) || 1;
      const d = boundaryDistance(g.spec.shape, g.w, g.h, ex / el, ey / el);
      return [g.cx + (ex / el) * d, g.cy + (ey / el) * d];
    };
    [c.x0, c.y0] = trim(a);
    [c.x1, c.y1] = trim(b);
    c.bounds = pad(quadraticBounds(c.x0, c.y0, c.qx, c.qy, c.x1, c.y1), CONNECTION_PAD);
  }
  return true;
}

function pad(r: Rect, p: number): Rect {
  return { x: r.x - p, y: r.y - p, width: r.width + 2 * p, height: r.height + 2 * p };
}

export function newElementGeom(
  id: string,
  rec: ElementRecord,
  spec: ShapeSpec,
  seq: number,
): ElementGeom {
  return {
    id,
    rec,
    spec,
    x: 0,
    y: 0,
    w: 0,
    h: 0,
    cx: 0,
    cy: 0,
    lines: [],
    textWidth: 0,
    seq,
    bounds: { x: 0, y: 0, width: 0, height: 0 },
    qstamp: 0,
  };
}

export function newConnectionGeom(id: string, rec: ConnectionRecord): ConnectionGeom {
  return {
    id,
    rec,
    x0: 0,
    y0: 0,
    x1: 0,
    y1: 0,
    qx: 0,
    qy: 0,
    curved: false,
    offset: 0,
    bend: 0,
    drawable: false,
    bounds: { x: 0, y: 0, width: 0, height: 0 },
    qstamp: 0,
  };
}

/** Adds `id` to the set under `key`; true (always) so callers can mark the key dirty. */
export function addMember(m: Map<string, Set<string>>, key: string, id: string): boolean {
  let set = m.get(key);
  if (!set) m.set(key, (set = new Set()));
  set.add(id);
  return true;
}

/** Removes `id` from the set under `key` (dropping an empty set); false when there was none. */
export function removeMember(m: Map<string, Set<string>>, key: string, id: string): boolean {
  const set = m.get(key);
  if (!set) return false;
  set.delete(id);
  if (set.size === 0) m.delete(key);
  return true;
}

/** Ids (of elements in `live`) whose size factor differs between two scale encodings. */
export function changedScales(
  before: ReadonlyMap<string, number> | undefined,
  after: ReadonlyMap<string, number> | undefined,
  live: ReadonlyMap<string, unknown>,
): Set<string> {
  const dirty = new Set<string>();
  if (before === after) return dirty;
  if (before) for (const [id, k] of before) if (after?.get(id) !== k) dirty.add(id);
  if (after) for (const [id, k] of after) if (before?.get(id) !== k) dirty.add(id);
  for (const id of [...dirty]) if (!live.has(id)) dirty.delete(id);
  return dirty;
}
