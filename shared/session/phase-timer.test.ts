import { describe, expect, it } from 'vitest';
import {
  advancePhaseWithTimer,
  enterPhase,
  initAgenda,
  readSessionSnapshot,
  remainingMs,
  resetTimerToPhase,
  startTimer,
  updatePhase,
} from './index';
import { sessionContext } from './test-helpers';

const T0 = 1_700_000_000_000;

describe('the agenda drives the timer', () => {
  it('a running timer takes the next phase’s length and runs on', () => {
    const fac = sessionContext('fac', { facilitator: true });
    initAgenda(fac);
    advancePhaseWithTimer(fac, T0);
    startTimer(fac, 3 * 60_000, T0);
    const next = advancePhaseWithTimer(fac, T0 + 30_000);
    const s = readSessionSnapshot(fac.doc);
    expect(s.currentPhaseId).toBe(next?.id);
    expect(s.timer.state).toBe('running');
    expect(remainingMs(s.timer, T0 + 30_000)).toBe((next?.minutes ?? 0) * 60_000);
  });

  it('an idle timer is set to the phase’s length, ready to start', () => {
    const fac = sessionContext('fac', { facilitator: true });
    initAgenda(fac);
    const first = advancePhaseWithTimer(fac, T0);
    const s = readSessionSnapshot(fac.doc);
    expect(s.timer.state).toBe('idle');
    expect(s.timer.durationMs).toBe((first?.minutes ?? 0) * 60_000);
  });

  it('Reset returns to the current phase’s length, not the last custom run', () => {
    const fac = sessionContext('fac', { facilitator: true });
    initAgenda(fac);
    const first = advancePhaseWithTimer(fac, T0);
    startTimer(fac, 2 * 60_000, T0);
    resetTimerToPhase(fac, T0 + 5_000);
    const s = readSessionSnapshot(fac.doc);
    expect(s.timer).toMatchObject({ state: 'idle', durationMs: (first?.minutes ?? 0) * 60_000 });
  });

  it('choosing a phase directly puts its length on the timer; no length leaves it alone', () => {
    const fac = sessionContext('fac', { facilitator: true });
    initAgenda(fac);
    const [, second, third] = readSessionSnapshot(fac.doc).phases;
    enterPhase(fac, second!.id, T0);
    expect(readSessionSnapshot(fac.doc).timer.durationMs).toBe(second!.minutes * 60_000);
    updatePhase(fac, third!.id, { minutes: 0 });
    enterPhase(fac, third!.id, T0);
    const s = readSessionSnapshot(fac.doc);
    expect(s.currentPhaseId).toBe(third!.id);
    expect(s.timer.durationMs).toBe(second!.minutes * 60_000);
  });
});
