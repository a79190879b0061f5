/**
 * When to try a failed delivery again: exponential backoff with "equal jitter" (half the delay is
 * fixed, half random), capped, so many clips that failed together do not all retry at once.
 * Attempt 1 waits 1-2 s, attempt 2 2-4 s, attempt 3 4-8 s, ... up to 2.5-5 minutes.
 */
export interface BackoffOptions {
  /** Delay after the first failure, before jitter (ms). */
  readonly baseMs: number;
  /** Largest delay before jitter (ms). */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * The wait before the next try after `attempts` failures (attempts >= 1). `random` is in [0, 1).
 * A server's Retry-After, when given, is a floor (never longer than the cap).
 */
export function backoffDelay(
  attempts: number,
  random: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  retryAfterMs?: number,
): number {
  const n = Math.max(1, Math.floor(attempts));
  const full = Math.min(options.capMs, options.baseMs * 2 ** Math.min(n - 1, 30));
  const jittered = full / 2 + (Math.min(Math.max(random, 0), 1) * full) / 2;
  const floor = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, options.capMs);
  return Math.round(Math.max(jittered, floor));
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds from `now`, if valid. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
