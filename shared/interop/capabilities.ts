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

/** true: kept exactly; false: lost. Only the formats other than the native one are listed. */
export const KEEPS: Readonly<Record<Exclude<FormatId, 'weavemap'>, Row>> = {
  'kumu-json': all(['sources']),
  'kumu-csv': all(['sources']),
  'kumu-xlsx': all(['sources']),
  canvas: all([]),
  gexf: all(['sources', 'loop names']),
  graphml: all(['sources', 'loop names']),
};

/** The features a format loses, for a warning before export. */
export const lostBy = (format: FormatId): Feature[] =>
  format === 'weavemap' ? [] : FEATURES.filter((f) => !KEEPS[format][f]);
