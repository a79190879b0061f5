import type { MapAnalysis } from '../../../shared/analysis/index';
import type { ColorBy, SizeBy, ViewSettings } from '../../../shared/domain/perspectives';
import type { MapSnapshot } from '../../../shared/schema/types';
import type { ElementEncodings } from '../../editor/index';
import { categoryColor } from '../../../shared/analysis/cluster-colors';

/**
 * Turns a person's view settings (size by, colour by, lens) and the latest analysis into the
 * renderer's per-element encodings, plus a legend for the UI. Pure: the same inputs give the
 * same looks on every screen.
 */

/** One colour per cluster on every surface (the report's clusters section too). */
export { CATEGORY_COLORS, categoryColor } from '../../../shared/analysis/cluster-colors';

export const SIZE_LABELS: Record<SizeBy, string> = {
  none: 'Nothing (same size)',
  degree: 'Contacts (degree)',
  betweenness: 'Betweenness (actors)',
  closeness: 'Closeness (actors)',
  eigenvector: 'Eigenvector (actors)',
  loops: 'Loops it is in (factors)',
  reach: 'Reach in 3 steps (factors)',
  leverage: 'Leverage score (factors)',
};

export const COLOR_LABELS: Record<ColorBy, string> = {
  none: 'Nothing (own colours)',
  cluster: 'Cluster (actors)',
  loop: 'Shortest loop (factors)',
};

export const LENS_LABELS = {
  all: 'Everything',
  system: 'System: factors, interventions, causal links',
  network: 'Network: actors and relationships',
} as const;

/** Smallest and largest size factor: the biggest element is 2.2 times its usual size. */
const MIN_SCALE = 0.7;
const MAX_SCALE = 2.2;

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  readonly count: number;
}

export interface EncodingResult {
  readonly encodings: ElementEncodings;
  readonly legend: readonly LegendEntry[];
  /** How many elements the size encoding applies to. */
  readonly sized: number;
}

function metricValues(analysis: MapAnalysis, sizeBy: SizeBy): Map<string, number> {
  const values = new Map<string, number>();
  switch (sizeBy) {
    case 'none':
      break;
    case 'degree':
    case 'betweenness':
    case 'closeness':
    case 'eigenvector':
      for (const a of analysis.network.actors) values.set(a.id, a[sizeBy]);
      break;
    case 'loops':
      for (const loop of analysis.system.loops.loops)
        for (const id of loop.elements) values.set(id, (values.get(id) ?? 0) + 1);
      break;
    case 'reach':
      for (const c of analysis.system.leverage) values.set(c.elementId, c.reach);
      break;
    case 'leverage':
      for (const c of analysis.system.leverage) values.set(c.elementId, c.score);
      break;
  }
  return values;
}

/**
 * Size factors from metric values: the square root (so area follows the value), from
 * MIN_SCALE for zero to MAX_SCALE for the largest value.
 */
export function scalesFor(values: ReadonlyMap<string, number>): Map<string, number> {
  let max = 0;
  for (const v of values.values()) if (Number.isFinite(v) && v > max) max = v;
  const out = new Map<string, number>();
  for (const [id, v] of values) {
    const t = max > 0 && Number.isFinite(v) && v > 0 ? Math.sqrt(v / max) : 0;
    out.set(id, Math.round((MIN_SCALE + (MAX_SCALE - MIN_SCALE) * t) * 1000) / 1000);
  }
  return out;
}

export function computeEncodings(
  snapshot: MapSnapshot,
  analysis: MapAnalysis | null,
  settings: ViewSettings,
): EncodingResult {
  const hidden = new Set<string>();
  if (settings.lens !== 'all') {
    const keepKind =
      settings.lens === 'system'
        ? (k: string) => k === 'factor' || k === 'intervention'
        : (k: string) => k === 'actor';
    const keepLink = settings.lens === 'system' ? 'causal' : 'relationship';
    for (const e of snapshot.elements.values()) if (!keepKind(e.kind)) hidden.add(e.id);
    for (const c of snapshot.connections.values()) if (c.kind !== keepLink) hidden.add(c.id);
  }
  const legend: LegendEntry[] = [];
  let fill: Map<string, string> | undefined;
  let scale: Map<string, number> | undefined;
  let brokers: Set<string> | undefined;
  if (analysis && settings.colorBy === 'cluster') {
    fill = new Map();
    brokers = new Set(
      analysis.network.brokers.map((b) => b.id).filter((id) => snapshot.elements.has(id)),
    );
    for (const cl of analysis.network.clusters) {
      const color = categoryColor(cl.id);
      let count = 0;
      for (const id of cl.members)
        if (snapshot.elements.has(id)) {
          fill.set(id, color);
          count++;
        }
      if (count) legend.push({ label: cl.label, color, count });
    }
  } else if (analysis && settings.colorBy === 'loop') {
    fill = new Map();
    const loops = analysis.system.loops.loops;
    loops.forEach((loop, i) => {
      const color = categoryColor(i);
      let count = 0;
      for (const id of loop.elements)
        if (!fill!.has(id) && snapshot.elements.has(id)) {
          fill!.set(id, color);
          count++;
        }
      if (count) legend.push({ label: loop.label, color, count });
    });
  }
  if (analysis && settings.sizeBy !== 'none') {
    scale = scalesFor(metricValues(analysis, settings.sizeBy));
    for (const id of scale.keys()) if (!snapshot.elements.has(id)) scale.delete(id);
  }
  return {
    encodings: {
      ...(fill ? { fill } : {}),
      ...(scale ? { scale } : {}),
      ...(hidden.size ? { hidden } : {}),
      ...(brokers?.size ? { brokers } : {}),
    },
    legend,
    sized: scale?.size ?? 0,
  };
}
