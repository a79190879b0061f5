import type { WhatIfRun } from './whatif';
import { frameAt } from './whatif';

/**
 * How a what-if moment looks (the map, story steps and their exports share it): a factor going
 * up is filled green, going down red, more saturated the further it has moved; with motion
 * allowed it also grows with the size of its change. Factors that have not moved keep their own
 * look (no entry).
 */

export const UP = [26, 152, 80] as const;
export const DOWN = [215, 48, 39] as const;
const NEUTRAL = [240, 240, 240] as const;

const mix = (a: readonly number[], b: readonly number[], t: number): string =>
  '#' +
  a
    .map((x, i) => Math.round(x + (b[i]! - x) * t))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('');

/** The colour for a level of `size` (0..1) in `direction` (±1). */
export function colourFor(direction: number, size: number): string {
  return mix(NEUTRAL, direction > 0 ? UP : DOWN, 0.25 + 0.75 * Math.min(1, Math.max(0, size)));
}

export interface MomentLooks {
  readonly fill: ReadonlyMap<string, string>;
  /** Only with motion allowed. */
  readonly scale?: ReadonlyMap<string, number>;
}

/** Fill (and, with motion, size) per moved factor at moment `t` of a run. */
export function momentLooks(run: WhatIfRun, t: number, motion: boolean): MomentLooks {
  const fill = new Map<string, string>();
  const scale = new Map<string, number>();
  for (const id of run.ids) {
    const f = frameAt(run, id, t)!;
    if (f.direction === 0) continue;
    fill.set(id, colourFor(f.direction, f.size));
    if (motion) scale.set(id, 1 + 0.6 * f.size);
  }
  return motion ? { fill, scale } : { fill };
}
