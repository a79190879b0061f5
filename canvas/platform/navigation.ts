/** Moving the selection between elements with the arrow keys. */

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface Placed {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/**
 * The element to go to from `from` in `dir`: among elements on that side (within a 45° cone
 * first; anywhere on that side if the cone is empty), the nearest, where sideways distance
 * counts double so the move goes where the arrow points.
 */
export function nearestInDirection(
  items: Iterable<Placed>,
  from: Placed,
  dir: Direction,
): string | null {
  let best: { id: string; cost: number; inCone: boolean } | null = null;
  for (const it of items) {
    if (it.id === from.id) continue;
    const dx = it.x - from.x;
    const dy = it.y - from.y;
    const along = dir === 'right' ? dx : dir === 'left' ? -dx : dir === 'down' ? dy : -dy;
    const across = Math.abs(dir === 'left' || dir === 'right' ? dy : dx);
    if (along <= 0) continue;
    const inCone = across <= along;
    const cost = along + 2 * across;
    if (
      !best ||
      (inCone && !best.inCone) ||
      (inCone === best.inCone && (cost < best.cost || (cost === best.cost && it.id < best.id)))
    )
      best = { id: it.id, cost, inCone };
  }
  return best?.id ?? null;
}

/** The element nearest to a point (where keyboard navigation starts with nothing selected). */
export function nearestTo(items: Iterable<Placed>, x: number, y: number): string | null {
  let best: { id: string; d: number } | null = null;
  for (const it of items) {
    const d = Math.hypot(it.x - x, it.y - y);
    if (!best || d < best.d) best = { id: it.id, d };
  }
  return best?.id ?? null;
}
