import type { Scene } from './scene';

/**
 * Bends of a big map's connections, computed after its first paint: the scene places them
 * straight when too many change at once (`Scene.routePending`), and this routes them in slices
 * when the browser is idle (at the latest `MAX_WAIT_MS` later), redrawing after each slice.
 */

/** More connections than this placed at once (a map opening) are routed after the first paint. */
export const ROUTE_SYNC_LIMIT = 2000;
/** Connections routed per slice (a few milliseconds of work). */
export const ROUTE_SLICE = 250;
const MAX_WAIT_MS = 1000;

export interface IdleRouting {
  /** Starts routing if connections wait and no slice is scheduled (cheap to call every frame). */
  kick(): void;
  cancel(): void;
}

export function idleRouting(scene: Scene, redraw: () => void): IdleRouting {
  let job: number | null = null;
  const idle = typeof requestIdleCallback === 'function';
  const run = (deadline?: IdleDeadline): void => {
    job = null;
    let left = scene.routePending(ROUTE_SLICE);
    while (left && deadline && deadline.timeRemaining() > 6) left = scene.routePending(ROUTE_SLICE);
    redraw();
  };
  return {
    kick() {
      if (job !== null || scene.routePending(0) === 0) return;
      job = idle
        ? requestIdleCallback(run, { timeout: MAX_WAIT_MS })
        : (setTimeout(run, 16) as unknown as number);
    },
    cancel() {
      if (job === null) return;
      if (idle) cancelIdleCallback(job);
      else clearTimeout(job);
      job = null;
    },
  };
}
