import { describe, expect, it } from 'vitest';
import { causal, element, randomCausalMap } from '../analysis/random-maps';
import { packMap, unpackMap } from './packed';
import { runWhatIf } from './whatif';

describe('the packed map a what-if posts to its worker', () => {
  it('gives exactly the same run as the full records', () => {
    const map = randomCausalMap(400, 1200, 3);
    // Some links the engine treats differently: a delay, a strength, a mutual, a proposed one,
    // an unsigned one, a non-causal one.
    const extra = [
      causal('x1', 'f1', 'f2', '+', { delay: true }),
      causal('x2', 'f3', 'f4', '-', { strength: 0.3 }),
      causal('x3', 'f5', 'f6', '+', { direction: 'mutual' }),
      causal('x4', 'f7', 'f8', '+', { proposed: true }),
      causal('x5', 'f9', 'f10', null),
      causal('x6', 'f11', 'f12', '+', { kind: 'relationship' } as never),
    ];
    const full = { elements: map.elements, connections: [...map.connections, ...extra] };
    const pushes = [
      { elementId: 'f1', direction: 1 as const },
      { elementId: 'f3', direction: -1 as const },
    ];
    const a = runWhatIf(full, pushes, { steps: 30 });
    const b = runWhatIf(unpackMap(packMap(full)), pushes, { steps: 30 });
    expect(b.ids).toEqual(a.ids);
    expect(b.maxAbs).toBe(a.maxAbs);
    expect(Array.from(b.levels)).toEqual(Array.from(a.levels));
  });

  it('keeps what the engine reads and drops what it does not', () => {
    const p = packMap({
      elements: [element('a', 'factor', 'A long label'), element('b', 'factor')],
      connections: [
        causal('ab', 'a', 'b', '-', { delay: true, strength: 0.5, description: 'why' }),
        causal('gone', 'a', 'zz', '+'), // an end not on the map
      ],
    });
    expect(p.ids).toEqual(['a', 'b']);
    expect(p.links).toEqual(['ab']);
    const back = unpackMap(p);
    const c = (back.connections as readonly { [k: string]: unknown }[])[0]!;
    expect([c.from, c.to, c.polarity, c.delay, c.strength, c.description]).toEqual([
      'a',
      'b',
      '-',
      true,
      0.5,
      '',
    ]);
  });
});
