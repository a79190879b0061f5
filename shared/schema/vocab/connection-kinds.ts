import { vocabulary } from './vocabulary';

/** A causal link (A changes B) or a relationship between actors (A works with B). */
export const CONNECTION_KINDS = ['causal', 'relationship'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export const CONNECTION_KIND_VOCAB = vocabulary(CONNECTION_KINDS, {
  causal: 'causal',
  relationship: 'relationship',
});
