import { describe, expect, it } from 'vitest';
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
    silent.fail(new Error('The helper stopped.'));
    await expect(run).rejects.toThrow('The helper stopped.');
    expect(silent.broken).toBe(true);
    await expect(pathCentralitiesOn([silent], net.arcs)).rejects.toThrow('The helper stopped.');
    await expect(pathCentralitiesOn([], net.arcs)).rejects.toThrow(/No helper/);
  });

  it('ignores replies for jobs it does not know', () => {
    const client = new PathThreadClient(() => {});
    const stray: PathReply = { type: 'done', id: 99, sums: [] };
    expect(() => client.receive(stray)).not.toThrow();
  });
});
