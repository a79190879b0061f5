import type { FormatId } from './formats';

/**
 * What each format keeps through a round trip (Weavemap -> format -> Weavemap). The same table
 * is in docs/formats.md, and `capabilities.test.ts` checks both the document and the behaviour
 * against it, so the UI can warn before an export that loses something.
 */

export const FEATURES = [
  'ids',
  'kinds',
  'actorType',
  'labels',
  'descriptions',
  'tags',
  'positions',
  'polarity',
  'delay',
  'direction',
  'strength',
  'weight',
  'custom fields',
  'sources',
  'loop names',
] as const;

export type Feature = (typeof FEATURES)[number];

type Row = Readonly<Record<Feature, boolean>>;

const all = (lost: readonly Feature[]): Row =>
  Object.fromEntries(FEATURES.map((f) => [f, !lost.includes(f)])) as Record<Feature, boolean>;

/**
 * XMILE is a system dynamics model, not a map: it carries the causal part only (factors and
 * interventions in causal links, those links with their signs and delays, and the model's stocks,
 * flows and equations) and leaves everything else out, so it is not a column of the table.
 * What it keeps of the causal part is checked in `xmile.test.ts` (the example map's round trip).
 */
export const XMILE_KEEPS: readonly Feature[] = ['labels', 'positions', 'polarity', 'delay'];

/** true: kept exactly; false: lost. The formats other than the native one and XMILE. */
export const KEEPS: Readonly<Record<Exclude<FormatId, 'weavemap' | 'xmile'>, Row>> = {
  'kumu-json': all(['sources']),
  'kumu-csv': all(['sources']),
  'kumu-xlsx': all(['sources']),
  canvas: all([]),
  gexf: all(['sources', 'loop names']),
  graphml: all(['sources', 'loop names']),
};

/** The features a format loses, for a warning before export. */
export const lostBy = (format: FormatId): Feature[] =>
  format === 'weavemap'
    ? []
    : format === 'xmile'
      ? FEATURES.filter((f) => !XMILE_KEEPS.includes(f))
      : FEATURES.filter((f) => !KEEPS[format][f]);
