import { describe, expect, it } from 'vitest';
import { loopMembership } from './loop-membership';

describe('loopMembership', () => {
  it('lists the loops each element is in, in result order, once each', () => {
    const m = loopMembership([
      { label: 'R1', elements: ['a', 'b'] },
      { label: 'R2', elements: ['b', 'c', 'b'] },
      { label: 'B1', elements: ['a', 'c'] },
    ]);
    expect(m.get('a')).toEqual(['R1', 'B1']);
    expect(m.get('b')).toEqual(['R1', 'R2']);
    expect(m.get('c')).toEqual(['R2', 'B1']);
    expect(m.has('d')).toBe(false);
  });
});
