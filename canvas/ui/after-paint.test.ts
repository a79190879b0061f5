import { describe, expect, it } from 'vitest';
import { afterPaint } from './after-paint';

/** A frame scheduler and a task queue the test drives by hand. */
function harness() {
  const frames = new Map<number, () => void>();
  const tasks: (() => void)[] = [];
  let next = 1;
  return {
    frame: (cb: () => void) => {
      frames.set(next, cb);
      return next++;
    },
    cancelFrame: (h: number) => void frames.delete(h),
    task: (cb: () => void) => void tasks.push(cb),
    runFrame() {
      const cbs = [...frames.values()];
      frames.clear();
      for (const cb of cbs) cb();
    },
    runTasks() {
      for (const cb of tasks.splice(0)) cb();
    },
  };
}

describe('afterPaint', () => {
  it('runs after the next frame, in a task of its own (not inside the frame)', () => {
    const h = harness();
    const ran: string[] = [];
    afterPaint(() => ran.push('fn'), h.frame, h.cancelFrame, h.task);
    h.runTasks();
    expect(ran).toEqual([]);
    h.runFrame();
    expect(ran).toEqual([]);
    h.runTasks();
    expect(ran).toEqual(['fn']);
  });

  it('does nothing once cancelled, before or after the frame', () => {
    const h = harness();
    const ran: string[] = [];
    const cancelEarly = afterPaint(() => ran.push('early'), h.frame, h.cancelFrame, h.task);
    cancelEarly();
    const cancelLate = afterPaint(() => ran.push('late'), h.frame, h.cancelFrame, h.task);
    h.runFrame();
    cancelLate();
    h.runTasks();
    expect(ran).toEqual([]);
  });
});
