import { vocabulary } from './vocabulary';

/** A causal link's sign: `+` (both move the same way) or `-` (they move opposite ways). */
export const POLARITIES = ['+', '-'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const POLARITY_VOCAB = vocabulary(POLARITIES, {
  '+': '+ same direction',
  '-': '− opposite direction',
});
