import { describe, expect, it } from 'vitest';
import {
  addMinute,
  addPhase,
  advancePhase,
  clockOffset,
  currentPhase,
  DEFAULT_PHASES,
  agendaMinutes,
  formatRemaining,
  initAgenda,
  movePhase,
  pauseTimer,
  readSessionSnapshot,
  remainingMs,
  removePhase,
  resetTimer,
  resumeTimer,
  SessionTracker,
  startTimer,
  updatePhase,
} from './index';
import { linkedDocs, sessionContext } from './test-helpers';

describe('agenda', () => {
  it('starts with the five practices and reflection, in order, each with a prompt and tools', () => {
    const fac = sessionContext('fac', { facilitator: true });
    initAgenda(fac);
    initAgenda(fac); // a second set-up adds nothing
    const { phases } = readSessionSnapshot(fac.doc);
    expect(phases.map((p) => p.title)).toEqual([
      'Connect',
      'Organize',
      'Map the system',
      'Find leverage',
      'Bridge and weave',
      'Reflect and commit',
    ]);
    for (const p of phases) {
      expect(p.prompt.length).toBeGreaterThan(10);
      expect(p.tools.length).toBeGreaterThan(0);
    }
    expect(phases.find((p) => p.id === 'leverage')?.tools).toContain('dot-voting');
    // A one-hour session, and the agenda's total is the sum of what the phases show.
    expect(agendaMinutes(DEFAULT_PHASES)).toBe(60);
    expect(agendaMinutes(phases)).toBe(5 + 10 + 15 + 10 + 10 + 10);
    expect(agendaMinutes([])).toBe(0);
  });

  it('advances for everyone, and stays on the last phase', () => {
    const [a, b] = linkedDocs();
    const fac = sessionContext('fac', { facilitator: true, doc: a });
    initAgenda(fac);
    expect(currentPhase(b)).toBeUndefined();
    expect(advancePhase(fac)?.id).toBe('connect');
    expect(currentPhase(b)?.title).toBe('Connect');
    for (let i = 0; i < 5; i++) advancePhase(fac);
    expect(currentPhase(b)?.id).toBe('reflect');
    expect(advancePhase(fac)).toBeUndefined();
    expect(currentPhase(b)?.id).toBe('reflect');
  });

  it('edits, adds, reorders and removes phases; participants cannot', () => {
    const fac = sessionContext('fac', { facilitator: true });
    initAgenda(fac);
    const id = addPhase(fac, { title: 'Break', prompt: 'Coffee', minutes: 5 }, 'leverage');
    let titles = readSessionSnapshot(fac.doc).phases.map((p) => p.title);
    expect(titles.indexOf('Break')).toBe(titles.indexOf('Find leverage') - 1);
    movePhase(fac, id, 0);
    expect(readSessionSnapshot(fac.doc).phases[0]?.title).toBe('Break');
    movePhase(fac, 'connect', 99);
    titles = readSessionSnapshot(fac.doc).phases.map((p) => p.title);
    expect(titles.at(-1)).toBe('Connect');
    updatePhase(fac, id, { title: 'Long break', tools: ['timer'] });
    expect(readSessionSnapshot(fac.doc).phases[0]).toMatchObject({
      title: 'Long break',
      tools: ['timer'],
    });
    expect(() => updatePhase(fac, id, { title: '  ' })).toThrow(/title/);
    expect(() => updatePhase(fac, id, { tools: ['laser' as never] })).toThrow(/Unknown tool/);
    removePhase(fac, id);
    expect(readSessionSnapshot(fac.doc).phases).toHaveLength(6);

    const participant = sessionContext('p1', { doc: fac.doc });
    expect(() => advancePhase(participant)).toThrow(/Only a facilitator/);
    expect(() => addPhase(participant, { title: 'Mine' })).toThrow(/Only a facilitator/);
  });

  it('tracks the session as immutable snapshots', () => {
    const fac = sessionContext('fac', { facilitator: true });
    const tracker = new SessionTracker(fac.doc);
    const seen: (string | undefined)[] = [];
    tracker.subscribe((c) => seen.push(c.snapshot.currentPhaseId));
    initAgenda(fac);
    advancePhase(fac);
    advancePhase(fac);
    expect(seen).toEqual([undefined, 'connect', 'organize']);
    tracker.destroy();
  });
});

describe('shared timer', () => {
  const host = 1_800_000_000_000;

  it('counts down in host time; pause, resume, add a minute, reset', () => {
    const fac = sessionContext('fac', { facilitator: true });
    const t = startTimer(fac, 5 * 60_000, host);
    expect(remainingMs(t, host + 1000)).toBe(299_000);
    const paused = pauseTimer(fac, host + 60_000);
    expect(paused.state).toBe('paused');
    expect(remainingMs(paused, host + 999_999)).toBe(240_000);
    const resumed = resumeTimer(fac, host + 100_000);
    expect(remainingMs(resumed, host + 100_000)).toBe(240_000);
    const longer = addMinute(fac, host + 110_000);
    expect(remainingMs(longer, host + 110_000)).toBe(290_000);
    expect(remainingMs(longer, host + 10_000_000)).toBe(0);
    const reset = resetTimer(fac, host + 120_000);
    expect(reset.state).toBe('idle');
    expect(remainingMs(reset, host + 500_000)).toBe(reset.durationMs);
    expect(() => startTimer(fac, -1, host)).toThrow(/duration/);
    expect(() => startTimer(sessionContext('p', { doc: fac.doc }), 1000, host)).toThrow(
      /facilitator/,
    );
  });

  it('shows the same remaining time on screens whose clocks disagree', () => {
    const [a, b] = linkedDocs();
    const fac = sessionContext('fac', { facilitator: true, doc: a });
    // Two devices: one 7 minutes fast, one 3 seconds slow; each measures its offset.
    const skews = [7 * 60_000, -3_000];
    let hostClock = host;
    const offsets = skews.map((skew) => {
      const samples = [80, 12, 300, 15, 40].map((rtt, i) => {
        hostClock += 1000 + i;
        const sentAt = hostClock + skew;
        // The host answers at an uneven point of the round trip (up to 40% off the middle).
        const hostTime = hostClock + Math.round(rtt * (0.5 + (i % 2 ? 0.4 : -0.4)));
        return { sentAt, hostTime, receivedAt: sentAt + rtt };
      });
      return clockOffset(samples);
    });
    startTimer(fac, 10 * 60_000, hostClock);
    const shownAt = hostClock + 42_000;
    const [ta, tb] = [readSessionSnapshot(a).timer, readSessionSnapshot(b).timer];
    const onA = remainingMs(ta, shownAt + (skews[0] as number) + (offsets[0]?.offsetMs ?? 0));
    const onB = remainingMs(tb, shownAt + (skews[1] as number) + (offsets[1]?.offsetMs ?? 0));
    expect(Math.abs(onA - onB)).toBeLessThan(1000);
    expect(Math.abs(onA - (10 * 60_000 - 42_000))).toBeLessThan(1000);
    // The two shortest round trips (12 and 15 ms) give the offset; its bound is the longer.
    expect(offsets[0]?.roundTripMs).toBe(15);
  });

  it("never shows more than the timer's length, on a screen whose clock estimate is behind", () => {
    const fac = sessionContext('fac', { facilitator: true });
    const t = startTimer(fac, 10 * 60_000, host);
    // 400 ms behind the host: without the cap this is 600,400 ms, shown as 10:01.
    expect(remainingMs(t, host - 400)).toBe(10 * 60_000);
    expect(formatRemaining(remainingMs(t, host - 400))).toBe('10:00');
    const longer = addMinute(fac, host + 1000);
    expect(remainingMs(longer, host - 400)).toBe(11 * 60_000);
  });

  it('formats the time left', () => {
    expect(formatRemaining(61_001)).toBe('1:02');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(3_600_000)).toBe('1:00:00');
    expect(() => clockOffset([])).toThrow(RangeError);
  });
});
