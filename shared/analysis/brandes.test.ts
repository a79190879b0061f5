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
            // Counts and distances are whole numbers: the same exactly, however they are split.
            expect(sum.reachedBy[v]).toBe(whole.reachedBy[v]);
            expect(sum.distanceIn[v]).toBe(whole.distanceIn[v]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts every shortest path: on a 4-cycle each node carries half of the opposite pair', () => {
    // 0-1-2-3-0: the pair (0, 2) has two shortest paths, through 1 and through 3.
    const g = buildArcIndex(4, [0, 1, 1, 0, 1, 2, 2, 1, 2, 3, 3, 2, 3, 0, 0, 3]);
    const { betweenness, reachedBy, distanceIn } = accumulatePathSums(g, all(4));
    // Ordered pairs: (0,2) and (2,0) each give node 1 half a path.
    expect([...betweenness]).toEqual([1, 1, 1, 1]);
    // Each node is reached by the 3 others, at distances 1, 1 and 2.
    expect([...reachedBy]).toEqual([3, 3, 3, 3]);
    expect([...distanceIn]).toEqual([4, 4, 4, 4]);
  });

  it('measures distances to a node along the arcs into it on a directed graph', () => {
    // 0 -> 1 -> 2, and 3 -> 2: node 2 is reached by 0 (2 steps), 1 and 3 (1 step each).
    const g = buildArcIndex(4, [0, 1, 1, 2, 3, 2]);
    const { reachedBy, distanceIn } = accumulatePathSums(g, all(4));
    expect([...reachedBy]).toEqual([0, 1, 3, 0]);
    expect([...distanceIn]).toEqual([0, 1, 4, 0]);
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

/** Wasserman-Faust closeness by brute force: distances to each node, searched along in-arcs. */
function bruteCloseness(n: number, arcs: readonly [number, number][]): number[] {
  return Array.from({ length: n }, (_, v) => {
    const dist = new Map<number, number>([[v, 0]]);
    const queue = [v];
    while (queue.length) {
      const x = queue.shift()!;
      for (const [a, b] of arcs)
        if (b === x && a !== b && !dist.has(a)) {
          dist.set(a, dist.get(x)! + 1);
          queue.push(a);
        }
    }
    const reached = dist.size - 1;
    const total = [...dist.values()].reduce((a, b) => a + b, 0);
    return total > 0 && n > 1 ? (reached / total) * (reached / (n - 1)) : 0;
  });
}

describe('pathCentralities', () => {
  it("gives NetworkX's closeness (distances into each node) on directed and undirected graphs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 70 }),
        fc.boolean(),
        (n, pairs, directed) => {
          const arcs = pairs
            .filter(([u, v]) => u < n && v < n)
            .flatMap(([u, v]): [number, number][] =>
              directed
                ? [[u, v]]
                : [
                    [u, v],
                    [v, u],
                  ],
            );
          const ours = pathCentralities(buildArcIndex(n, arcs.flat()));
          const expected = bruteCloseness(n, arcs);
          for (let v = 0; v < n; v++) expect(ours.closeness[v]).toBeCloseTo(expected[v]!, 12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('estimates closeness from a sample: exact when the sample is everyone, close from half', () => {
    const net = buildActorNetwork(readMap(randomActorMap(400, 3, 31)));
    const exact = pathCentralities(net.arcs);
    const everyone = pathCentralities(net.arcs, { exactLimit: 10, samples: 400 });
    for (let v = 0; v < 400; v++)
      expect(everyone.closeness[v]).toBeCloseTo(exact.closeness[v]!, 12);
    const half = pathCentralities(net.arcs, { exactLimit: 10, samples: 200, seed: 2 });
    let worst = 0;
    for (let v = 0; v < 400; v++)
      worst = Math.max(
        worst,
        Math.abs(half.closeness[v]! - exact.closeness[v]!) / exact.closeness[v]!,
      );
    expect(worst).toBeLessThan(0.1);
  });

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
