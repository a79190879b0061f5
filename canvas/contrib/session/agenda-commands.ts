import {
  addMinute,
  advancePhaseWithTimer,
  initAgenda,
  initReflectionBoard,
  pauseTimer,
  resetTimerToPhase,
  resumeTimer,
  startTimer,
} from '../../../shared/session/index';
import type { When } from '../../platform/context-keys';
import { registerCommand } from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';
import { sessionStore, type SessionStore } from './session-store.svelte';

/** The agenda and the shared timer: the facilitator's commands (the agenda drives the timer). */

const facilitator: When = (c) => c.hasMap && c.isFacilitator === true;

function store(wb: Workbench): SessionStore {
  const s = sessionStore(wb);
  if (!s) throw new Error('The session is not ready yet.');
  return s;
}

export function registerAgendaCommands(): void {
  // ---- agenda ----
  registerCommand({
    id: 'session.setUpAgenda',
    title: 'Set Up the Agenda (Six Phases)',
    category: 'Session',
    keybinding: 'mod+alt+g',
    when: facilitator,
    run: (wb) => {
      const s = store(wb);
      if (s.snapshot.phases.length) {
        wb.say('The agenda is already set up: edit it in the Session view.');
        return;
      }
      s.run((ctx) => {
        initAgenda(ctx);
        initReflectionBoard(ctx);
      });
      wb.showView('session');
    },
  });
  registerCommand({
    id: 'session.nextPhase',
    title: 'Next Phase (for Everyone)',
    category: 'Session',
    keybinding: 'mod+alt+n',
    when: facilitator,
    run: (wb) => {
      const s = store(wb);
      if (!s.snapshot.phases.length)
        s.run((ctx) => {
          initAgenda(ctx);
          initReflectionBoard(ctx);
        });
      if (!s.snapshot.phases.length) return;
      const next = s.run((ctx) => advancePhaseWithTimer(ctx, s.now()));
      if (next === undefined && s.snapshot.currentPhaseId)
        wb.say('This is the last phase: close the session with the report.');
      else if (next) wb.say(`Phase: ${next.title}.`);
    },
  });

  // ---- timer ----
  registerCommand({
    id: 'session.timer.startPause',
    title: 'Start, Pause or Resume the Timer',
    category: 'Session',
    keybinding: 'mod+alt+t',
    when: facilitator,
    run: (wb, args) => {
      const s = store(wb);
      const t = s.snapshot.timer;
      const minutes =
        typeof args === 'number' && args > 0
          ? args
          : (s.snapshot.phases.find((p) => p.id === s.snapshot.currentPhaseId)?.minutes ?? 0);
      if (t.state === 'running') s.run((ctx) => pauseTimer(ctx, s.now()));
      else if (t.state === 'paused' && typeof args !== 'number')
        s.run((ctx) => resumeTimer(ctx, s.now()));
      else {
        const ms = typeof args === 'number' ? args * 60_000 : t.durationMs || minutes * 60_000;
        s.run((ctx) => startTimer(ctx, ms || 5 * 60_000, s.now()));
      }
    },
  });
  registerCommand({
    id: 'session.timer.addMinute',
    title: 'Add a Minute to the Timer',
    category: 'Session',
    keybinding: 'mod+alt+m',
    when: facilitator,
    run: (wb) => {
      const s = store(wb);
      s.run((ctx) => addMinute(ctx, s.now()));
    },
  });
  registerCommand({
    id: 'session.timer.reset',
    title: 'Reset the Timer',
    category: 'Session',
    keybinding: 'mod+alt+0',
    when: facilitator,
    run: (wb) => {
      const s = store(wb);
      s.run((ctx) => resetTimerToPhase(ctx, s.now()));
    },
  });
  registerCommand({
    id: 'session.timer.sound',
    title: 'Sound at the Timer’s End: On or Off (This Screen)',
    category: 'Session',
    keybinding: 'mod+alt+o',
    when: (c) => c.hasMap,
    run: (wb) => {
      const s = store(wb);
      s.setSound(!s.soundOn);
      wb.say(s.soundOn ? 'A beep will sound when the timer ends.' : 'The timer ends silently.');
    },
  });
}
