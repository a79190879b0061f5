import fc from 'fast-check';
import Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import closenessCentrality from 'graphology-metrics/centrality/closeness';
import { describe, expect, it } from 'vitest';
import { buildActorNetwork } from './actor-network';
import { buildArcIndex } from './arc-index';
import { eigenvectorCentrality, pathCentralities } from './centrality';
import { karateMap } from './fixtures/karate';
import reference from './fixtures/karate-networkx.json';
import { analyzeNetwork } from './network';
import { element, randomActorMap, relationship } from './random-maps';

describe("network lens on Zachary's karate club", () => {
  const result = analyzeNetwork(karateMap());
  const byNumber = (i: number) =>
    result.actors.find((a) => a.id === `m${String(i).padStart(2, '0')}`)!;

  it('matches NetworkX betweenness, closeness and eigenvector centrality within 1e-6', () => {
    expect(result.actors).toHaveLength(34);
    expect(result.ties).toBe(78);
    for (const i of reference.nodes) {
      const a = byNumber(i);
      expect(Math.abs(a.betweenness - reference.betweenness[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(a.closeness - reference.closeness[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(a.eigenvector - reference.eigenvector[i]!)).toBeLessThan(1e-6);
      // NetworkX's own default power iteration only gets within its tolerance of the exact vector
      expect(Math.abs(a.eigenvector - reference.eigenvectorPowerIteration[i]!)).toBeLessThan(1e-4);
    }
    expect(result.betweennessSample).toEqual({ exact: true, samples: 34, of: 34 });
    expect(result.eigenvectorConverged).toBe(true);
  });

  it("matches NetworkX's Burt constraint and effective size", () => {
    for (const i of reference.nodes) {
      expect(Math.abs(byNumber(i).constraint! - reference.constraint[i]!)).toBeLessThan(1e-9);
      expect(Math.abs(byNumber(i).effectiveSize! - reference.effectiveSize[i]!)).toBeLessThan(1e-9);
    }
  });

  it('finds Louvain clusters with modularity of at least 0.40, the same every time', () => {
    expect(result.modularity).toBeGreaterThanOrEqual(0.4);
    expect(result.clusters.length).toBeGreaterThanOrEqual(2);
    expect(result.clusters.reduce((s, c) => s + c.size, 0)).toBe(34);
    const again = analyzeNetwork(karateMap());
    expect(again.clusters).toEqual(result.clusters);
    // The instructor (0) and the administrator (33) end up in different clusters.
    expect(byNumber(0).cluster).not.toBe(byNumber(33).cluster);
    // Insertion order does not change the result.
    const m = karateMap();
    const shuffled = analyzeNetwork({
      elements: [...m.elements].reverse(),
      connections: [...m.connections].reverse(),
    });
    expect(shuffled.clusters).toEqual(result.clusters);
  });

  it('finds the one bridge NetworkX finds, and names the brokers', () => {
    expect(result.bridges.map((b) => [b.from, b.to])).toEqual(
      reference.bridges.map(([u, v]) => [
        `m${String(u).padStart(2, '0')}`,
        `m${String(v).padStart(2, '0')}`,
      ]),
    );
    expect(result.bridges[0]).toMatchObject({ pendant: true, fromSide: 33, toSide: 1 });
    expect(result.bridges[0]!.explanation).toBe(
      "'Member 11' is tied to the others only through 'Member 0'.",
    );
    expect(result.brokers[0]!.id).toBe('m00');
    expect(result.brokers.map((b) => b.id)).toContain('m33');
    expect(result.brokers[0]!.explanation).toMatch(
      // NetworkX's clustering of node 0 is 0.15: 18 of its 120 pairs of contacts are tied.
      /^'Member 0' knows 16 people across \d clusters, only 18 of the 120 pairs among them know each other/,
    );
    expect(result.isolates).toEqual([]);
  });
});

describe('network lens on hand-built maps', () => {
  it('counts directed ties in and out, and lists isolates', () => {
    const r = analyzeNetwork({
      elements: ['ana', 'ben', 'cy', 'dee'].map((id) =>
        element(id, 'actor', id[0]!.toUpperCase() + id.slice(1)),
      ),
      connections: [
        relationship('1', 'ana', 'ben', 'directed'),
        relationship('2', 'cy', 'ben', 'directed'),
        relationship('3', 'ana', 'cy', 'mutual'),
        relationship('4', 'ana', 'ben', 'undirected'), // a second tie to the same person
        relationship('5', 'ana', 'dee', 'undirected', { proposed: true }), // not made yet
      ],
    });
    const ben = r.actors.find((a) => a.id === 'ben')!;
    expect(ben).toMatchObject({ degree: 2, inDegree: 2, outDegree: 1 });
    const ana = r.actors.find((a) => a.id === 'ana')!;
    expect(ana).toMatchObject({ degree: 2, inDegree: 2, outDegree: 2 });
    expect(r.isolates).toEqual([
      { id: 'dee', label: 'Dee', explanation: "'Dee' has no relationships on the map yet." },
    ]);
    expect(r.actors.find((a) => a.id === 'dee')).toMatchObject({
      constraint: null,
      effectiveSize: null,
      betweenness: 0,
      closeness: 0,
    });
  });

  it('finds bridges between groups, never between a doubly-tied pair', () => {
    // Two triangles joined by one tie (c-d), plus e tied twice to f.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const r = analyzeNetwork({
      elements: ids.map((id) => element(id, 'actor', id.toUpperCase())),
      connections: [
        relationship('ab', 'a', 'b'),
        relationship('bc', 'b', 'c'),
        relationship('ca', 'c', 'a'),
        relationship('cd', 'c', 'd'),
        relationship('de', 'd', 'e'),
        relationship('ef', 'e', 'f'),
        relationship('fd', 'f', 'd'),
        relationship('fg1', 'f', 'g'),
        relationship('fg2', 'g', 'f', 'directed'),
      ],
    });
    expect(r.bridges.map((b) => b.connectionId)).toEqual(['cd']);
    expect(r.bridges[0]).toMatchObject({ fromSide: 3, toSide: 4, pendant: false });
    expect(r.bridges[0]!.explanation).toBe(
      "'C' and 'D' hold the only tie between two groups (3 people and 4 people).",
    );
  });

  it('agrees with graphology-metrics betweenness and closeness on random directed and undirected graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 80 }),
        fc.boolean(),
        (n, pairs, directed) => {
          const edges = pairs.filter(([u, v]) => u < n && v < n && u !== v);
          const graph = new Graph({ type: directed ? 'directed' : 'undirected', multi: false });
          for (let i = 0; i < n; i++) graph.addNode(String(i));
          const flat: number[] = [];
          for (const [u, v] of edges) {
            graph.mergeEdge(String(u), String(v));
            flat.push(u, v);
            if (!directed) flat.push(v, u);
          }
          const ours = pathCentralities(buildArcIndex(n, flat));
          const theirs = betweennessCentrality(graph, { getEdgeWeight: null });
          for (let i = 0; i < n; i++)
            expect(ours.betweenness[i]).toBeCloseTo(theirs[String(i)]!, 9);
          if (!directed) {
            const close = closenessCentrality(graph, { wassermanFaust: true });
            for (let i = 0; i < n; i++) expect(ours.closeness[i]).toBeCloseTo(close[String(i)]!, 9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('estimates betweenness from a seeded sample above the exact limit, and says so', () => {
    const m = randomActorMap(400, 3, 5);
    const exact = analyzeNetwork(m);
    const sampled = analyzeNetwork(m, { betweennessExactLimit: 100, betweennessSamples: 200 });
    expect(sampled.betweennessSample).toEqual({ exact: false, samples: 200, of: 400 });
    expect(
      analyzeNetwork(m, { betweennessExactLimit: 100, betweennessSamples: 200 }).actors,
    ).toEqual(sampled.actors);
    // The estimate ranks the most central actors much as the exact value does.
    const top = (r: typeof exact) =>
      [...r.actors]
        .sort((a, b) => b.betweenness - a.betweenness)
        .slice(0, 10)
        .map((a) => a.id);
    const overlap = top(exact).filter((id) => top(sampled).includes(id)).length;
    expect(overlap).toBeGreaterThanOrEqual(6);
  });

  it('reports an eigenvector that does not settle instead of failing', () => {
    // A directed cycle: plain power iteration would rotate the scores for ever; the +I shift
    // (as in NetworkX) makes them settle.
    const g = buildArcIndex(3, [0, 1, 1, 2, 2, 0]);
    const e = eigenvectorCentrality(g);
    expect(e.converged).toBe(true);
    for (const v of e.values) expect(v).toBeCloseTo(1 / Math.sqrt(3), 9);
    const slow = eigenvectorCentrality(buildArcIndex(4, [0, 1, 1, 0, 2, 3, 3, 2, 0, 2]), {
      maxIterations: 3,
    });
    expect(slow.converged).toBe(false);
    expect(slow.values).toHaveLength(4);
  });

  it('keeps the actor network free of proposed, self and cross-lens ties', () => {
    const net = buildActorNetwork({
      elements: [element('a', 'actor'), element('b', 'actor'), element('f', 'factor')],
      connections: [
        relationship('1', 'a', 'b', 'undirected', { proposed: true }),
        relationship('2', 'a', 'f'),
        relationship('3', 'a', 'a'),
      ],
    });
    expect(net.ties).toEqual([]);
    expect(net.connected(0, 1)).toBe(false);
  });
});
