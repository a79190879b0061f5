import type { WhatIfRun } from '../../../shared/simulation/whatif';

/**
 * The What-if view's list, made so a step costs only the rows on screen: the rows and their
 * order are fixed once per run (by how far each factor moves at its peak, so rows do not jump
 * while the run plays), and each factor's sparkline path is computed once per run; a step then
 * reads one level per visible row.
 */

export { colourFor, UP, DOWN } from '../../../shared/simulation/looks';

export interface RunRow {
  readonly id: string;
  /** The factor's column in `run.levels`. */
  readonly index: number;
  readonly label: string;
  /** Largest |level| over the run. */
  readonly peak: number;
}

const EPS = 1e-9;

/** The factors that move at some point in the run, biggest peak first (then by label). */
export function runRows(run: WhatIfRun, labelOf: (id: string) => string): RunRow[] {
  const n = run.ids.length;
  const peaks = new Float64Array(n);
  for (let t = 0; t <= run.steps; t++)
    for (let i = 0; i < n; i++) {
      const v = Math.abs(run.levels[t * n + i]!);
      if (v > peaks[i]!) peaks[i] = v;
    }
  const rows: RunRow[] = [];
  run.ids.forEach((id, index) => {
    if (peaks[index]! > EPS) rows.push({ id, index, label: labelOf(id), peak: peaks[index]! });
  });
  return rows.sort(
    (a, b) => b.peak - a.peak || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
}

/** A factor's level at moment t (linear between steps). */
export function levelAt(run: WhatIfRun, index: number, t: number): number {
  const n = run.ids.length;
  const tt = Math.max(0, Math.min(run.steps, t));
  const lo = Math.floor(tt);
  const hi = Math.min(run.steps, lo + 1);
  const a = run.levels[lo * n + index]!;
  return a + (run.levels[hi * n + index]! - a) * (tt - lo);
}

export function arrowOf(level: number): '▲' | '▼' | '·' {
  return level > EPS ? '▲' : level < -EPS ? '▼' : '·';
}

/** Sparkline geometry: W x H pixels, levels from -max to +max. */
export const SPARK = { w: 96, h: 22 } as const;

const sparkX = (run: WhatIfRun, t: number) => 1 + (t / Math.max(1, run.steps)) * (SPARK.w - 2);
const sparkY = (run: WhatIfRun, v: number) => {
  const m = Math.max(run.maxAbs, 1e-9);
  return 2 + ((m - v) / (2 * m)) * (SPARK.h - 4);
};

const paths = new WeakMap<WhatIfRun, Map<number, string>>();

/** The SVG path of a factor's behaviour over the whole run, computed once per run and factor. */
export function sparkPath(run: WhatIfRun, index: number): string {
  let cache = paths.get(run);
  if (!cache) paths.set(run, (cache = new Map()));
  let d = cache.get(index);
  if (d === undefined) {
    const n = run.ids.length;
    const parts: string[] = [];
    for (let t = 0; t <= run.steps; t++) {
      const v = run.levels[t * n + index]!;
      parts.push(`${t ? 'L' : 'M'}${sparkX(run, t).toFixed(1)},${sparkY(run, v).toFixed(1)}`);
    }
    cache.set(index, (d = parts.join('')));
  }
  return d;
}

/** Where the sparkline's "now" dot goes at moment t, and the zero line's height. */
export function sparkDot(run: WhatIfRun, index: number, t: number): { x: number; y: number } {
  const step = Math.min(run.steps, Math.max(0, Math.round(t)));
  return { x: sparkX(run, step), y: sparkY(run, run.levels[step * run.ids.length + index]!) };
}

export function sparkZero(run: WhatIfRun): number {
  return sparkY(run, 0);
}
