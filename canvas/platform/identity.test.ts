import { describe, expect, it } from 'vitest';
import { USER_COLORS, colourToYieldTo, initialsOf, isGuestName } from './identity';

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

describe('isGuestName', () => {
  it('tells a made-up guest name from a chosen one', () => {
    expect(isGuestName('Guest Otter')).toBe(true);
    expect(isGuestName('Guest Ana')).toBe(false);
    expect(isGuestName('Ana')).toBe(false);
    expect(isGuestName('Guest Otter 2')).toBe(false);
  });
});

describe('colourToYieldTo', () => {
  const [red, green, blue] = USER_COLORS;
  const me = { id: 'u-b', name: 'Ben', color: red };
  it('keeps a colour nobody else shows', () => {
    expect(colourToYieldTo(me, [{ id: 'u-a', color: green }])).toBeNull();
  });
  it('moves the one with the greater id to the first free colour', () => {
    expect(colourToYieldTo(me, [{ id: 'u-a', color: red.toUpperCase() }])).toBe(green);
    expect(colourToYieldTo({ ...me, id: 'u-0' }, [{ id: 'u-a', color: red }])).toBeNull();
    expect(
      colourToYieldTo(me, [
        { id: 'u-a', color: red },
        { id: 'u-c', color: green },
      ]),
    ).toBe(blue);
  });
  it('keeps the colour when the palette has no free one', () => {
    const others = USER_COLORS.map((c, i) => ({ id: `u-${i}`, color: c }));
    expect(colourToYieldTo({ ...me, id: 'u-z' }, others)).toBeNull();
  });
});
