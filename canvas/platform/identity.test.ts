import { describe, expect, it } from 'vitest';
import { initialsOf } from './identity';

describe('initialsOf', () => {
  it('takes the first letters of the first two words', () => {
    expect(initialsOf('Guest Otter')).toBe('GO');
    expect(initialsOf('ana ruiz garcía')).toBe('AR');
  });
  it('skips words that start with punctuation', () => {
    expect(initialsOf('Ana (facilitator)')).toBe('A');
    expect(initialsOf('— Ben')).toBe('B');
  });
  it('handles letters outside ASCII and empty names', () => {
    expect(initialsOf('Émile Zola')).toBe('ÉZ');
    expect(initialsOf('   ')).toBe('?');
  });
});
