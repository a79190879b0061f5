import type { ElementRecord, MapSnapshot } from '../../shared/schema/types';
import { parallelOffsets, unionRects, type Rect } from './geometry';
import { estimateWidth, type Measure } from './label-fit';
import {
  addMember,
  changedScales,
  removeMember,
  invalidPosition,
  PARALLEL_SPACING,
  placeConnectionGeom,
  placeElementGeom,
  placeFrameGeom,
  newConnectionGeom,
  newElementGeom,
  type ConnectionGeom,
  type ElementEncodings,
  type ElementGeom,
  type SceneChange,
} from './scene-geom';
import { GridIndex } from './spatial-index';
import { SceneLinks } from './scene-links';
import { routeConnection } from './routing';
import { shapeSpecFor } from './shapes';

export {
  invalidPosition,
  pairKey,
  PARALLEL_SPACING,
  type ConnectionGeom,
  type ElementEncodings,
  type ElementGeom,
  type SceneChange,
} from './scene-geom';

const NO_ENCODINGS: ElementEncodings = {};
/** Above this many moved elements at once, lines near them are not rerouted (see relayout). */
const REROUTE_LIMIT = 400;
/**
 * The renderer's derived model of a snapshot: where every element's box is, where every
 * connection's (trimmed, possibly curved) line runs, and two grid indexes over them. `update`
 * is incremental: records that kept their identity keep their geometry, so a snapshot that
 * changes a handful of records costs a handful of index updates plus one identity pass.
 */
export class Scene {
  snapshot: MapSnapshot | null = null;
  readonly elements = new Map<string, ElementGeom>();
  readonly connections = new Map<string, ConnectionGeom>();
  readonly elementIndex = new GridIndex<ElementGeom>(256);
  readonly connectionIndex = new GridIndex<ConnectionGeom>(256);
  private readonly links = new SceneLinks();
  private readonly children = new Map<string, Set<string>>();
  private readonly overrides = new Map<string, readonly [number, number]>();
  private seq = 0;
  /** Goes up whenever any geometry changes (caches derived from positions compare it). */
  version = 0;
  /** Elements left off the map, with why (`invalidPosition`): not drawn, hit or fitted. */
  invalid: ReadonlyMap<string, string> = new Map();

  /** Connections placed straight whose bends (routing.ts) are still to be computed. */
  private readonly unrouted = new Set<string>();
  /** The map's text-first factor style (`meta.textFactors`): factors as words, no boxes. */
  private words = false;

  /**
   * `measure`: width of a label at the 13-unit label font (the canvas's, in the browser).
   * `routeSyncLimit`: above this many connections to place at once, they are placed straight and
   * bent later in slices (`routePending`): a big map's first paint does not wait for routing.
   */
  constructor(
    private readonly measure: Measure = estimateWidth,
    private readonly routeSyncLimit = Infinity,
  ) {}
  private invalidRecs = new Map<string, readonly [ElementRecord, string]>();
  /** See `setEncodings`. */
  encodings: ElementEncodings = NO_ENCODINGS;

  /** Brings the scene to `next`, touching only records whose identity changed. */
  update(next: MapSnapshot): SceneChange {
    const prev = this.snapshot;
    this.snapshot = next;
    const dirtyEls = new Set<string>();
    if ((next.meta?.textFactors === true) !== this.words) {
      this.words = !this.words; // every factor changes shape: words, or boxes again
      for (const g of this.elements.values()) {
        if (g.rec.kind !== 'factor') continue;
        g.spec = shapeSpecFor(g.rec, this.words);
        dirtyEls.add(g.id);
      }
    }
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
            old.label !== rec.label ||
            old.extra !== rec.extra
          ) {
            g.spec = shapeSpecFor(rec, this.words);
            dirtyEls.add(id);
            this.overrides.delete(id);
          }
        } else {
          added++;
          changedEls++;
          const geom = newElementGeom(id, rec, shapeSpecFor(rec, this.words), this.seq++);
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
            this.links.unlink(id, old, dirtyPairs);
            this.links.link(id, rec, dirtyPairs);
          }
          dirtyConns.add(id);
        } else {
          added++;
          changedConns++;
          this.connections.set(id, newConnectionGeom(id, rec));
          this.links.link(id, rec, dirtyPairs);
          dirtyConns.add(id);
        }
      }
      if (found + added !== this.connections.size) {
        for (const [id, g] of this.connections) {
          if (next.connections.has(id)) continue;
          changedConns++;
          this.connectionIndex.remove(g);
          this.connections.delete(id);
          this.links.unlink(id, g.rec, dirtyPairs);
          dirtyConns.delete(id);
        }
      }
    }

    if (dirtyEls.size || dirtyGroups.size || dirtyPairs.size || dirtyConns.size) geometry = true;
    this.relayout(dirtyEls, dirtyGroups, dirtyConns, dirtyPairs);
    if (geometry) this.version++;
    return { elements: changedEls, connections: changedConns, geometry };
  }

  /** Shows elements elsewhere without a new snapshot (a drag preview); see `clearOverrides`. */
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
    const dirty = changedScales(prev.scale, enc.scale, this.elements);
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
    return this.links.byElement.get(elementId) ?? new Set();
  }

  /** Bounds of what is shown (a lens's hidden elements left out, unless all are); null: empty. */
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
    const conns = this.links.byElement.get(id);
    if (conns) for (const c of conns) dirtyConns.add(c);
  }

  private reparent(id: string, parent: string | undefined, dirtyGroups: Set<string>): void {
    if (parent && parent !== id && addMember(this.children, parent, id)) dirtyGroups.add(parent);
  }

  private unparent(id: string, parent: string | undefined, dirtyGroups: Set<string>): void {
    if (parent && removeMember(this.children, parent, id)) dirtyGroups.add(parent);
  }

  private relayout(
    dirtyEls: Set<string>,
    dirtyGroups: Set<string>,
    dirtyConns: Set<string>,
    dirtyPairs: Set<string>,
  ): void {
    // Lines near a moved element may bend around it now, or no longer need to (a bounded check:
    // dragging thousands at once reroutes only their own lines).
    const near =
      dirtyEls.size <= REROUTE_LIMIT
        ? (r: Rect) => {
            for (const c of this.connectionIndex.query(r)) if (!c.offset) dirtyConns.add(c.id);
          }
        : null;
    for (const id of dirtyEls) {
      const g = this.elements.get(id);
      if (!g) continue;
      near?.(g.bounds);
      if (g.spec.shape !== 'frame') this.placeElement(g);
      else dirtyGroups.add(id);
      near?.(g.bounds);
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
      const conns = this.links.byElement.get(id);
      if (conns) for (const c of conns) dirtyConns.add(c);
    }
    for (const key of dirtyPairs) {
      const list = this.links.pairs.get(key);
      if (!list) continue;
      const offsets = parallelOffsets(list.length, PARALLEL_SPACING);
      list.forEach((cid, i) => {
        const c = this.connections.get(cid);
        if (c) c.offset = offsets[i] ?? 0;
        dirtyConns.add(cid);
      });
    }
    const defer = dirtyConns.size > this.routeSyncLimit;
    for (const id of dirtyConns) {
      const c = this.connections.get(id);
      if (c) this.placeConnection(c, defer);
    }
    if (dirtyEls.size || dirtyConns.size) this.version++;
  }

  /** Routes up to `max` waiting connections; returns how many still wait (`max` 0: just count). */
  routePending(max = Infinity): number {
    let n = 0;
    for (const id of this.unrouted) {
      if (n >= max) break;
      n++;
      const c = this.connections.get(id);
      if (c) this.placeConnection(c, false);
      else this.unrouted.delete(id);
    }
    if (n) this.version++;
    return this.unrouted.size;
  }

  private placeElement(g: ElementGeom): void {
    const pos = this.overrides.get(g.id) ?? g.rec.position;
    placeElementGeom(g, pos, this.encodings.scale?.get(g.id), this.measure);
    this.elementIndex.update(g);
  }

  private placeFrame(g: ElementGeom): void {
    const boxes: Rect[] = [];
    for (const k of this.children.get(g.id) ?? []) {
      const kg = this.elements.get(k);
      if (kg && kg !== g) boxes.push(kg.bounds);
    }
    placeFrameGeom(g, boxes, this.overrides.get(g.id) ?? g.rec.position);
    this.elementIndex.update(g);
  }

  private placeConnection(c: ConnectionGeom, defer: boolean): void {
    const a = this.elements.get(c.rec.from);
    const b = this.elements.get(c.rec.to);
    this.unrouted.delete(c.id);
    c.bend = 0;
    const route = defer ? placeConnectionGeom : routeConnection;
    const placed = route(c, a, b, this.elementIndex);
    if (placed && defer && c.offset === 0) this.unrouted.add(c.id);
    if (placed) this.connectionIndex.update(c);
    else this.connectionIndex.remove(c);
  }
}
