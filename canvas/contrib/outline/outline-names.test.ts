import { describe, expect, it } from 'vitest';
import { listWords, outlineName } from './outline-names';

describe('what the Outline announces', () => {
  it('says the kind, the label and the loops', () => {
    expect(outlineName('factor', 'Household savings', ['R1', 'B2'], true)).toBe(
      'Factor: Household savings, in loops R1 and B2',
    );
    expect(outlineName('factor', 'Rents', ['R3'], true)).toBe('Factor: Rents, in loop R3');
    expect(outlineName('intervention', 'Rent guarantee', [], true)).toBe(
      'Intervention: Rent guarantee, in no loop',
    );
  });

  it('says nothing about loops before the analysis has run, or for actors and notes', () => {
    expect(outlineName('factor', 'Rents', undefined, false)).toBe('Factor: Rents');
    expect(outlineName('actor', 'Tenants union', undefined, true)).toBe('Actor: Tenants union');
    expect(outlineName('group', '  ', undefined, true)).toBe('Frame: (no label)');
  });

  it('joins lists as a sentence does', () => {
    expect(listWords(['R1'])).toBe('R1');
    expect(listWords(['R1', 'R2', 'B1'])).toBe('R1, R2 and B1');
  });
});
