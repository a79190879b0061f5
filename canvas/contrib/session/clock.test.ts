import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRemaining, remainingMs, type TimerRecord } from '../../../shared/session/index';
import { measureClockOffset } from './clock';

/**
 * The shared timer's clock over real HTTP round trips, from screens whose clocks are wrong. The
 * server answers `GET /api/time` as the host does (canvas/server/routes/meta.ts: `{now}`); the
 * canvas layer may not import the host itself.
 */
describe('measureClockOffset', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/api/time') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ now: Date.now() }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it('finds how far this clock is from the host, within a few milliseconds', async () => {
    for (const skew of [0, 5 * 60_000, -93_000]) {
      const o = await measureClockOffset(origin(), { now: () => Date.now() + skew });
      // Exact to within half the round trips used, plus a millisecond of rounding each way.
      expect(Math.abs(o.offsetMs + skew)).toBeLessThanOrEqual(o.roundTripMs / 2 + 2);
    }
  });

  it('makes screens with different clocks show the same time left', async () => {
    const hostStart = Date.now();
    const timer: TimerRecord = {
      state: 'running',
      durationMs: 10 * 60_000,
      endsAt: hostStart + 10 * 60_000,
      by: 'fay',
      at: hostStart,
    };
    const shown: string[] = [];
    for (const skew of [0, 5 * 60_000, -7_000]) {
      const local = () => Date.now() + skew;
      const o = await measureClockOffset(origin(), { now: local });
      shown.push(formatRemaining(remainingMs(timer, local() + o.offsetMs)));
    }
    const secs = shown.map((s) => {
      const [m, sec] = s.split(':').map(Number);
      return (m ?? 0) * 60 + (sec ?? 0);
    });
    expect(Math.max(...secs) - Math.min(...secs)).toBeLessThanOrEqual(1);
    expect(secs[0]).toBeGreaterThan(590);
  });

  it('says so when the host cannot be reached', async () => {
    await expect(measureClockOffset('http://127.0.0.1:9', { samples: 2 })).rejects.toThrow(
      /clock could not be read/,
    );
  });
});
