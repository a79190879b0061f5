import { clockOffset, type ClockOffset, type ClockSample } from '../../../shared/session/index';

/**
 * The host's clock, as the shared timer needs it: a few `GET /api/time` round trips, one after the
 * other, turned into an offset by `clockOffset` (NTP-style: the shortest round trips win).
 */
export async function measureClockOffset(
  origin: string,
  opts: { samples?: number; fetch?: typeof fetch; now?: () => number } = {},
): Promise<ClockOffset> {
  const get = opts.fetch ?? fetch;
  const now = opts.now ?? (() => Date.now());
  const samples: ClockSample[] = [];
  const n = opts.samples ?? 5;
  let lastError: unknown;
  for (let i = 0; i < n; i++) {
    const sentAt = now();
    try {
      const res = await get(`${origin}/api/time`, { cache: 'no-store' });
      const body = (await res.json()) as { now?: unknown };
      const receivedAt = now();
      if (res.ok && typeof body.now === 'number' && Number.isFinite(body.now))
        samples.push({ sentAt, hostTime: body.now, receivedAt });
    } catch (e) {
      lastError = e;
    }
  }
  if (samples.length === 0)
    throw new Error(
      `The host's clock could not be read${lastError ? `: ${String(lastError)}` : ''}.`,
    );
  return clockOffset(samples);
}
