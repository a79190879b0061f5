import { vocabulary } from './vocabulary';

/** How a connection is drawn: an arrow, a plain line, or arrows both ways. */
export const DIRECTIONS = ['directed', 'undirected', 'mutual'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const DIRECTION_VOCAB = vocabulary(DIRECTIONS, {
  directed: 'directed',
  undirected: 'undirected',
  mutual: 'mutual',
});
