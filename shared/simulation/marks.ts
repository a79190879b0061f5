import { colourFor } from './looks';
import type { WhatIfRun } from './whatif';

/**
 * A running what-if's marks on the map, handed over as changes: at each moment shown, only the
 * factors whose mark looks different from the one last handed over (direction, or size to 1/64)
 * are sent, so a step costs the renderer what moved, not the map. Framework-free; the renderer's
 * mark shape is structural (`canvas/editor/draw-whatif.ts`).
 */

export interface Mark {
  readonly fill: string;
  /** 0..1, in 1/64ths. */
  readonly size: number;
  readonly direction: 1 | -1;
}

const EPS = 1e-9;
const QUANTUM = 64;

export class MarkTracker {
  #shown = new Map<string, Mark>();

  /** The marks handed over so far (what the map shows, once the changes are drawn). */
  get shown(): ReadonlyMap<string, Mark> {
    return this.#shown;
  }

  /**
   * The changes from what was handed over to moment `t` (linear between steps): id -> mark, or
   * null where a factor is back at rest. Whole steps give exactly the run's levels.
   */
  changesAt(run: WhatIfRun, t: number): Map<string, Mark | null> {
    const n = run.ids.length;
    const tt = Math.max(0, Math.min(run.steps, t));
    const lo = Math.floor(tt);
    const hi = Math.min(run.steps, lo + 1);
    const f = tt - lo;
    const max = run.maxAbs > 0 ? run.maxAbs : 1;
    const changes = new Map<string, Mark | null>();
    for (let i = 0; i < n; i++) {
      const a = run.levels[lo * n + i]!;
      const level = f ? a + (run.levels[hi * n + i]! - a) * f : a;
      const id = run.ids[i]!;
      const was = this.#shown.get(id);
      if (Math.abs(level) <= EPS) {
        if (was) {
          changes.set(id, null);
          this.#shown.delete(id);
        }
        continue;
      }
      const direction = level > 0 ? 1 : -1;
      const size = Math.round(Math.min(1, Math.abs(level) / max) * QUANTUM) / QUANTUM;
      if (was && was.direction === direction && was.size === size) continue;
      const mark: Mark = { fill: colourFor(direction, size), size, direction };
      this.#shown.set(id, mark);
      changes.set(id, mark);
    }
    return changes;
  }

  /** Forgets what was handed over (the layer was cleared). */
  reset(): void {
    this.#shown = new Map();
  }
}
