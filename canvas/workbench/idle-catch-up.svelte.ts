import { flushSync } from 'svelte';
import { browserIdle, type IdleScheduler } from './view-keeper';
import type { CatchUp } from './while-shown';

/** An idle slice updates a hidden view only with at least this much time left in it (ms). */
const MIN_SLICE_MS = 8;

/**
 * A hidden view's catch-up in idle time (`whileShown`'s third argument) following `source`:
 * when it changes, the view redraws in the next idle slice with time left, and the DOM work
 * happens inside that slice (flushed there), not in the click that opens the view later.
 */
export function idleCatchUp(source: () => unknown, idle: IdleScheduler = browserIdle): CatchUp {
  let version = $state(0);
  const request = (fn: () => void): void => {
    idle.request((deadline) => {
      if (deadline.timeRemaining() < MIN_SLICE_MS) return request(fn);
      fn();
      flushSync();
    });
  };
  return {
    source,
    idle: request,
    signal: {
      read: () => version,
      bump: () => void version++,
    },
  };
}
