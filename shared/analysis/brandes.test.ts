import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildActorNetwork } from './actor-network';
import { buildArcIndex } from './arc-index';
import { accumulatePathSums, addPathSums, PATH_PARTS } from './brandes';
import { pathCentralities, pathSources } from './centrality';
import { readMap } from './input';
import { randomActorMap } from './random-maps';

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('Brandes path sums', () => {
  it('give the same sums whether the sources run together or in interleaved parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { maxLength: 90 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        (n, pairs, directed, stride) => {
          const flat = pairs
            .filter(([u, v]) => u < n && v < n)
            .flatMap(([u, v]) => (directed ? [u, v] : [u, v, v, u]));
          const g = buildArcIndex(n, flat);
          const whole = accumulatePathSums(g, all(n));
          const parts = Array.from({ length: stride }, (_, start) =>
            accumulatePathSums(g, all(n), start, stride),
          );
          const sum = addPathSums(parts);
          expect(sum.sources).toBe(n);
          for (let v = 0; v < n; v++) {
            expect(sum.betweenness[v]).toBeCloseTo(whole.betweenness[v]!, 9);
            if (!directed) expect(sum.closeness![v]).toBeCloseTo(whole.closeness![v]!, 12);
          }
          if (directed && !g.symmetric) expect(sum.closeness).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts every shortest path: on a 4-cycle each node carries half of the opposite pair', () => {
    // 0-1-2-3-0: the pair (0, 2) has two shortest paths, through 1 and through 3.
    const g = buildArcIndex(4, [0, 1, 1, 0, 1, 2, 2, 1, 2, 3, 3, 2, 3, 0, 0, 3]);
    const { betweenness, closeness } = accumulatePathSums(g, all(4));
    // Ordered pairs: (0,2) and (2,0) each give node 1 half a path.
    expect([...betweenness]).toEqual([1, 1, 1, 1]);
    // Distances from each node: 1, 1, 2, so closeness 3 / 4.
    expect([...closeness!]).toEqual([0.75, 0.75, 0.75, 0.75]);
  });

  it('reports progress as the sources are done, ending at the total', () => {
    const net = buildActorNetwork(readMap(randomActorMap(300, 3, 9)));
    const seen: [number, number][] = [];
    accumulatePathSums(net.arcs, all(300), 1, 2, {
      progressEvery: 40,
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen.map(([d]) => d)).toEqual([40, 80, 120, 150]);
    expect(seen.every(([, t]) => t === 150)).toBe(true);
  });
});

describe('pathCentralities', () => {
  it('reports progress over all its parts, once per step, up to every source', () => {
    const net = buildActorNetwork(readMap(randomActorMap(500, 3, 4)));
    const done: number[] = [];
    pathCentralities(net.arcs, { onProgress: (d, total) => done.push(d / total) });
    expect(done.length).toBeGreaterThan(PATH_PARTS);
    expect(done.at(-1)).toBe(1);
    expect(done.every((d, i) => i === 0 || d > done[i - 1]!)).toBe(true);
  });

  it('samples sources above the exact limit, the same ones for the same seed', () => {
    expect(pathSources(10).exact).toBe(true);
    const a = pathSources(100, { exactLimit: 50, samples: 20, seed: 3 });
    expect(a.exact).toBe(false);
    expect(a.sources).toHaveLength(20);
    expect(new Set(a.sources).size).toBe(20);
    expect(pathSources(100, { exactLimit: 50, samples: 20, seed: 3 }).sources).toEqual(a.sources);
  });
});
