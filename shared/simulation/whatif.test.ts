import { describe, expect, it } from 'vitest';
import { causal, element, randomCausalMap } from '../analysis/random-maps';
import type { ConnectionRecord } from '../schema/types';
import { frameAt, peakStep, runWhatIf, seriesOf } from './whatif';

const map = (ids: string[], connections: ConnectionRecord[]) => ({
  elements: ids.map((id) => element(id, 'factor')),
  connections,
});
const close = (a: ArrayLike<number>, b: number[]) => {
  expect(a.length).toBeGreaterThanOrEqual(b.length);
  b.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 12));
};

describe('what-if: sign propagation, by hand', () => {
  it('a + link carries the push, weakened by damping; a - link flips it', () => {
    const m = map(['a', 'b', 'c'], [causal('ab', 'a', 'b', '+'), causal('bc', 'b', 'c', '-')]);
    const run = runWhatIf(m, [{ elementId: 'a', direction: 1 }], { steps: 4, damping: 0.5 });
    close(seriesOf(run, 'a')!, [1, 1, 1, 1, 1]);
    close(seriesOf(run, 'b')!, [0, 0.5, 0.5, 0.5, 0.5]);
    close(seriesOf(run, 'c')!, [0, 0, -0.25, -0.25, -0.25]);
    // pushing down mirrors everything
    const down = runWhatIf(m, [{ elementId: 'a', direction: -1 }], { steps: 4, damping: 0.5 });
    close(seriesOf(down, 'c')!, [0, 0, 0.25, 0.25, 0.25]);
  });

  it('a reinforcing pair grows: each round trip adds d² of the last', () => {
    const m = map(['a', 'b'], [causal('ab', 'a', 'b', '+'), causal('ba', 'b', 'a', '+')]);
    const run = runWhatIf(m, [{ elementId: 'a', direction: 1 }], { steps: 6, damping: 0.5 });
    // a: 1, then +0.25 at t=2, +0.0625 at t=4, ...
    close(seriesOf(run, 'a')!, [1, 1, 1.25, 1.25, 1.3125, 1.3125, 1.328125]);
    close(seriesOf(run, 'b')!, [0, 0.5, 0.5, 0.625, 0.625, 0.65625, 0.65625]);
    const a = seriesOf(run, 'a')!;
    for (let t = 1; t < a.length; t++) expect(a[t]).toBeGreaterThanOrEqual(a[t - 1]!);
    expect(a[a.length - 1]).toBeGreaterThan(a[0]!); // amplified beyond the push
  });

  it('a balancing pair settles: it counters the push and oscillates towards 1/(1+d²)', () => {
    const m = map(['a', 'b'], [causal('ab', 'a', 'b', '+'), causal('ba', 'b', 'a', '-')]);
    const run = runWhatIf(m, [{ elementId: 'a', direction: 1 }], { steps: 200, damping: 0.8 });
    const a = seriesOf(run, 'a')!;
    close(a, [1, 1, 1 - 0.64, 1 - 0.64, 1 - 0.64 + 0.4096]);
    expect(a[200]).toBeCloseTo(1 / (1 + 0.64), 9); // the geometric series' sum
    // the swings shrink: |a(t) - limit| never grows
    const lim = 1 / 1.64;
    for (let t = 2; t <= 200; t++)
      expect(Math.abs(a[t]! - lim)).toBeLessThanOrEqual(Math.abs(a[t - 1]! - lim) + 1e-15);
  });

  it('a delay shifts the peak by exactly the delay', () => {
    const links = (delay: boolean) => [
      causal('ab', 'a', 'b', '+', delay ? { delay: true } : {}),
      causal('ba', 'b', 'a', '-'),
    ];
    const opts = { steps: 30, damping: 0.8, delaySteps: 3 };
    const quick = runWhatIf(
      map(['a', 'b'], links(false)),
      [{ elementId: 'a', direction: 1 }],
      opts,
    );
    const slow = runWhatIf(map(['a', 'b'], links(true)), [{ elementId: 'a', direction: 1 }], opts);
    expect(peakStep(seriesOf(quick, 'b')!)).toBe(1);
    expect(peakStep(seriesOf(slow, 'b')!)).toBe(4);
    // and a holds its pushed level longer before the loop pushes back
    expect(seriesOf(quick, 'a')![2]).toBeCloseTo(0.36, 12);
    expect(seriesOf(slow, 'a')![4]).toBeCloseTo(1, 12);
    expect(seriesOf(slow, 'a')![5]).toBeCloseTo(0.36, 12);
  });

  it('strength scales a link, mutual links work both ways, undirected and relationship links carry nothing', () => {
    const m = map(
      ['a', 'b', 'c', 'd', 'e'],
      [
        causal('ab', 'a', 'b', '+', { strength: 0.5 }),
        causal('ac', 'a', 'c', '+', { direction: 'mutual' }),
        causal('ad', 'a', 'd', '+', { direction: 'undirected' }),
        { ...causal('ae', 'a', 'e', '+'), kind: 'relationship' },
      ],
    );
    const run = runWhatIf(m, [{ elementId: 'c', direction: 1 }], { steps: 3, damping: 1 });
    close(seriesOf(run, 'a')!, [0, 1, 1, 2]);
    close(seriesOf(run, 'b')!, [0, 0, 0.5, 0.5]);
    expect(seriesOf(run, 'd')).toBeUndefined();
    expect(seriesOf(run, 'e')).toBeUndefined();
  });

  it('levels saturate at the cap, so a strong reinforcing loop stays bounded', () => {
    const m = map(['a', 'b'], [causal('ab', 'a', 'b', '+'), causal('ba', 'b', 'a', '+')]);
    const run = runWhatIf(m, [{ elementId: 'a', direction: 1, size: 2 }], {
      steps: 50,
      damping: 1,
      cap: 3,
    });
    expect(Math.max(...seriesOf(run, 'a')!)).toBe(3);
    expect(run.maxAbs).toBe(3);
    expect(frameAt(run, 'a', 50)).toEqual({ level: 3, direction: 1, size: 1 });
  });

  it('frames interpolate between steps', () => {
    const m = map(['a', 'b'], [causal('ab', 'a', 'b', '-')]);
    const run = runWhatIf(m, [{ elementId: 'a', direction: 1 }], { steps: 2, damping: 0.5 });
    expect(frameAt(run, 'b', 0.5)).toEqual({ level: -0.25, direction: -1, size: 0.25 });
    expect(frameAt(run, 'b', 0)!.direction).toBe(0);
    expect(frameAt(run, 'zzz', 1)).toBeUndefined();
  });

  it('refuses bad input', () => {
    const m = map(['a'], []);
    expect(() => runWhatIf(m, [{ elementId: 'x', direction: 1 }])).toThrow(/No element/);
    expect(() => runWhatIf(m, [{ elementId: 'a', direction: 1 }], { damping: 2 })).toThrow();
    expect(() => runWhatIf(m, [{ elementId: 'a', direction: 1 }], { steps: 0 })).toThrow();
    expect(() => runWhatIf(m, [{ elementId: 'a', direction: 1, size: -1 }])).toThrow();
  });
});

describe('what-if: determinism', () => {
  it('the same map and push give the same series bit for bit, whatever the record order', () => {
    const { elements, connections } = randomCausalMap(300, 900, 7);
    const pushes = [
      { elementId: 'f3', direction: 1 as const },
      { elementId: 'f17', direction: -1 as const, size: 2 },
    ];
    const one = runWhatIf({ elements, connections }, pushes, { steps: 60 });
    const two = runWhatIf(
      { elements: [...elements].reverse(), connections: [...connections].reverse() },
      [...pushes].reverse(),
      { steps: 60 },
    );
    expect(two.ids).toEqual(one.ids);
    expect(Buffer.from(two.levels.buffer).equals(Buffer.from(one.levels.buffer))).toBe(true);
    expect(one.maxAbs).toBeGreaterThan(0);
  });
});
