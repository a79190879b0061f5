import { transact } from '../domain/context';
import type { SessionContext } from './context';
import { advancePhase, currentPhase, setCurrentPhase } from './agenda';
import { readTimerOf, resetTimer, startTimer } from './timer';
import type { PhaseRecord } from './types';

/**
 * The one place where the agenda drives the timer. A phase brings its planned length: entering
 * it puts that length on the timer (running on if the timer was running, ready to start if not),
 * and Reset returns to it. A phase without a planned length leaves the timer alone.
 */

function applyPhaseLength(ctx: SessionContext, phase: PhaseRecord, hostNow: number): void {
  if (!(phase.minutes > 0)) return;
  const wasRunning = readTimerOf(ctx).state === 'running';
  startTimer(ctx, phase.minutes * 60_000, hostNow);
  if (!wasRunning) resetTimer(ctx, hostNow);
}

/** Moves everyone to the next phase and puts its length on the timer, in one change. */
export function advancePhaseWithTimer(
  ctx: SessionContext,
  hostNow: number,
): PhaseRecord | undefined {
  return transact(ctx, () => {
    const next = advancePhase(ctx);
    if (next) applyPhaseLength(ctx, next, hostNow);
    return next;
  });
}

/** Makes `id` the current phase and puts its length on the timer, in one change. */
export function enterPhase(ctx: SessionContext, id: string, hostNow: number): void {
  transact(ctx, () => {
    setCurrentPhase(ctx, id);
    const phase = currentPhase(ctx.doc);
    if (phase) applyPhaseLength(ctx, phase, hostNow);
  });
}

/** Stops the timer and sets it to the current phase's length (else to its last duration). */
export function resetTimerToPhase(ctx: SessionContext, hostNow: number): void {
  transact(ctx, () => {
    const phase = currentPhase(ctx.doc);
    if (phase && phase.minutes > 0) startTimer(ctx, phase.minutes * 60_000, hostNow);
    resetTimer(ctx, hostNow);
  });
}
