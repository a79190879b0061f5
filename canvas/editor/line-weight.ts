/**
 * A connection's line width from its weight: the square root of the weight times the style's
 * base width, so weight 4 draws twice as wide as weight 1, kept between half and four times the
 * base so a Gephi weight of 500 or 0.001 still draws as a line.
 */
export const MIN_WEIGHT_SCALE = 0.5;
export const MAX_WEIGHT_SCALE = 4;

export function lineWidthForWeight(base: number, weight: number | undefined): number {
  if (weight === undefined || weight === 1 || !Number.isFinite(weight) || weight <= 0) return base;
  return base * Math.min(MAX_WEIGHT_SCALE, Math.max(MIN_WEIGHT_SCALE, Math.sqrt(weight)));
}
