import { describe, expect, it } from 'vitest';
import { causal, element } from '../../../shared/analysis/random-maps';
import { runWhatIf } from '../../../shared/simulation/whatif';
import { arrowOf, colourFor, levelAt, runRows, sparkDot, sparkPath, SPARK } from './frames';

const run = () =>
  runWhatIf(
    {
      elements: ['a', 'b', 'c', 'd'].map((id) => element(id, 'factor', id.toUpperCase())),
      connections: [causal('ab', 'a', 'b', '-'), causal('bc', 'b', 'c', '+')],
    },
    [{ elementId: 'a', direction: 1 }],
    { steps: 4, damping: 0.5 },
  );

describe('the What-if view list', () => {
  it('colours risers green and fallers red, stronger when they moved more', () => {
    expect(colourFor(1, 1)).toBe('#1a9850');
    expect(colourFor(-1, 1)).toBe('#d73027');
    expect(colourFor(1, 0)).not.toBe(colourFor(1, 1));
  });

  it('lists the factors that move, biggest peak first; a factor never reached is left out', () => {
    const r = run();
    expect(runRows(r, (id) => id.toUpperCase()).map((x) => `${x.label}:${x.peak}`)).toEqual([
      'A:1',
      'B:0.5',
      'C:0.25',
    ]);
  });

  it('reads levels and arrows at a moment, between steps linearly', () => {
    const r = run();
    const b = r.indexOf.get('b')!;
    expect(levelAt(r, b, 0)).toBe(0);
    expect(levelAt(r, b, 0.5)).toBeCloseTo(-0.25, 12);
    expect(levelAt(r, b, 2)).toBeCloseTo(-0.5, 12);
    expect(arrowOf(levelAt(r, b, 2))).toBe('▼');
    expect(arrowOf(levelAt(r, r.indexOf.get('c')!, 1))).toBe('·');
  });

  it('draws a sparkline once per run and factor; the dot follows the moment', () => {
    const r = run();
    const a = r.indexOf.get('a')!;
    const d = sparkPath(r, a);
    expect(d).toBe(sparkPath(r, a)); // cached: the same string
    expect(d.split('L')).toHaveLength(r.steps + 1);
    // a sits at the top (level 1 = maxAbs) from the start: y = 2 at every point.
    expect(d.startsWith('M1.0,2.0')).toBe(true);
    expect(sparkDot(r, a, 4)).toEqual({ x: SPARK.w - 1, y: 2 });
    expect(sparkDot(r, r.indexOf.get('b')!, 0).y).toBeCloseTo(SPARK.h / 2, 12);
  });
});
