import type { ActorNetwork } from './actor-network';
import { buildActorNetwork } from './actor-network';
import { findBridges } from './bridges';
import { brokerCheck, burtBrokerage } from './brokers';
import type { PathCentralities, PathCentralityOptions } from './centrality';
import { eigenvectorCentrality, pathCentralities } from './centrality';
import { louvainClusters } from './clusters';
import type { MapData, MapLike } from './input';
import { asMapData } from './input';
import { listPhrase, plural, quoted } from './phrase';
import type { WeavingOptions, WeavingSuggestion } from './weaving';
import { weavingSuggestions } from './weaving';
import { stepTimer } from './timings';

/** Every measure for one actor. `null` where a measure means nothing (an actor with no ties). */
export interface ActorMetrics {
  readonly id: string;
  readonly label: string;
  /** Distinct contacts, whatever the direction. */
  readonly degree: number;
  readonly inDegree: number;
  readonly outDegree: number;
  /** Normalised as NetworkX does (0..1): share of shortest paths between others through this actor. */
  readonly betweenness: number;
  /** NetworkX's default (Wasserman-Faust) closeness, 0..1. */
  readonly closeness: number;
  /** Unit-length eigenvector centrality: high when one's contacts are themselves well connected (0 with no ties). */
  readonly eigenvector: number;
  /** Cluster number (0 is the largest). */
  readonly cluster: number;
  readonly constraint: number | null;
  readonly effectiveSize: number | null;
  readonly isolate: boolean;
}

export interface ClusterSummary {
  readonly id: number;
  /** "Cluster 1", or named after its most common tag: "Cluster 1 (housing)". */
  readonly label: string;
  readonly size: number;
  readonly members: readonly string[];
  /** Tags most common among its members, most common first (at most 3). */
  readonly topTags: readonly string[];
}

export interface BrokerEntry {
  readonly id: string;
  readonly label: string;
  readonly constraint: number;
  readonly effectiveSize: number;
  readonly degree: number;
  /** Clusters of this actor's contacts, including the actor's own. */
  readonly clustersReached: readonly number[];
  readonly explanation: string;
}

export interface BridgeEntry {
  readonly connectionId: string;
  readonly from: string;
  readonly to: string;
  /** People left on each side if the tie went. */
  readonly fromSide: number;
  readonly toSide: number;
  /** One side is a single person: the tie is that person's only link in. */
  readonly pendant: boolean;
  readonly explanation: string;
}

export interface IsolateEntry {
  readonly id: string;
  readonly label: string;
  readonly explanation: string;
}

export interface NetworkAnalysis {
  readonly actors: readonly ActorMetrics[];
  readonly ties: number;
  readonly clusters: readonly ClusterSummary[];
  readonly modularity: number;
  readonly brokers: readonly BrokerEntry[];
  readonly bridges: readonly BridgeEntry[];
  readonly isolates: readonly IsolateEntry[];
  readonly weaving: readonly WeavingSuggestion[];
  /** Exact, or estimated from `samples` of `of` actors (above `exactLimit`); the UI can say so. */
  readonly betweennessSample: {
    readonly exact: boolean;
    readonly samples: number;
    readonly of: number;
  };
  readonly eigenvectorConverged: boolean;
  readonly timings: Readonly<Record<string, number>>;
}

export interface NetworkOptions {
  /** Seed for Louvain and the betweenness sample. Default 1. */
  readonly seed?: number;
  /** Exact betweenness up to this many actors, sampled above. Default 5000. */
  readonly betweennessExactLimit?: number;
  /** Sources sampled above the limit. Default 500. */
  readonly betweennessSamples?: number;
  /** How many brokers to list. Default 10. */
  readonly brokerLimit?: number;
  readonly weaving?: WeavingOptions;
}

const round = (x: number): number => Math.round(x * 1e12) / 1e12;

/** How the network's betweenness and closeness are computed: exact up to a size, else sampled. */
export function networkPathOptions(options: NetworkOptions = {}): PathCentralityOptions {
  return {
    exactLimit: options.betweennessExactLimit ?? 5000,
    samples: options.betweennessSamples ?? 500,
    seed: options.seed ?? 1,
  };
}

/** A step of the network lens that takes long enough on a big map to tell people about. */
export type NetworkStep = 'clusters' | 'weaving';

export function analyzeNetwork(
  map: MapLike | MapData,
  options: NetworkOptions = {},
): NetworkAnalysis {
  const data = asMapData(map);
  const timings: Record<string, number> = {};
  const time = stepTimer(timings);
  const net = time('build', () => buildActorNetwork(data));
  const paths = time('betweennessCloseness', () =>
    pathCentralities(net.arcs, networkPathOptions(options)),
  );
  return finishNetwork(data, net, paths, options, timings);
}

/**
 * The network lens once betweenness and closeness are known (computed here or on other threads:
 * see path-threads.ts). `timings` gets the time of each step.
 */
export function finishNetwork(
  data: MapData,
  net: ActorNetwork,
  paths: PathCentralities,
  options: NetworkOptions,
  timings: Record<string, number>,
  onStep?: (step: NetworkStep) => void,
): NetworkAnalysis {
  const time = stepTimer(timings);
  const n = net.ids.length;
  onStep?.('clusters');
  const eigen = time('eigenvector', () => eigenvectorCentrality(net.arcs));
  const clustering = time('clusters', () =>
    louvainClusters(net.simple, options.seed ?? 1, net.pairWeight),
  );
  const brokerage = time('brokerage', () => burtBrokerage(net.simple));
  const bridgeList = time('bridges', () => findBridges(n, net.ties));
  onStep?.('weaving');
  const weaving = time('weaving', () =>
    weavingSuggestions(data, net, clustering.clusterOf, options.weaving),
  );

  const actors: ActorMetrics[] = net.ids.map((id, i) => ({
    id,
    label: net.labels[i]!,
    degree: net.degree[i]!,
    inDegree: net.inDegree[i]!,
    outDegree: net.outDegree[i]!,
    betweenness: round(paths.betweenness[i]!),
    closeness: round(paths.closeness[i]!),
    eigenvector: net.degree[i] === 0 ? 0 : round(eigen.values[i]!),
    cluster: clustering.clusterOf[i]!,
    constraint: Number.isNaN(brokerage.constraint[i]!) ? null : round(brokerage.constraint[i]!),
    effectiveSize: Number.isNaN(brokerage.effectiveSize[i]!)
      ? null
      : round(brokerage.effectiveSize[i]!),
    isolate: net.degree[i] === 0,
  }));

  const clusters = clusterSummaries(data, net, clustering.members);
  return {
    actors,
    ties: net.ties.length,
    clusters,
    modularity: clustering.modularity,
    brokers: brokers(
      net,
      clustering.clusterOf,
      brokerage.constraint,
      brokerage.effectiveSize,
      clusters,
      options.brokerLimit ?? 10,
    ),
    bridges: bridgeList.map((b) => {
      const t = net.ties[b.tie]!;
      const from = quoted(net.labels[t.a]!);
      const to = quoted(net.labels[t.b]!);
      const pendant = b.sideA === 1 || b.sideB === 1;
      const lone = b.sideA === 1 ? from : to;
      const other = b.sideA === 1 ? to : from;
      return {
        connectionId: t.connectionId,
        from: net.ids[t.a]!,
        to: net.ids[t.b]!,
        fromSide: b.sideA,
        toSide: b.sideB,
        pendant,
        explanation:
          b.sideA === 1 && b.sideB === 1
            ? `${from} and ${to} are tied only to each other.`
            : pendant
              ? `${lone} is tied to the others only through ${other}.`
              : `${from} and ${to} hold the only tie between two groups (${plural(b.sideA, 'person', 'people')} and ${plural(b.sideB, 'person', 'people')}).`,
      };
    }),
    isolates: actors
      .filter((a) => a.isolate)
      .map((a) => ({
        id: a.id,
        label: a.label,
        explanation: `${quoted(a.label)} has no relationships on the map yet.`,
      })),
    weaving,
    betweennessSample: { exact: paths.exact, samples: paths.samples, of: n },
    eigenvectorConverged: eigen.converged,
    timings,
  };
}

function clusterSummaries(
  data: MapData,
  net: ActorNetwork,
  members: readonly (readonly number[])[],
): ClusterSummary[] {
  return members.map((list, id) => {
    const counts = new Map<string, { label: string; count: number }>();
    for (const v of list)
      for (const tag of new Set(
        data.byId
          .get(net.ids[v]!)!
          .tags.map((t) => t.trim())
          .filter(Boolean),
      )) {
        const key = tag.toLowerCase();
        const entry = counts.get(key) ?? { label: tag, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    const topTags = [...counts.values()]
      .filter((t) => t.count >= 2 || list.length === 1)
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1))
      .slice(0, 3)
      .map((t) => t.label);
    return {
      id,
      label: topTags.length > 0 ? `Cluster ${id + 1} (${topTags[0]})` : `Cluster ${id + 1}`,
      size: list.length,
      members: list.map((v) => net.ids[v]!),
      topTags,
    };
  });
}

/**
 * Brokers: actors whose contacts are poorly connected among themselves (`brokerCheck`: at least
 * two contacts, most pairs of them not tied), ranked by Burt's constraint (lowest first: their
 * contacts are least tied to each other), then by how many clusters they reach.
 */
function brokers(
  net: ActorNetwork,
  clusterOf: Int32Array,
  constraint: Float64Array,
  effectiveSize: Float64Array,
  clusters: readonly ClusterSummary[],
  limit: number,
): BrokerEntry[] {
  const { outStart, outTo } = net.simple;
  const rows: BrokerEntry[] = [];
  for (let i = 0; i < net.ids.length; i++) {
    // Distinct contacts, as the brokerage measures count them.
    const degree = outStart[i + 1]! - outStart[i]!;
    // A broker's contacts are poorly connected among themselves (`brokerCheck`): someone whose
    // contacts mostly know each other brokers nothing.
    const check = brokerCheck(degree, effectiveSize[i]!);
    if (!check.isBroker) continue;
    const reached = new Set<number>([clusterOf[i]!]);
    for (let p = outStart[i]!; p < outStart[i + 1]!; p++) reached.add(clusterOf[outTo[p]!]!);
    const clustersReached = [...reached].sort((a, b) => a - b);
    const es = effectiveSize[i]!;
    const parts = [
      `knows ${plural(degree, 'person', 'people')}` +
        (clustersReached.length > 1 ? ` across ${clustersReached.length} clusters` : ''),
      check.phrase,
    ];
    const names = clustersReached.map((c) => clusters[c]!.label);
    rows.push({
      id: net.ids[i]!,
      label: net.labels[i]!,
      constraint: round(constraint[i]!),
      effectiveSize: round(es),
      degree,
      clustersReached,
      explanation:
        `${quoted(net.labels[i]!)} ${parts.join(', ')}` +
        (clustersReached.length > 1 ? `, linking ${listPhrase(names)}.` : '.'),
    });
  }
  return rows
    .sort(
      (a, b) =>
        a.constraint - b.constraint ||
        b.clustersReached.length - a.clustersReached.length ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, limit);
}
