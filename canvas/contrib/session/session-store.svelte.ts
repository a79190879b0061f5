import { serviceId, type ServiceId } from '../../platform/services';
import * as Y from 'yjs';
import { DomainError, transact } from '../../../shared/domain/index';
import {
  elementsMap,
  elementsRoot,
  readElement,
  writeField,
  type RecordMap,
} from '../../../shared/schema/doc';
import {
  HIDDEN_FIELD,
  SessionTracker,
  canEditElement,
  isPrivateMode,
  joinSession,
  leverageVotes,
  pendingAttention,
  readSessionSnapshot,
  remainingMs,
  tidiedSoFar,
  tidyNotices,
  timerEnded,
  visibleTo,
  voterKey,
  type SessionContext,
  type SessionSnapshot,
  type VoteRecord,
} from '../../../shared/session/index';
import { leverageVotesOf } from '../../platform/leverage-votes';
import type { Workbench } from '../../workbench/workbench.svelte';
import { beep, prepareBeep } from './beep';
import { measureClockOffset } from './clock';

const SECRET_KEY = 'weavemap.deviceSecret';
const SOUND_KEY = 'weavemap.timerSound';
/** How long a spotlight keeps the element highlighted on every screen. */
export const SPOTLIGHT_MS = 6000;

/** This device's secret for anonymous votes: random, kept in this browser, never shared. */
function deviceSecret(): string {
  try {
    const have = localStorage.getItem(SECRET_KEY);
    if (have && have.length >= 16) return have;
    const fresh = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    localStorage.setItem(SECRET_KEY, fresh);
    return fresh;
  } catch {
    return 'volatile-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  }
}

/**
 * The facilitation state of the open map, for the Session, Reflection and Actions views and the
 * session bar: the session snapshot (`$state.raw`), the host's clock, this person's role, and
 * everything that happens on its own when the session changes: the whole-map lock (read-only here
 * with a reason, the peer mesh paused), element locks, "bring everyone to me" and spotlight (once
 * per event), private notes (hidden from others, and notes written in private mode marked), the
 * revealed votes published to the Leverage ranking, and the timer's end.
 */
export class SessionStore {
  readonly wb: Workbench;
  readonly facilitator: boolean;
  readonly canWrite: boolean;
  readonly deviceSecret = deviceSecret();

  snapshot = $state.raw<SessionSnapshot>(undefined as unknown as SessionSnapshot);
  /** Local clock + offset = host clock. */
  offsetMs = $state(0);
  clockKnown = $state(false);
  clockError = $state<string | null>(null);
  /** The host's time now, updated four times a second (what timer displays read). */
  hostNow = $state(Date.now());
  soundOn = $state(false);
  /** The open vote whose dots a click on the map places (null: clicks select as usual). */
  voteOnMap = $state<string | null>(null);
  /** Set by the spotlight for a moment (the session bar names it). */
  spotlight = $state.raw<{ id: string; label: string; by: string } | null>(null);

  #tracker: SessionTracker;
  #cleanups: (() => void)[] = [];
  #lastAttention: string | undefined;
  /** Who tidied the layout when, as this screen has heard (a late joiner hears no old tidy). */
  #tidied = new Map<string, number>();
  #tidyHeard = false;
  #meshPaused = false;
  #myReason: string | null = null;
  #endedTimerAt: number | null = null;
  #spotlightTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(wb: Workbench) {
    this.wb = wb;
    const session = wb.session;
    this.facilitator = session.role === 'facilitator';
    this.canWrite = session.role !== 'view';
    try {
      this.soundOn = localStorage.getItem(SOUND_KEY) === 'on';
    } catch {
      this.soundOn = false;
    }
    this.#tracker = new SessionTracker(session.doc);
    this.snapshot = this.#tracker.snapshot;
    // A late joiner is not moved by an event from before they came.
    this.#lastAttention = this.snapshot.attention?.id;
    this.#cleanups.push(this.#tracker.subscribe((c) => this.#onSession(c.snapshot)));
    this.#cleanups.push(() => this.#tracker.destroy());

    // Others' hidden notes stay out of what this person is shown (facilitators see them).
    if (!this.facilitator)
      session.setSnapshotFilter((snap) => visibleTo(snap, session.user.id, false));
    this.#cleanups.push(() => session.setSnapshotFilter(null));

    // Notes this person writes while private mode is on are hidden until revealed.
    const elements = elementsRoot(session.doc);
    const markPrivate = (event: Y.YMapEvent<unknown>) => {
      if (event.transaction.origin !== session.ctx.origin || !isPrivateMode(session.doc)) return;
      const added: RecordMap[] = [];
      event.changes.keys.forEach((change, id) => {
        if (change.action !== 'add') return;
        const m = elementsMap(session.doc).get(id);
        if (m !== undefined && readElement(m, id).kind === 'note' && m.get(HIDDEN_FIELD) !== true)
          added.push(m);
      });
      if (added.length)
        transact(session.ctx, () => {
          for (const m of added) writeField(m, HIDDEN_FIELD, true);
        });
    };
    elements.observe(markPrivate);
    this.#cleanups.push(() => elements.unobserve(markPrivate));

    const tick = setInterval(() => this.#tick(), 250);
    this.#cleanups.push(() => clearInterval(tick));
    void this.syncClock();
    const resync = setInterval(() => void this.syncClock(), 5 * 60_000);
    this.#cleanups.push(() => clearInterval(resync));

    // Element locks follow the selection: a participant who selects a locked element sees why
    // they cannot change it.
    this.#cleanups.push(
      $effect.root(() => {
        $effect(() => {
          void wb.selection;
          void this.snapshot;
          void session.readOnlyReason;
          this.#applyReadOnly();
        });
      }),
    );
    this.#onSession(this.snapshot);
    void session.connection?.whenSynced().then(() => {
      this.#tidied = tidiedSoFar(this.snapshot.participants.values());
      this.#tidyHeard = true;
      this.#join();
    });
    // A new name reaches "who took part" (and so the report) at once.
    this.#cleanups.push(session.onUserChange(() => this.#join()));
  }

  get ctx(): SessionContext {
    const s = this.wb.session;
    return { ...s.ctx, facilitator: this.facilitator, userName: s.user.name };
  }

  /** Host time right now (not reactive; `hostNow` is the reactive copy). */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  async syncClock(): Promise<void> {
    try {
      const o = await measureClockOffset(location.origin);
      this.offsetMs = o.offsetMs;
      this.clockKnown = true;
      this.clockError = null;
      this.hostNow = this.now();
    } catch (e) {
      this.clockError = e instanceof Error ? e.message : String(e);
    }
  }

  /**
   * Runs a session write with this person's context; a refused one shows why and writes nothing.
   */
  run<T>(fn: (ctx: SessionContext) => T): T | undefined {
    if (!this.canWrite) {
      this.wb.say('You opened a view link: you can watch, not take part.', 'error');
      return undefined;
    }
    if (this.snapshot.locked && !this.facilitator) {
      this.wb.say('The facilitator has locked the map for now.', 'error');
      return undefined;
    }
    try {
      return fn(this.ctx);
    } catch (e) {
      this.wb.say(
        e instanceof DomainError ? e.message : `Could not change the session: ${String(e)}`,
        'error',
      );
      return undefined;
    }
  }

  setSound(on: boolean): void {
    this.soundOn = on;
    if (on) prepareBeep();
    try {
      localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    } catch {
      // The choice still holds for this visit.
    }
  }

  /** The voter key this person's dots in `vote` are kept under. */
  voterKeyFor(vote: VoteRecord): string {
    return voterKey(vote, this.wb.session.user.id, this.deviceSecret);
  }

  #join(): void {
    const s = this.wb.session;
    if (!this.canWrite || s.readOnly) return;
    const me = this.snapshot.participants.get(s.user.id);
    if (me && me.name === s.user.name) return;
    try {
      joinSession(this.ctx, s.user.name);
    } catch {
      // A name the session refuses (empty) leaves this person out of "who took part" only.
    }
  }

  #tick(): void {
    this.hostNow = this.now();
    const t = this.snapshot.timer;
    if (t.state === 'running' && timerEnded(t, this.hostNow)) {
      if (this.#endedTimerAt !== t.endsAt) {
        this.#endedTimerAt = t.endsAt ?? null;
        this.wb.say('Time is up.');
        if (this.soundOn) beep();
      }
    }
  }

  /** Milliseconds left on the shared timer now. */
  remaining(): number {
    return remainingMs(this.snapshot.timer, this.hostNow);
  }

  #onSession(s: SessionSnapshot): void {
    // A message belongs to the moment it was said: a new phase starts with none.
    if (s.currentPhaseId !== this.snapshot?.currentPhaseId) this.wb.notice = null;
    this.snapshot = s;
    const session = this.wb.session;
    // The whole-map lock: everyone syncs through the host while it holds.
    if (s.locked !== this.#meshPaused) {
      this.#meshPaused = s.locked;
      void session.connection?.setMesh(!s.locked);
    }
    this.#applyReadOnly();
    leverageVotesOf(this.wb.services).publish(leverageVotes(s.votes.values()));
    const event = pendingAttention(s.attention, this.#lastAttention);
    if (event) {
      this.#lastAttention = event.id;
      if (event.by !== session.user.id) this.#attend(event);
    }
    // Tidy layout rearranges everyone's map: say who did it (the notice slot never moves it).
    // Until this screen has the host's copy, what it hears is history, not news.
    if (!this.#tidyHeard) this.#tidied = tidiedSoFar(s.participants.values());
    else
      for (const text of tidyNotices(s.participants.values(), this.#tidied, session.user.id))
        this.wb.say(text);
  }

  #readOnlyReason(): string | null {
    if (this.facilitator) return null;
    const s = this.snapshot;
    if (s.locked) return 'The facilitator has locked the map: you can look, not change it.';
    const locked = this.wb.selection.find(
      (id) => !canEditElement(s, id, false) && this.wb.snapshot.elements.has(id),
    );
    if (locked)
      return `“${this.wb.labelOf(locked)}” is locked by the facilitator: select something else to edit.`;
    return null;
  }

  #applyReadOnly(): void {
    const session = this.wb.session;
    const reason = this.#readOnlyReason();
    const current = session.readOnlyReason;
    if (reason) {
      if (current === null || current === this.#myReason) {
        if (current !== reason) session.readOnlyReason = reason;
        this.#myReason = reason;
      }
    } else if (this.#myReason !== null) {
      if (current === this.#myReason) session.readOnlyReason = null;
      this.#myReason = null;
    }
  }

  #attend(event: NonNullable<SessionSnapshot['attention']>): void {
    const wb = this.wb;
    const r = wb.renderer;
    const who = event.byName || 'The facilitator';
    if (event.kind === 'summon' && event.viewport && r) {
      wb.stopFollowing();
      r.zoomTo(event.viewport.k, { x: event.viewport.x, y: event.viewport.y }, 300);
      // A notice in the session slot (it never moves the map), read out to screen readers too.
      wb.say(`${who} brought everyone to their view.`);
    } else if (event.kind === 'spotlight' && event.elementId) {
      const id = event.elementId;
      if (!wb.snapshot.elements.has(id)) return;
      wb.stopFollowing();
      const g = r?.scene.elements.get(id);
      const el = wb.snapshot.elements.get(id);
      if (r && el)
        r.zoomTo(
          Math.max(r.getViewport().zoom, 1),
          g ? { x: g.cx, y: g.cy } : { x: el.position[0], y: el.position[1] },
          300,
        );
      this.showSpotlight(id, who);
    }
  }

  /** Highlights an element on this screen for a moment and names it in the session bar. */
  showSpotlight(id: string, by: string): void {
    const r = this.wb.renderer;
    r?.setHighlight([id]);
    this.spotlight = { id, label: this.wb.labelOf(id), by };
    this.wb.say(`${by} put “${this.wb.labelOf(id)}” in the spotlight.`);
    if (this.#spotlightTimer) clearTimeout(this.#spotlightTimer);
    this.#spotlightTimer = setTimeout(() => {
      this.spotlight = null;
      const h = this.wb.renderer?.getHighlight();
      if (h && h.size === 1 && h.has(id)) this.wb.renderer?.setHighlight(null);
    }, SPOTLIGHT_MS);
  }

  /** The session as the document holds it right now (for the report). */
  read(): SessionSnapshot {
    return readSessionSnapshot(this.wb.session.doc);
  }

  destroy(): void {
    if (this.#spotlightTimer) clearTimeout(this.#spotlightTimer);
    for (const c of this.#cleanups.splice(0)) c();
    if (this.#myReason !== null && this.wb.session.readOnlyReason === this.#myReason)
      this.wb.session.readOnlyReason = null;
    if (this.#meshPaused) void this.wb.session.connection?.setMesh(true);
  }
}

/** This map's SessionStore, in the workbench's service container. */
export const SESSION: ServiceId<SessionStore> = serviceId('session');

export function sessionStore(wb: Workbench): SessionStore | undefined {
  return wb.services.get(SESSION);
}

export function startSession(wb: Workbench): () => void {
  const store = new SessionStore(wb);
  return wb.services.provide(SESSION, store);
}
