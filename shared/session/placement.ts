import type { Position } from '../schema/types';

/**
 * The one placement rule for new elements (the toolbar, keys, "Who is here", cards): the first
 * free cell near an anchor, searched ring by ring on a grid big enough for the largest card, so
 * a new element never lands on one already there.
 *
 * Two people adding at the same moment (after "Bring everyone to me" they share the anchor) do
 * not see each other's element yet; a `seed` (the person's id) starts each person's search at a
 * different cell of the nearest rings, so their elements land apart too.
 */

/** A cell: room for a note (160 x 100) with a gap. */
export const CELL_W = 190;
export const CELL_H = 120;
const RINGS = 12;
/** Cells of the first two rings around the anchor: where seeded searches start. */
const NEAR = 25;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Cell offsets ring by ring (0, then the 8 around it, then the 16 around those, ...). */
function cells(): [number, number][] {
  const out: [number, number][] = [[0, 0]];
  for (let r = 1; r <= RINGS; r++) {
    const ring: [number, number][] = [];
    for (let dx = -r; dx <= r; dx++)
      for (let dy = -r; dy <= r; dy++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === r) ring.push([dx, dy]);
    ring.sort((a, b) => Math.atan2(a[1], a[0]) - Math.atan2(b[1], b[0]));
    out.push(...ring);
  }
  return out;
}
const ORDER = cells();

/** Whether a new element at `p` would overlap one at `q` (centres, the cell's size apart). */
export function overlaps(p: Position, q: Position): boolean {
  return Math.abs(p[0] - q[0]) < CELL_W - 20 && Math.abs(p[1] - q[1]) < CELL_H - 10;
}

/** The first free spot near `anchor`, given where elements already are. */
export function freeSpot(taken: readonly Position[], anchor: Position, seed?: string): Position {
  const start = seed === undefined ? 0 : hash(seed) % NEAR;
  const order = [...ORDER.slice(start, NEAR), ...ORDER.slice(0, start), ...ORDER.slice(NEAR)];
  for (const [dx, dy] of order) {
    const p: Position = [Math.round(anchor[0] + dx * CELL_W), Math.round(anchor[1] + dy * CELL_H)];
    if (!taken.some((q) => overlaps(p, q))) return p;
  }
  return [Math.round(anchor[0]), Math.round(anchor[1] + (RINGS + 1) * CELL_H)];
}

/** An element as the settle rule reads it. */
export interface PlacedElement {
  readonly id: string;
  readonly kind: string;
  readonly position: Position;
}

/**
 * Two people adding at the same moment cannot see each other's element, so a seeded start only
 * makes a collision unlikely. This settles one after the fact: once both elements have arrived
 * everywhere, of two new elements on one spot the one with the larger id moves to the next free
 * spot, and only its creator moves it (each person passes the ids they just added as `mine`).
 * Everyone sees the same pair, so exactly one of the two moves, and it ends apart. Returns the
 * moves to make, none when nothing of `mine` overlaps another new element.
 */
export function settleNewElements(
  elements: Iterable<PlacedElement>,
  mine: ReadonlySet<string>,
  othersNew: ReadonlySet<string>,
): [string, Position][] {
  const all = [...elements].filter((e) => e.kind !== 'group');
  const moves: [string, Position][] = [];
  const taken = new Map(all.map((e) => [e.id, e.position] as const));
  for (const m of all) {
    if (!mine.has(m.id)) continue;
    const clash = all.some(
      (o) => othersNew.has(o.id) && o.id < m.id && overlaps(m.position, taken.get(o.id)!),
    );
    if (!clash) continue;
    const others = [...taken].filter(([id]) => id !== m.id).map(([, p]) => p);
    const to = freeSpot(others, m.position);
    taken.set(m.id, to);
    moves.push([m.id, to]);
  }
  return moves;
}
