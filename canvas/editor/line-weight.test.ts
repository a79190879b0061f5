import { describe, expect, it } from 'vitest';
import { lineWidthForWeight } from './line-weight';

describe('lineWidthForWeight', () => {
  it('keeps the base width for weight 1 or no weight', () => {
    expect(lineWidthForWeight(1.6, undefined)).toBe(1.6);
    expect(lineWidthForWeight(1.6, 1)).toBe(1.6);
  });
  it('grows with the square root of the weight', () => {
    expect(lineWidthForWeight(1.5, 4)).toBeCloseTo(3);
    expect(lineWidthForWeight(2, 9)).toBeCloseTo(6);
  });
  it('stays between half and four times the base', () => {
    expect(lineWidthForWeight(2, 500)).toBe(8);
    expect(lineWidthForWeight(2, 0.001)).toBe(1);
  });
});
