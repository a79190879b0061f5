/**
 * Statistics of the load harness (test/load/run.ts; kept here so that vitest, which looks only under shared/, canvas/ and extension/, tests it): percentiles of latency samples gathered from
 * many client processes, and small formatting helpers for its report.
 */

/**
 * The p-th percentile (0 ≤ p ≤ 100) of `samples` by the nearest-rank method: the smallest sample
 * with at least p % of the samples at or below it. NaN when there are no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in 0..100, got ${p}`);
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  return nearestRank(sorted, p);
}

function nearestRank(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Count, p50/p95/p99 and max of `samples` (sorted once). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => (sorted.length ? nearestRank(sorted, p) : Number.NaN);
  return {
    count: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** Mean of `values` (NaN when empty). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Share of one core used between two `process.cpuUsage()` readings over `wallMs`, in %. */
export function cpuPercent(
  before: { user: number; system: number },
  after: { user: number; system: number },
  wallMs: number,
): number {
  const usedMicros = after.user - before.user + (after.system - before.system);
  return wallMs > 0 ? (usedMicros / 1000 / wallMs) * 100 : Number.NaN;
}
