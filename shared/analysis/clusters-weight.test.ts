import { describe, expect, it } from 'vitest';
import { buildActorNetwork } from './actor-network';
import { louvainClusters } from './clusters';
import { analyzeNetwork } from './network';
import { element, relationship } from './random-maps';

/**
 * Connection weights are tie strengths for clusters (as Gephi and Kumu read them for
 * modularity): a ring of six actors splits where its ties are weak.
 */
function ring(heavy: readonly (readonly [string, string])[]) {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const elements = ids.map((id) => element(id, 'actor'));
  const isHeavy = (x: string, y: string) =>
    heavy.some(([p, q]) => (p === x && q === y) || (p === y && q === x));
  const connections = ids.map((id, i) => {
    const next = ids[(i + 1) % ids.length]!;
    return relationship(`r${i}`, id, next, 'undirected', { weight: isHeavy(id, next) ? 10 : 1 });
  });
  return { elements, connections };
}

const groups = (map: ReturnType<typeof ring>) => {
  const result = analyzeNetwork(map);
  const byCluster = new Map<number, string[]>();
  for (const a of result.actors)
    byCluster.set(a.cluster, [...(byCluster.get(a.cluster) ?? []), a.id]);
  return [...byCluster.values()].map((g) => g.sort().join('')).sort();
};

describe('weighted clusters', () => {
  it('keep the strongly tied pairs together, wherever the strong ties are', () => {
    expect(
      groups(
        ring([
          ['a', 'b'],
          ['c', 'd'],
          ['e', 'f'],
        ]),
      ),
    ).toEqual(['ab', 'cd', 'ef']);
    expect(
      groups(
        ring([
          ['b', 'c'],
          ['d', 'e'],
          ['f', 'a'],
        ]),
      ),
    ).toEqual(['af', 'bc', 'de']);
  });

  it('a map without weights clusters exactly as before (no weights passed to Louvain)', () => {
    const plain = ring([]);
    const net = buildActorNetwork(plain);
    expect(net.pairWeight).toBeNull();
    const unweighted = louvainClusters(net.simple, 1);
    expect(Array.from(analyzeNetwork(plain).actors.map((a) => a.cluster))).toEqual(
      Array.from(unweighted.clusterOf),
    );
  });

  it('adds the weights of parallel ties between one pair', () => {
    const map = ring([]);
    const twice = {
      ...map,
      connections: [...map.connections, relationship('extra', 'b', 'a', 'directed', { weight: 3 })],
    };
    const net = buildActorNetwork(twice);
    expect(net.pairWeight!(0, 1)).toBe(4);
    expect(net.pairWeight!(1, 0)).toBe(4);
    expect(net.pairWeight!(2, 3)).toBe(1);
  });
});
