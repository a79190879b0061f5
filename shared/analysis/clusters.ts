import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { ArcIndex } from './arc-index';
import { seededRandom } from './rng';

export interface Clustering {
  /** Cluster number of each node: 0 is the largest cluster. */
  readonly clusterOf: Int32Array;
  readonly count: number;
  /** Newman's modularity of the clustering (0 for no structure; above 0.3 is clear structure). */
  readonly modularity: number;
  /** Nodes of each cluster, in node order. */
  readonly members: readonly (readonly number[])[];
}

/**
 * Louvain clusters (graphology-communities-louvain) on the undirected graph, with a seeded
 * random order so the same map always gives the same clusters. Clusters are renumbered by size
 * (largest first, ties by their first node), so the numbers do not depend on the library's.
 * With `pairWeight`, a pair's ties count by their strength (connection weights), as Gephi and
 * Kumu read weights for modularity; without it every tie counts 1.
 */
export function louvainClusters(
  g: ArcIndex,
  seed = 1,
  pairWeight: ((a: number, b: number) => number) | null = null,
): Clustering {
  const { n, outStart, outTo } = g;
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let v = 0; v < n; v++) graph.addNode(v);
  for (let v = 0; v < n; v++)
    for (let p = outStart[v]!; p < outStart[v + 1]!; p++) {
      const w = outTo[p]!;
      if (v < w) graph.addUndirectedEdge(v, w, pairWeight ? { weight: pairWeight(v, w) } : {});
    }
  const result = louvain.detailed(graph, {
    rng: seededRandom(seed),
    getEdgeWeight: pairWeight ? 'weight' : null,
  });
  const raw = new Int32Array(n);
  const groups = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const c = result.communities[v] ?? 0;
    raw[v] = c;
    const list = groups.get(c);
    if (list) list.push(v);
    else groups.set(c, [v]);
  }
  const members = [...groups.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const clusterOf = new Int32Array(n);
  members.forEach((list, i) => {
    for (const v of list) clusterOf[v] = i;
  });
  // graphology reports NaN modularity for a graph without edges
  return {
    clusterOf,
    count: members.length,
    modularity: Number.isFinite(result.modularity) ? result.modularity : 0,
    members,
  };
}
