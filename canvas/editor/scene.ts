import { LIMITS } from '../../shared/schema/limits';
import type { ConnectionRecord, ElementRecord, MapSnapshot } from '../../shared/schema/types';
import {
  curveControlPoint,
  parallelOffsets,
  quadraticBounds,
  unionRects,
  type Rect,
} from './geometry';
import { GridIndex, type GridItem } from './spatial-index';
import {
  boundaryDistance,
  FRAME_PADDING,
  FRAME_TITLE_HEIGHT,
  shapeSpecFor,
  type ShapeSpec,
} from './shapes';

/**
 * The renderer's derived model of a snapshot: where every element's box is, where every
 * connection's (trimmed, possibly curved) line runs, and two grid indexes over them. `update`
 * is incremental: records that kept their identity keep their geometry, so a snapshot that
 * changes a handful of records costs a handful of index updates plus one identity pass.
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
  /** False when an end is missing or the two ends coincide: nothing to draw or hit. */
  drawable: boolean;
}

/** How far apart the middles of parallel connections between one pair sit, in map units. */
export const PARALLEL_SPACING = 36;
/** Extra room around a connection's bounds for arrowheads, glyphs and delay marks. */
const CONNECTION_PAD = 14;
/** Room under an actor for its label. */
const BELOW_LABEL_HEIGHT = 24;
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
}

const NO_ENCODINGS: ElementEncodings = {};

export interface SceneChange {
  readonly elements: number;
  readonly connections: number;
  /** True when only labels, colours or other looks changed, not geometry. */
  readonly geometry: boolean;
}

export class Scene {
  snapshot: MapSnapshot | null = null;
  readonly elements = new Map<string, ElementGeom>();
  readonly connections = new Map<string, ConnectionGeom>();
  readonly elementIndex = new GridIndex<ElementGeom>(256);
  readonly connectionIndex = new GridIndex<ConnectionGeom>(256);
  private readonly byElement = new Map<string, Set<string>>();
  private readonly pairs = new Map<string, string[]>();
  private readonly children = new Map<string, Set<string>>();
  private readonly overrides = new Map<string, readonly [number, number]>();
  private seq = 0;
  /**
   * Elements of the snapshot left off the map, with the reason (see `invalidPosition`). They
   * are not in `elements`, so nothing draws, hits or fits them, and their connections are not
   * drawn.
   */
  invalid: ReadonlyMap<string, string> = new Map();
  private invalidRecs = new Map<string, readonly [ElementRecord, string]>();
  /** See `setEncodings`. */
  encodings: ElementEncodings = NO_ENCODINGS;

  /** Brings the scene to `next`, touching only records whose identity changed. */
  update(next: MapSnapshot): SceneChange {
    const prev = this.snapshot;
    this.snapshot = next;
    const dirtyEls = new Set<string>();
    const dirtyGroups = new Set<string>();
    const dirtyConns = new Set<string>();
    const dirtyPairs = new Set<string>();
    let changedEls = 0;
    let changedConns = 0;
    let geometry = false;

    if (!prev || prev.elements !== next.elements) {
      let found = 0;
      let added = 0;
      const invalid = new Map<string, string>();
      const invalidRecs = new Map<string, readonly [ElementRecord, string]>();
      for (const [id, rec] of next.elements) {
        const g = this.elements.get(id);
        if (g && g.rec === rec) {
          found++;
          continue;
        }
        const known = g ? undefined : this.invalidRecs.get(id);
        if (known && known[0] === rec) {
          invalid.set(id, known[1]);
          invalidRecs.set(id, known);
          continue;
        }
        const why = invalidPosition(rec);
        if (why !== null) {
          invalid.set(id, why);
          invalidRecs.set(id, [rec, why]);
          if (g) this.dropElement(id, g, dirtyGroups, dirtyConns);
          changedEls++;
          geometry = true;
          continue;
        }
        if (g) {
          found++;
          if (g.rec === rec) continue;
          changedEls++;
          const old = g.rec;
          g.rec = rec;
          if (old.parent !== rec.parent) {
            this.unparent(id, old.parent, dirtyGroups);
            this.reparent(id, rec.parent, dirtyGroups);
          }
          if (
            old.kind !== rec.kind ||
            old.actorType !== rec.actorType ||
            old.position[0] !== rec.position[0] ||
            old.position[1] !== rec.position[1] ||
            old.extra !== rec.extra
          ) {
            g.spec = shapeSpecFor(rec);
            dirtyEls.add(id);
            this.overrides.delete(id);
          }
        } else {
          added++;
          changedEls++;
          const geom: ElementGeom = {
            id,
            rec,
            spec: shapeSpecFor(rec),
            x: 0,
            y: 0,
            w: 0,
            h: 0,
            cx: 0,
            cy: 0,
            seq: this.seq++,
            bounds: { x: 0, y: 0, width: 0, height: 0 },
            qstamp: 0,
          };
          this.elements.set(id, geom);
          this.reparent(id, rec.parent, dirtyGroups);
          dirtyEls.add(id);
        }
      }
      if (found + added !== this.elements.size) {
        for (const [id, g] of this.elements) {
          if (next.elements.has(id)) continue;
          changedEls++;
          this.dropElement(id, g, dirtyGroups, dirtyConns);
          geometry = true;
        }
      }
      if (invalid.size || this.invalid.size) {
        // A record that was left out and is gone now is a change too.
        for (const id of this.invalidRecs.keys()) if (!next.elements.has(id)) changedEls++;
        this.invalid = invalid;
        this.invalidRecs = invalidRecs;
      }
    }

    if (!prev || prev.connections !== next.connections) {
      let found = 0;
      let added = 0;
      for (const [id, rec] of next.connections) {
        const g = this.connections.get(id);
        if (g) {
          found++;
          if (g.rec === rec) continue;
          changedConns++;
          const old = g.rec;
          g.rec = rec;
          if (old.from !== rec.from || old.to !== rec.to) {
            this.unlink(id, old, dirtyPairs);
            this.link(id, rec, dirtyPairs);
          }
          dirtyConns.add(id);
        } else {
          added++;
          changedConns++;
          this.connections.set(id, {
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
            drawable: false,
            bounds: { x: 0, y: 0, width: 0, height: 0 },
            qstamp: 0,
          });
          this.link(id, rec, dirtyPairs);
          dirtyConns.add(id);
        }
      }
      if (found + added !== this.connections.size) {
        for (const [id, g] of this.connections) {
          if (next.connections.has(id)) continue;
          changedConns++;
          this.connectionIndex.remove(g);
          this.connections.delete(id);
          this.unlink(id, g.rec, dirtyPairs);
          dirtyConns.delete(id);
        }
      }
    }

    if (dirtyEls.size || dirtyGroups.size || dirtyPairs.size || dirtyConns.size) geometry = true;
    this.relayout(dirtyEls, dirtyGroups, dirtyConns, dirtyPairs);
    return { elements: changedEls, connections: changedConns, geometry };
  }

  /**
   * Shows elements at other positions without a new snapshot (a drag preview). Passing an
   * element again replaces its override; `clearOverrides` returns elements to their records.
   */
  setOverrides(positions: ReadonlyMap<string, readonly [number, number]>): void {
    const dirty = new Set<string>();
    for (const [id, p] of positions) {
      if (!this.elements.has(id)) continue;
      this.overrides.set(id, p);
      dirty.add(id);
    }
    this.relayout(dirty, new Set(), new Set(), new Set());
  }

  clearOverrides(ids?: Iterable<string>): void {
    const dirty = new Set<string>();
    for (const id of ids ?? [...this.overrides.keys()]) {
      if (this.overrides.delete(id) && this.elements.has(id)) dirty.add(id);
    }
    if (dirty.size) this.relayout(dirty, new Set(), new Set(), new Set());
  }

  /**
   * Sets per-element fills, sizes and hidden elements (null clears them all). Only elements
   * whose size factor changed are laid out again.
   */
  setEncodings(next: ElementEncodings | null): void {
    const prev = this.encodings;
    const enc = next ?? NO_ENCODINGS;
    this.encodings = enc;
    const dirty = new Set<string>();
    const before = prev.scale;
    const after = enc.scale;
    if (before !== after) {
      if (before) for (const [id, k] of before) if (after?.get(id) !== k) dirty.add(id);
      if (after) for (const [id, k] of after) if (before?.get(id) !== k) dirty.add(id);
    }
    for (const id of [...dirty]) if (!this.elements.has(id)) dirty.delete(id);
    if (dirty.size) this.relayout(dirty, new Set(), new Set(), new Set());
  }

  /** Whether an element, or a connection (directly or through an end), is hidden by a lens. */
  isHidden(id: string): boolean {
    const hidden = this.encodings.hidden;
    if (!hidden || hidden.size === 0) return false;
    if (hidden.has(id)) return true;
    const c = this.connections.get(id);
    return !!c && (hidden.has(c.rec.from) || hidden.has(c.rec.to));
  }

  hasOverrides(): boolean {
    return this.overrides.size > 0;
  }

  /** The drawn position of an element (its preview position while dragged). */
  positionOf(id: string): readonly [number, number] | undefined {
    return this.overrides.get(id) ?? this.elements.get(id)?.rec.position;
  }

  childrenOf(groupId: string): ReadonlySet<string> {
    return this.children.get(groupId) ?? new Set();
  }

  connectionsOf(elementId: string): ReadonlySet<string> {
    return this.byElement.get(elementId) ?? new Set();
  }

  /**
   * Bounds of everything shown on the map (a lens's hidden elements left out, unless it hides
   * them all), or null for an empty map.
   */
  contentBounds(): Rect | null {
    const all = Array.from(this.elements.values());
    const shown = all.filter((g) => !this.isHidden(g.id));
    return unionRects((shown.length ? shown : all).map((g) => g.bounds));
  }

  private dropElement(
    id: string,
    g: ElementGeom,
    dirtyGroups: Set<string>,
    dirtyConns: Set<string>,
  ): void {
    this.elementIndex.remove(g);
    this.elements.delete(id);
    this.overrides.delete(id);
    this.unparent(id, g.rec.parent, dirtyGroups);
    dirtyGroups.delete(id);
    const conns = this.byElement.get(id);
    if (conns) for (const c of conns) dirtyConns.add(c);
  }

  private reparent(id: string, parent: string | undefined, dirtyGroups: Set<string>): void {
    if (!parent || parent === id) return;
    let set = this.children.get(parent);
    if (!set) {
      set = new Set();
      this.children.set(parent, set);
    }
    set.add(id);
    dirtyGroups.add(parent);
  }

  private unparent(id: string, parent: string | undefined, dirtyGroups: Set<string>): void {
    if (!parent) return;
    const set = this.children.get(parent);
    if (!set) return;
    set.delete(id);
    if (set.size === 0) this.children.delete(parent);
    dirtyGroups.add(parent);
  }

  private link(id: string, rec: ConnectionRecord, dirtyPairs: Set<string>): void {
    for (const end of [rec.from, rec.to]) {
      let set = this.byElement.get(end);
      if (!set) {
        set = new Set();
        this.byElement.set(end, set);
      }
      set.add(id);
    }
    const key = pairKey(rec.from, rec.to);
    const list = this.pairs.get(key);
    if (list) {
      list.push(id);
      list.sort();
    } else this.pairs.set(key, [id]);
    dirtyPairs.add(key);
  }

  private unlink(id: string, rec: ConnectionRecord, dirtyPairs: Set<string>): void {
    for (const end of [rec.from, rec.to]) {
      const set = this.byElement.get(end);
      if (!set) continue;
      set.delete(id);
      if (set.size === 0) this.byElement.delete(end);
    }
    const key = pairKey(rec.from, rec.to);
    const list = this.pairs.get(key);
    if (!list) return;
    const i = list.indexOf(id);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.pairs.delete(key);
    else dirtyPairs.add(key);
  }

  private relayout(
    dirtyEls: Set<string>,
    dirtyGroups: Set<string>,
    dirtyConns: Set<string>,
    dirtyPairs: Set<string>,
  ): void {
    for (const id of dirtyEls) {
      const g = this.elements.get(id);
      if (!g) continue;
      if (g.spec.shape !== 'frame') this.placeElement(g);
      else dirtyGroups.add(id);
      if (g.rec.parent) dirtyGroups.add(g.rec.parent);
    }
    // Frames fit their children; nested frames settle from the inside out (bounded passes).
    for (let pass = 0; pass < 4 && dirtyGroups.size; pass++) {
      const groups = [...dirtyGroups];
      dirtyGroups.clear();
      for (const id of groups) {
        const g = this.elements.get(id);
        if (!g) continue;
        const before = `${g.x},${g.y},${g.w},${g.h}`;
        this.placeFrame(g);
        dirtyEls.add(id);
        if (`${g.x},${g.y},${g.w},${g.h}` !== before && g.rec.parent && g.rec.parent !== id)
          dirtyGroups.add(g.rec.parent);
      }
    }
    for (const id of dirtyEls) {
      const conns = this.byElement.get(id);
      if (conns) for (const c of conns) dirtyConns.add(c);
    }
    for (const key of dirtyPairs) {
      const list = this.pairs.get(key);
      if (!list) continue;
      const offsets = parallelOffsets(list.length, PARALLEL_SPACING);
      list.forEach((cid, i) => {
        const c = this.connections.get(cid);
        if (c) c.offset = offsets[i] ?? 0;
        dirtyConns.add(cid);
      });
    }
    for (const id of dirtyConns) {
      const c = this.connections.get(id);
      if (c) this.placeConnection(c);
    }
  }

  private placeElement(g: ElementGeom): void {
    const [px, py] = this.overrides.get(g.id) ?? g.rec.position;
    const raw = this.encodings.scale?.get(g.id);
    const k = raw !== undefined && Number.isFinite(raw) ? Math.min(4, Math.max(0.25, raw)) : 1;
    const w = g.spec.width * k;
    const h = g.spec.height * k;
    g.w = w;
    g.h = h;
    g.cx = px;
    g.cy = py;
    g.x = px - w / 2;
    g.y = py - h / 2;
    if (g.spec.label === 'below') {
      const lw = Math.max(w, BELOW_LABEL_WIDTH);
      g.bounds = { x: px - lw / 2, y: g.y, width: lw, height: h + BELOW_LABEL_HEIGHT };
    } else g.bounds = { x: g.x, y: g.y, width: w, height: h };
    this.elementIndex.update(g);
  }

  private placeFrame(g: ElementGeom): void {
    const kids = this.children.get(g.id);
    const boxes: Rect[] = [];
    if (kids) {
      for (const k of kids) {
        const kg = this.elements.get(k);
        if (kg && kg !== g) boxes.push(kg.bounds);
      }
    }
    const inner = unionRects(boxes);
    if (inner) {
      g.x = inner.x - FRAME_PADDING;
      g.y = inner.y - FRAME_PADDING - FRAME_TITLE_HEIGHT;
      g.w = inner.width + 2 * FRAME_PADDING;
      g.h = inner.height + 2 * FRAME_PADDING + FRAME_TITLE_HEIGHT;
    } else {
      const [px, py] = this.overrides.get(g.id) ?? g.rec.position;
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
    this.elementIndex.update(g);
  }

  private placeConnection(c: ConnectionGeom): void {
    const a = this.elements.get(c.rec.from);
    const b = this.elements.get(c.rec.to);
    if (!a || !b || (a.cx === b.cx && a.cy === b.cy)) {
      c.drawable = false;
      this.connectionIndex.remove(c);
      return;
    }
    c.drawable = true;
    if (c.offset === 0) {
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
      const q = curveControlPoint(a.cx, a.cy, b.cx, b.cy, -dy / len, dx / len, c.offset);
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
    this.connectionIndex.update(c);
  }
}

function pad(r: Rect, p: number): Rect {
  return { x: r.x - p, y: r.y - p, width: r.width + 2 * p, height: r.height + 2 * p };
}
