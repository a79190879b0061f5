import type { Position } from '../schema/types';

/**
 * Connection Circles (a group model building script): the chosen factors stand evenly on a
 * circle, so every causal link is a chord across it and loops can be read off by following the
 * arrows round. Pure placement: the caller moves the elements in one transaction.
 */

/** Room each factor gets along the circle, in map units (a factor box is about 160 wide). */
export const CIRCLE_SPACING = 190;

/**
 * Positions for `ids` on a circle around `center`, in the order given, the first at the top and
 * going clockwise (screen y points down). The radius leaves `spacing` between neighbours and is
 * at least 150.
 */
export function circlePositions(
  ids: readonly string[],
  center: Position,
  spacing = CIRCLE_SPACING,
): Map<string, Position> {
  const n = ids.length;
  const out = new Map<string, Position>();
  if (n === 0) return out;
  if (n === 1) {
    out.set(ids[0]!, [center[0], center[1]]);
    return out;
  }
  const radius = Math.max(150, (n * spacing) / (2 * Math.PI));
  ids.forEach((id, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    out.set(id, [
      Math.round(center[0] + radius * Math.cos(a)),
      Math.round(center[1] + radius * Math.sin(a)),
    ]);
  });
  return out;
}

/**
 * The order round the circle that keeps linked factors near each other: a greedy walk that
 * starts from the first id (in the given order) and goes next to the unplaced factor with the
 * most links to the one just placed (ties: the given order). Fewer long chords to read across.
 */
export function circleOrder(
  ids: readonly string[],
  links: readonly { from: string; to: string }[],
): string[] {
  const wanted = new Set(ids);
  const weight = new Map<string, Map<string, number>>();
  const add = (a: string, b: string) => {
    let m = weight.get(a);
    if (!m) weight.set(a, (m = new Map()));
    m.set(b, (m.get(b) ?? 0) + 1);
  };
  for (const l of links)
    if (wanted.has(l.from) && wanted.has(l.to) && l.from !== l.to) {
      add(l.from, l.to);
      add(l.to, l.from);
    }
  const left = [...new Set(ids)];
  const out: string[] = [];
  let current = left.shift();
  while (current !== undefined) {
    out.push(current);
    const m = weight.get(current);
    let best = -1;
    let bestW = 0;
    left.forEach((id, i) => {
      const w = m?.get(id) ?? 0;
      if (w > bestW) [best, bestW] = [i, w];
    });
    current = left.splice(best >= 0 ? best : 0, 1)[0];
  }
  return out;
}
