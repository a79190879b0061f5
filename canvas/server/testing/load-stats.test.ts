import { describe, expect, it } from 'vitest';
import { cpuPercent, mean, percentile, summarize } from './load-stats';

describe('load harness statistics', () => {
  it('takes percentiles by nearest rank, whatever the order of the samples', () => {
    const samples = [15, 20, 35, 40, 50].reverse();
    expect(percentile(samples, 0)).toBe(15);
    expect(percentile(samples, 5)).toBe(15);
    expect(percentile(samples, 30)).toBe(20);
    expect(percentile(samples, 40)).toBe(20);
    expect(percentile(samples, 50)).toBe(35);
    expect(percentile(samples, 100)).toBe(50);
  });

  it('puts p95 and p99 of 1..100 at 95 and 99, and p50 of 1..1000 at 500', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    const s = summarize(hundred);
    expect(s).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(
      percentile(
        Array.from({ length: 1000 }, (_, i) => i + 1),
        50,
      ),
    ).toBe(500);
  });

  it('sorts numerically, not as text', () => {
    expect(percentile([9, 10, 100, 2], 50)).toBe(9);
    expect(summarize([9, 10, 100, 2]).max).toBe(100);
  });

  it('has no percentile of nothing, and refuses a percentile outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([]).count).toBe(0);
    expect(summarize([]).p95).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('averages, and turns CPU microseconds over a wall time into % of one core', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
    expect(cpuPercent({ user: 0, system: 0 }, { user: 300_000, system: 200_000 }, 1000)).toBe(50);
    expect(cpuPercent({ user: 1_000, system: 0 }, { user: 2_001_000, system: 0 }, 1000)).toBe(200);
  });
});
