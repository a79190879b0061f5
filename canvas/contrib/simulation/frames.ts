import type { ElementEncodings } from '../../editor/scene';
import type { WhatIfRun } from '../../../shared/simulation/whatif';
import { frameAt } from '../../../shared/simulation/whatif';
import { momentLooks } from '../../../shared/simulation/looks';

/**
 * How a what-if moment looks on the map, through the renderer's existing per-element encodings
 * (no change to the editor); the colours are shared/simulation/looks.ts's.
 */

export { colourFor, UP, DOWN } from '../../../shared/simulation/looks';

export function encodingsAt(run: WhatIfRun, t: number, motion: boolean): ElementEncodings {
  return momentLooks(run, t, motion);
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
