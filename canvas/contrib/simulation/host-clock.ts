import { clockOffset, type ClockSample } from '../../../shared/session/index';

/**
 * The host's clock offset for shared runs (a few `GET /api/time` round trips, as the session's
 * timer does; contributions do not share modules, so this is its own small copy). 0 when the
 * host cannot be reached (a private run needs no host clock).
 */
export async function hostOffset(origin = location.origin, samples = 5): Promise<number> {
  const got: ClockSample[] = [];
  for (let i = 0; i < samples; i++) {
    const sentAt = Date.now();
    try {
      const res = await fetch(`${origin}/api/time`, { cache: 'no-store' });
      const body = (await res.json()) as { now?: unknown };
      const receivedAt = Date.now();
      if (res.ok && typeof body.now === 'number' && Number.isFinite(body.now))
        got.push({ sentAt, hostTime: body.now, receivedAt });
    } catch {
      // try the next sample
    }
  }
  return got.length ? clockOffset(got).offsetMs : 0;
}
