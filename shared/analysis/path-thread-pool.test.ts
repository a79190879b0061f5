import { describe, expect, it } from 'vitest';
import type { HelperPort } from './path-thread-pool';
import { PathThreadPool } from './path-thread-pool';
import type { PathReply, PathRequest } from './path-threads';

/** Helpers that record what happens to them; `fail(i)` makes helper i die. */
function fakeHelpers() {
  const made: { index: number; terminated: boolean; fail: (e: Error) => void }[] = [];
  const create = (index: number): HelperPort => {
    const h = { index, terminated: false, fail: (_e: Error) => {} };
    made.push(h);
    return {
      post: (_r: PathRequest) => {},
      listen(_onReply: (r: PathReply) => void, onFailure) {
        h.fail = onFailure;
      },
      terminate() {
        h.terminated = true;
      },
    };
  };
  return { made, create };
}

describe('the pool of search helpers', () => {
  it('starts helpers only when asked, and keeps them', () => {
    const { made, create } = fakeHelpers();
    const pool = new PathThreadPool(create, 3);
    expect(made).toHaveLength(0);
    const first = pool.threads(2);
    expect(first).toHaveLength(2);
    expect(made.map((h) => h.index)).toEqual([0, 1]);
    expect(pool.threads()).toHaveLength(3);
    expect(pool.threads(2)).toEqual(first);
    expect(pool.started).toBe(3);
  });

  it('ends a helper that fails and replaces it while restarts last, then does without', () => {
    const { made, create } = fakeHelpers();
    const pool = new PathThreadPool(create, 2, { restarts: 1 });
    const [a] = pool.threads();
    made[0]!.fail(new Error('crashed'));
    expect(a!.broken).toBe(true);
    expect(made[0]!.terminated).toBe(true);
    expect(pool.threads()).toHaveLength(2); // a replacement for helper 0
    expect(pool.started).toBe(3);
    made[2]!.fail(new Error('crashed again'));
    made[1]!.fail(new Error('crashed too'));
    expect(pool.threads()).toHaveLength(0); // no restarts left
    expect(pool.threads()).toHaveLength(0);
    expect(pool.started).toBe(3);
  });

  it('gives no helpers where none can start, and none for size 0', () => {
    const pool = new PathThreadPool(() => {
      throw new Error('Workers are not available here.');
    }, 4);
    expect(pool.threads()).toEqual([]);
    expect(new PathThreadPool(fakeHelpers().create, 0).threads()).toEqual([]);
  });

  it('ends every helper on close', async () => {
    const { made, create } = fakeHelpers();
    const pool = new PathThreadPool(create, 2);
    pool.threads();
    await pool.close();
    expect(made.every((h) => h.terminated)).toBe(true);
  });
});
