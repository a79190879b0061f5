import { describe, expect, it, vi } from 'vitest';
import { buildActorNetwork } from './actor-network';
import { PATH_PARTS } from './brandes';
import { pathCentralities } from './centrality';
import { readMap } from './input';
import type { PathReply } from './path-threads';
import { pathCentralitiesOn, PathThreadClient, shareParts } from './path-threads';
import { localPathThread } from './fixtures/local-path-thread';
import { randomActorMap, relationship } from './random-maps';

function network(actors: number, ties: number, seed: number, directedShare = 0) {
  const map = randomActorMap(actors, ties, seed);
  // Turn some ties into directed ones, so the graph is not symmetric.
  map.connections = map.connections.map((c, i) =>
    c.kind === 'relationship' && i % 10 < directedShare * 10
      ? relationship(c.id, c.from, c.to, 'directed')
      : c,
  );
  return buildActorNetwork(readMap(map));
}

describe('sharing the searches between threads', () => {
  it('shares the parts evenly, each part once', () => {
    for (const threads of [1, 2, 3, 4, 6, 12, 20]) {
      const shares = shareParts(threads);
      expect(shares.length).toBe(Math.min(threads, PATH_PARTS));
      expect(shares.flat().sort((a, b) => a - b)).toEqual([...Array(PATH_PARTS).keys()]);
      const sizes = shares.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('gives exactly the one-thread figures, whatever the number of threads', async () => {
    for (const [net, options] of [
      [network(300, 3, 1), {}],
      [network(250, 2, 2, 0.4), {}],
      [network(400, 3, 3), { exactLimit: 100, samples: 90, seed: 5 }],
    ] as const) {
      const one = pathCentralities(net.arcs, options);
      for (const count of [1, 2, 3, 4]) {
        const threads = Array.from({ length: count }, localPathThread);
        const many = await pathCentralitiesOn(threads, net.arcs, options);
        expect(many.samples).toBe(one.samples);
        expect(many.exact).toBe(one.exact);
        expect([...many.betweenness]).toEqual([...one.betweenness]);
        expect([...many.closeness]).toEqual([...one.closeness]);
      }
    }
  });

  it('adds up progress from every thread, to the last source', async () => {
    const net = network(600, 3, 4);
    const seen: number[] = [];
    let total = 0;
    await pathCentralitiesOn([localPathThread(), localPathThread()], net.arcs, {
      onProgress: (done, of) => {
        seen.push(done);
        total = of;
      },
    });
    expect(total).toBe(600);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((d, i) => d >= (seen[i - 1] ?? 0) && d <= 600)).toBe(true);
  });

  it('rejects when a helper reports an error or breaks, and a broken helper takes no more', async () => {
    const net = network(100, 2, 6);
    const failing = new PathThreadClient((request) =>
      setTimeout(() =>
        failing.receive({ type: 'error', id: request.id, message: 'out of memory' }),
      ),
    );
    await expect(pathCentralitiesOn([localPathThread(), failing], net.arcs)).rejects.toThrow(
      'out of memory',
    );

    const silent = new PathThreadClient(() => {});
    const run = pathCentralitiesOn([silent], net.arcs);
    silent.stop(new Error('The helper stopped.'));
    await expect(run).rejects.toThrow('The helper stopped.');
    expect(silent.broken).toBe(true);
    await expect(pathCentralitiesOn([silent], net.arcs)).rejects.toThrow('The helper stopped.');
    await expect(pathCentralitiesOn([], net.arcs)).rejects.toThrow(/No helper/);
  });

  it('stops the helpers still busy with a run another helper failed', async () => {
    const net = network(200, 2, 7);
    const stopped: string[] = [];
    const busy = new PathThreadClient(() => {}, { onStop: (e) => stopped.push(e.message) });
    const done = localPathThread();
    let doneBack: () => void = () => {};
    const back = new Promise<void>((r) => (doneBack = r));
    const receive = done.receive.bind(done);
    done.receive = (reply) => {
      receive(reply);
      if (reply.type === 'done') doneBack();
    };
    // Fails once the other helper's job is back.
    const failing: PathThreadClient = new PathThreadClient(
      (request) =>
        void back.then(() =>
          failing.receive({ type: 'error', id: request.id, message: 'no memory' }),
        ),
    );
    await expect(pathCentralitiesOn([done, busy, failing], net.arcs)).rejects.toThrow('no memory');
    // The busy one is stopped and told why; the one that had finished is still fine.
    expect(stopped).toEqual(['no memory']);
    expect(busy.broken).toBe(true);
    expect(done.broken).toBe(false);
  });

  it('takes a helper for dead after the stall time without a word, and not before', async () => {
    vi.useFakeTimers();
    try {
      const net = network(50, 2, 8);
      let stoppedWith: Error | null = null;
      let id = 0;
      const quiet = new PathThreadClient((request) => (id = request.id), {
        stallMs: 1000,
        onStop: (e) => (stoppedWith = e),
      });
      const run = quiet.run({ ...net.arcs, sources: new Int32Array([0]), parts: [0] });
      const settled = run.then(
        () => 'resolved',
        (e: Error) => e.message,
      );
      vi.advanceTimersByTime(999);
      quiet.receive({ type: 'progress', id, done: 1 }); // a word: the wait starts again
      vi.advanceTimersByTime(999);
      expect(quiet.broken).toBe(false);
      vi.advanceTimersByTime(1);
      expect(quiet.broken).toBe(true);
      expect(await settled).toMatch(/stopped answering/);
      expect(stoppedWith).not.toBeNull();
      // Once back, a job's timer is gone: no stop later.
      const fine = new PathThreadClient((request) => (id = request.id), { stallMs: 1000 });
      const job = fine.run({ ...net.arcs, sources: new Int32Array([0]), parts: [0] });
      fine.receive({ type: 'done', id, sums: [] });
      await job;
      vi.advanceTimersByTime(5000);
      expect(fine.broken).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores replies for jobs it does not know', () => {
    const client = new PathThreadClient(() => {});
    const stray: PathReply = { type: 'done', id: 99, sums: [] };
    expect(() => client.receive(stray)).not.toThrow();
  });
});
