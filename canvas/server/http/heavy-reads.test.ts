import { describe, expect, it } from 'vitest';
import { HeavyReads } from './heavy-reads';
import { HttpError } from './json';

/** A read that runs until `release()` is called. */
function gate() {
  let release: () => void = () => {};
  const done = new Promise<void>((resolve) => (release = resolve));
  return { release, read: () => done };
}

const statusOf = async (promise: Promise<unknown>): Promise<number> => {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
};

describe('HeavyReads', () => {
  it('runs at most perRoom reads of a room at once (429 beyond) and frees the slot after', async () => {
    const reads = new HeavyReads({ perRoom: 2, total: 10 });
    const a = gate();
    const b = gate();
    const first = reads.run('room', a.read);
    const second = reads.run('room', b.read);
    expect(reads.activeFor('room')).toBe(2);
    expect(await statusOf(reads.run('room', () => 'third'))).toBe(429);
    // Another room is not held up by this one.
    expect(await reads.run('other', () => 'other room')).toBe('other room');
    a.release();
    await first;
    expect(reads.activeFor('room')).toBe(1);
    expect(await reads.run('room', () => 'after')).toBe('after');
    b.release();
    await second;
    expect(reads.activeFor('room')).toBe(0);
  });

  it('caps reads across rooms (503) and frees the slot of a read that failed', async () => {
    const reads = new HeavyReads({ perRoom: 5, total: 2 });
    const a = gate();
    const b = gate();
    const held = [reads.run('r1', a.read), reads.run('r2', b.read)];
    const refused = reads.run('r3', () => 'x');
    expect(await statusOf(refused)).toBe(503);
    a.release();
    b.release();
    await Promise.all(held);
    await expect(
      reads.run('r1', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(reads.activeFor('r1')).toBe(0);
    expect(await reads.run('r1', () => 'ok')).toBe('ok');
  });

  it('gives up with 503 when a chunked read runs past its budget', async () => {
    let now = 1_000;
    const reads = new HeavyReads({ budgetMs: 100 }, () => now);
    const chunks: number[] = [];
    const status = await statusOf(
      reads.run('room', async (budget) => {
        for (let chunk = 0; chunk < 10; chunk++) {
          if (chunk > 0) await budget.yield();
          chunks.push(chunk);
          now += 40;
        }
      }),
    );
    expect(status).toBe(503);
    // Chunks 0-2 ran (120 ms); the check before chunk 3 found the budget spent.
    expect(chunks).toEqual([0, 1, 2]);
    expect(reads.activeFor('room')).toBe(0);
  });
});
