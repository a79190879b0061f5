import type { Rect } from './geometry';

/** What the grid stores: anything with bounds and a scratch stamp the grid uses to dedupe. */
export interface GridItem {
  bounds: Rect;
  /** Written by the index during queries; owners never read it. */
  qstamp: number;
}

/**
 * Cell keys wrap every 32768 cells per axis so they stay small integers (fast Map keys). Two far
 * cells may share a key; that only adds candidates, which every query filters by bounds.
 */
/** Cell coordinates past this (in cells) are refused: far beyond any valid map, still exact. */
const MAX_CELL = 2 ** 40;

const cellKey = (cx: number, cy: number): number => ((cx & 0x7fff) << 15) | (cy & 0x7fff);

/**
 * A uniform grid over the map plane: each item sits in every cell its bounds touch, so point and
 * rectangle queries visit a few cells instead of scanning every record. Insert, remove and update
 * are O(cells touched), which keeps `setSnapshot` cheap when a few records change. Items that
 * would cover more than `maxCellsPerItem` cells (a connection across the whole map, a huge frame)
 * live in a short "oversize" list that every query checks.
 */
export class GridIndex<T extends GridItem> {
  private readonly cells = new Map<number, T[]>();
  private readonly placed = new Map<T, number[] | null>();
  private readonly oversize = new Set<T>();
  private stamp = 0;

  constructor(
    readonly cellSize = 256,
    private readonly maxCellsPerItem = 256,
  ) {}

  get size(): number {
    return this.placed.size;
  }

  has(item: T): boolean {
    return this.placed.has(item);
  }

  /**
   * The cells `r` touches, or null when its corners are not safe integers (non-finite or huge
   * coordinates: `cx++` would stop changing `cx` past 2^53 and a cell loop would never end).
   */
  private range(r: Rect): [number, number, number, number] | null {
    const s = this.cellSize;
    const x0 = Math.floor(r.x / s);
    const y0 = Math.floor(r.y / s);
    const x1 = Math.floor((r.x + r.width) / s);
    const y1 = Math.floor((r.y + r.height) / s);
    const safe = (v: number): boolean => Math.abs(v) <= MAX_CELL;
    return safe(x0) && safe(y0) && safe(x1) && safe(y1) && x1 >= x0 && y1 >= y0
      ? [x0, y0, x1, y1]
      : null;
  }

  /**
   * Adds `item` (or moves it, if present). Items whose bounds are not finite or lie past
   * `MAX_CELL` cells from the origin are not indexed at all: no query returns them.
   */
  insert(item: T): void {
    if (this.placed.has(item)) this.remove(item);
    const range = this.range(item.bounds);
    if (!range) return;
    const [x0, y0, x1, y1] = range;
    const nx = x1 - x0 + 1;
    const ny = y1 - y0 + 1;
    if (nx * ny > this.maxCellsPerItem) {
      this.oversize.add(item);
      this.placed.set(item, null);
      return;
    }
    const keys: number[] = [];
    // Loops count cells (bounded by maxCellsPerItem), never compare coordinates.
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        const key = cellKey(x0 + i, y0 + j);
        let cell = this.cells.get(key);
        if (!cell) {
          cell = [];
          this.cells.set(key, cell);
        }
        cell.push(item);
        keys.push(key);
      }
    }
    this.placed.set(item, keys);
  }

  remove(item: T): void {
    const keys = this.placed.get(item);
    if (keys === undefined) return;
    this.placed.delete(item);
    if (keys === null) {
      this.oversize.delete(item);
      return;
    }
    for (const key of keys) {
      const cell = this.cells.get(key);
      if (!cell) continue;
      const i = cell.indexOf(item);
      if (i >= 0) {
        cell[i] = cell[cell.length - 1]!;
        cell.pop();
      }
      if (cell.length === 0) this.cells.delete(key);
    }
  }

  /** Call after changing `item.bounds`. */
  update(item: T): void {
    this.remove(item);
    this.insert(item);
  }

  clear(): void {
    this.cells.clear();
    this.placed.clear();
    this.oversize.clear();
  }

  /**
   * Every item whose bounds intersect `r`, each once, appended to `out` (which is returned).
   * Order is by cell, not by insertion.
   */
  query(r: Rect, out: T[] = []): T[] {
    const stamp = ++this.stamp;
    const x1r = r.x + r.width;
    const y1r = r.y + r.height;
    const visit = (item: T): void => {
      if (item.qstamp === stamp) return;
      item.qstamp = stamp;
      const b = item.bounds;
      if (b.x <= x1r && r.x <= b.x + b.width && b.y <= y1r && r.y <= b.y + b.height) out.push(item);
    };
    const range = this.range(r);
    const nx = range ? range[2] - range[0] + 1 : Infinity;
    const ny = range ? range[3] - range[1] + 1 : Infinity;
    if (!range || !(nx * ny <= this.cells.size)) {
      // The query covers more cells than are filled (or is not a sane rectangle): walking the
      // filled cells is cheaper, and always bounded.
      for (const cell of this.cells.values()) for (const item of cell) visit(item);
    } else {
      for (let i = 0; i < nx; i++) {
        for (let j = 0; j < ny; j++) {
          const cell = this.cells.get(cellKey(range[0] + i, range[1] + j));
          if (cell) for (const item of cell) visit(item);
        }
      }
    }
    for (const item of this.oversize) visit(item);
    return out;
  }

  /** Items whose bounds come within `radius` of (x, y). */
  queryPoint(x: number, y: number, radius: number, out: T[] = []): T[] {
    return this.query({ x: x - radius, y: y - radius, width: 2 * radius, height: 2 * radius }, out);
  }
}
