import { transact } from '../domain/context';
import { fail, requireFacilitator, type SessionContext } from './context';
import { KEY, readTimer, sessionMap } from './layout';
import type { TimerRecord } from './types';

/**
 * The shared timer. Every time in it is the host's clock (ms since the epoch), so every screen
 * shows the same remaining time whatever its own clock says: a client learns its offset to the
 * host with `clockOffset` (from `GET /api/time` round trips) and computes
 * `remainingMs(timer, Date.now() + offset)`.
 */

export const MAX_TIMER_MS = 24 * 60 * 60 * 1000;
export const MINUTE_MS = 60_000;

/** One round trip to `GET /api/time`: local send and receive times, and the host's `now`. */
export interface ClockSample {
  readonly sentAt: number;
  readonly hostTime: number;
  readonly receivedAt: number;
}

export interface ClockOffset {
  /** Add to the local clock to get the host's clock. */
  readonly offsetMs: number;
  /**
   * The longest round trip among the samples the offset came from: each sample's offset is exact
   * to within half its round trip, so the offset is too (give or take a millisecond of rounding).
   */
  readonly roundTripMs: number;
}

/**
 * Estimates the host clock's offset from round trips, NTP-style: each sample says the host read
 * its clock somewhere between send and receive, best guessed at the midpoint, so the offset is
 * `hostTime - (sentAt + receivedAt) / 2`, wrong by at most half the round trip. The samples with
 * the shortest round trips are the most precise: the offset is the median of the best third
 * (at least one), which also shrugs off one sample delayed on one leg only.
 */
export function clockOffset(samples: readonly ClockSample[]): ClockOffset {
  const valid = samples.filter(
    (s) =>
      Number.isFinite(s.sentAt) &&
      Number.isFinite(s.receivedAt) &&
      Number.isFinite(s.hostTime) &&
      s.receivedAt >= s.sentAt,
  );
  if (valid.length === 0) throw new RangeError('clockOffset needs at least one valid sample.');
  const best = [...valid]
    .sort((a, b) => a.receivedAt - a.sentAt - (b.receivedAt - b.sentAt))
    .slice(0, Math.max(1, Math.ceil(valid.length / 3)));
  const offsets = best.map((s) => s.hostTime - (s.sentAt + s.receivedAt) / 2).sort((a, b) => a - b);
  const mid = Math.floor(offsets.length / 2);
  const offsetMs =
    offsets.length % 2
      ? (offsets[mid] as number)
      : ((offsets[mid - 1] as number) + (offsets[mid] as number)) / 2;
  const last = best[best.length - 1] as ClockSample;
  return { offsetMs: Math.round(offsetMs), roundTripMs: last.receivedAt - last.sentAt };
}

/**
 * Milliseconds left on the timer at host time `hostNow`: never below 0, and never more than the
 * timer's length (a screen whose clock offset is a few ms behind the facilitator's would otherwise
 * show "10:01" for a ten-minute phase just started).
 */
export function remainingMs(timer: TimerRecord, hostNow: number): number {
  if (timer.state === 'running')
    return Math.min(timer.durationMs, Math.max(0, (timer.endsAt ?? hostNow) - hostNow));
  if (timer.state === 'paused') return timer.pausedRemaining ?? 0;
  return timer.durationMs;
}

/** Whether a running timer has reached zero (the moment to show the end and play the sound). */
export function timerEnded(timer: TimerRecord, hostNow: number): boolean {
  return timer.state === 'running' && remainingMs(timer, hostNow) === 0;
}

/** "mm:ss" (or "h:mm:ss"), rounding up so the display shows 0:00 only at the end. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function checkHostNow(hostNow: number): void {
  if (!Number.isFinite(hostNow) || hostNow <= 0)
    fail('hostNow', 'The host time must be a positive number of milliseconds.');
}

function write(ctx: SessionContext, timer: TimerRecord): TimerRecord {
  transact(ctx, () => sessionMap(ctx.doc).set(KEY.timer, { ...timer }));
  return timer;
}

export function readTimerOf(ctx: SessionContext): TimerRecord {
  return readTimer(sessionMap(ctx.doc).get(KEY.timer));
}

/** Starts (or restarts) the timer for `durationMs`, from host time `hostNow`. */
export function startTimer(ctx: SessionContext, durationMs: number, hostNow: number): TimerRecord {
  requireFacilitator(ctx, 'start the timer');
  checkHostNow(hostNow);
  if (!Number.isFinite(durationMs) || durationMs <= 0 || durationMs > MAX_TIMER_MS)
    fail('durationMs', 'The duration must be more than 0 and at most 24 hours.');
  const d = Math.round(durationMs);
  return write(ctx, {
    state: 'running',
    durationMs: d,
    endsAt: hostNow + d,
    by: ctx.userId,
    at: hostNow,
  });
}

/** Pauses a running timer, keeping what is left. */
export function pauseTimer(ctx: SessionContext, hostNow: number): TimerRecord {
  requireFacilitator(ctx, 'pause the timer');
  checkHostNow(hostNow);
  const t = readTimerOf(ctx);
  if (t.state !== 'running') return t;
  return write(ctx, {
    state: 'paused',
    durationMs: t.durationMs,
    pausedRemaining: remainingMs(t, hostNow),
    by: ctx.userId,
    at: hostNow,
  });
}

/** Runs a paused timer on from what was left. */
export function resumeTimer(ctx: SessionContext, hostNow: number): TimerRecord {
  requireFacilitator(ctx, 'resume the timer');
  checkHostNow(hostNow);
  const t = readTimerOf(ctx);
  if (t.state !== 'paused') return t;
  return write(ctx, {
    state: 'running',
    durationMs: t.durationMs,
    endsAt: hostNow + (t.pausedRemaining ?? 0),
    by: ctx.userId,
    at: hostNow,
  });
}

/** Adds a minute (to the time left, or to the duration of an idle timer). */
export function addMinute(ctx: SessionContext, hostNow: number): TimerRecord {
  requireFacilitator(ctx, 'change the timer');
  checkHostNow(hostNow);
  const t = readTimerOf(ctx);
  const base = { by: ctx.userId, at: hostNow };
  if (t.state === 'running')
    return write(ctx, {
      state: 'running',
      durationMs: Math.min(MAX_TIMER_MS, t.durationMs + MINUTE_MS),
      // A timer that already ran out starts a fresh minute from now.
      endsAt: Math.max(t.endsAt ?? hostNow, hostNow) + MINUTE_MS,
      ...base,
    });
  if (t.state === 'paused')
    return write(ctx, {
      state: 'paused',
      durationMs: Math.min(MAX_TIMER_MS, t.durationMs + MINUTE_MS),
      pausedRemaining: (t.pausedRemaining ?? 0) + MINUTE_MS,
      ...base,
    });
  return write(ctx, {
    state: 'idle',
    durationMs: Math.min(MAX_TIMER_MS, t.durationMs + MINUTE_MS),
    ...base,
  });
}

/** Stops the timer and sets it back to its last duration. */
export function resetTimer(ctx: SessionContext, hostNow: number): TimerRecord {
  requireFacilitator(ctx, 'reset the timer');
  checkHostNow(hostNow);
  const t = readTimerOf(ctx);
  return write(ctx, { state: 'idle', durationMs: t.durationMs, by: ctx.userId, at: hostNow });
}
