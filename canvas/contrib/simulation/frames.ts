import type { ElementEncodings } from '../../editor/scene';
import type { WhatIfRun } from '../../../shared/simulation/whatif';
import { frameAt } from '../../../shared/simulation/whatif';

/**
 * How a what-if moment looks on the map, through the renderer's existing per-element encodings
 * (no change to the editor): a factor going up is filled green, going down red, more saturated
 * the further it has moved; with motion allowed it also grows with the size of its change.
 * Factors that have not moved keep their own look.
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

export function encodingsAt(run: WhatIfRun, t: number, motion: boolean): ElementEncodings {
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

/** One line per moved factor for screen readers and the list: "Trust ▲ 0.8". */
export function describeMoment(
  run: WhatIfRun,
  t: number,
  labelOf: (id: string) => string,
): { id: string; label: string; level: number; arrow: string }[] {
  return run.ids
    .map((id) => {
      const f = frameAt(run, id, t)!;
      return {
        id,
        label: labelOf(id),
        level: f.level,
        arrow: f.direction > 0 ? '▲' : f.direction < 0 ? '▼' : '·',
      };
    })
    .sort((a, b) => Math.abs(b.level) - Math.abs(a.level) || (a.label < b.label ? -1 : 1));
}
