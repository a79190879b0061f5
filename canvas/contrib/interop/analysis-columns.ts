import { analyzeNetwork } from '../../../shared/analysis/index';
import type { AnalysisColumns } from '../../../shared/interop/index';
import type { MapSnapshot } from '../../../shared/schema/types';

/**
 * Network measures for the actors of a map, as columns GEXF and GraphML write next to each node
 * (`analysis:cluster`, `analysis:betweenness`, ...). Computed with the shared analysis engine,
 * the same numbers the analysis views show.
 */
export function networkColumns(snapshot: MapSnapshot): {
  columns?: AnalysisColumns;
  note: string;
} {
  const net = analyzeNetwork(snapshot);
  if (net.actors.length === 0)
    return { note: 'The map has no actors, so there are no network measures to add.' };
  const col = <T extends number>(pick: (a: (typeof net.actors)[number]) => T | null) =>
    new Map(
      net.actors.flatMap((a) => {
        const v = pick(a);
        return v === null || !Number.isFinite(v) ? [] : [[a.id, v] as const];
      }),
    );
  const columns: AnalysisColumns = {
    cluster: col((a) => a.cluster),
    degree: col((a) => a.degree),
    betweenness: col((a) => a.betweenness),
    closeness: col((a) => a.closeness),
    eigenvector: col((a) => a.eigenvector),
    constraint: col((a) => a.constraint),
  };
  const sampled = net.betweennessSample.exact
    ? ''
    : ` (betweenness and closeness estimated from ${net.betweennessSample.samples} of ${net.betweennessSample.of} actors)`;
  return {
    columns,
    note: `Added cluster, degree, betweenness, closeness, eigenvector and constraint for ${net.actors.length} actor${net.actors.length === 1 ? '' : 's'}${sampled}.`,
  };
}
