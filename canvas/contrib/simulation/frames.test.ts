import { describe, expect, it } from 'vitest';
import { causal, element } from '../../../shared/analysis/random-maps';
import { runWhatIf } from '../../../shared/simulation/whatif';
import { colourFor, describeMoment, encodingsAt } from './frames';

const run = () =>
  runWhatIf(
    {
      elements: ['a', 'b', 'c'].map((id) => element(id, 'factor', id.toUpperCase())),
      connections: [causal('ab', 'a', 'b', '-'), causal('bc', 'b', 'c', '+')],
    },
    [{ elementId: 'a', direction: 1 }],
    { steps: 4, damping: 0.5 },
  );

describe('what-if on the map', () => {
  it('fills risers green and fallers red, stronger when they moved more', () => {
    expect(colourFor(1, 1)).toBe('#1a9850');
    expect(colourFor(-1, 1)).toBe('#d73027');
    expect(colourFor(1, 0)).not.toBe(colourFor(1, 1));
    const e = encodingsAt(run(), 1, true);
    expect(e.fill?.get('a')).toBe('#1a9850');
    expect(e.fill?.get('b')).toBe(colourFor(-1, 0.5));
    expect(e.fill?.has('c')).toBe(false); // not reached yet
    expect(e.scale?.get('a')).toBeCloseTo(1.6, 12);
  });

  it('without motion, only colours change', () => {
    const e = encodingsAt(run(), 2, false);
    expect(e.scale).toBeUndefined();
    expect(e.fill?.get('c')).toBe(colourFor(-1, 0.25));
  });

  it('describes the moment, biggest change first', () => {
    expect(
      describeMoment(run(), 2, (id) => id.toUpperCase()).map((d) => `${d.label}${d.arrow}`),
    ).toEqual(['A▲', 'B▼', 'C▼']);
  });
});
