import { serviceId, type ServiceId } from '../../platform/services';
import {
  readSharedRun,
  SIM_RUN_KEY,
  startSharedRun,
  stepAt,
  stopSharedRun,
  type SharedRun,
} from '../../../shared/session/simulation-run';
import { sessionMap, type SessionContext } from '../../../shared/session/index';
import type { Push, WhatIfOptions } from '../../../shared/simulation/whatif';
import { WHATIF_DEFAULTS } from '../../../shared/simulation/whatif';
import type { Workbench } from '../../workbench/workbench.svelte';
import { computeWhatIf, WORKER_THRESHOLD, type ComputedRun } from './compute';
import { MarkTracker } from '../../../shared/simulation/marks';
import { hostOffset } from './host-clock';

/** Lead time before a shared run's step 0, so every screen has the inputs when it starts. */
const SHARED_LEAD_MS = 600;
const STEP_MS = 400;

/**
 * The What-if view's state for one open map: the pushes being set up, the run shown (private
 * or the facilitator's shared one), and the moment `t` (a fractional step) shown now. While a
 * run plays, one animation frame at a time reads the clock and hands the renderer's what-if
 * layer only the marks that changed since the last frame (`MarkTracker`): steps are coalesced to
 * frames (a frame that comes late skips the moments in between; the last step is always drawn
 * exactly), and the map itself is never repainted for a step. `t` moves smoothly only on small
 * maps with motion allowed, else in whole steps (so the view's rows change once a step).
 */
export class SimStore {
  readonly wb: Workbench;
  pushes = $state.raw<readonly Push[]>([]);
  options = $state<Required<WhatIfOptions>>({ ...WHATIF_DEFAULTS });
  run = $state.raw<ComputedRun | null>(null);
  /** The moment shown: 0..run.steps. */
  t = $state(0);
  playing = $state(false);
  /** Host time (ms) of the moment last drawn for a shared run (what the e2e test compares). */
  drawnAtHost = $state(0);
  /** The shared run being shown, if the run on screen is the facilitator's. */
  shared = $state.raw<SharedRun | null>(null);
  error = $state<string | null>(null);
  readonly motion: boolean;
  #offsetMs = 0;
  #clock: Promise<number> | null = null;
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #privateStart = 0;
  /** The pushes of the private run on screen (the list may have changed since). */
  #runPushes: readonly Push[] = [];
  readonly #marks = new MarkTracker();
  /** Bumped by each `showMoment` call: a later one supersedes a computation in flight. */
  #momentSeq = 0;
  #momentShown = false;
  #stop: () => void;

  constructor(wb: Workbench) {
    this.wb = wb;
    this.motion =
      typeof matchMedia === 'undefined' || !matchMedia('(prefers-reduced-motion: reduce)').matches;
    const session = sessionMap(wb.session.doc);
    const onChange = (e: { keysChanged: Set<string> }) => {
      if (e.keysChanged.has(SIM_RUN_KEY)) void this.#followShared();
    };
    session.observe(onChange);
    this.#stop = () => session.unobserve(onChange);
    void this.#followShared();
  }

  /** Animate between steps: with motion allowed and on maps the worker does not take. */
  get #smooth(): boolean {
    return this.motion && this.wb.snapshot.elements.size <= WORKER_THRESHOLD;
  }

  get facilitator(): boolean {
    return this.wb.session.role === 'facilitator';
  }

  get ctx(): SessionContext {
    const s = this.wb.session;
    return { ...s.ctx, facilitator: this.facilitator, userName: s.user.name };
  }

  #hostNow(): number {
    return Date.now() + this.#offsetMs;
  }

  async #offset(): Promise<number> {
    this.#clock ??= hostOffset().then((o) => (this.#offsetMs = o));
    return this.#clock;
  }

  addPush(elementId: string, direction: 1 | -1): void {
    const rest = this.pushes.filter((p) => p.elementId !== elementId);
    this.pushes = [...rest, { elementId, direction }];
  }

  removePush(elementId: string): void {
    this.pushes = this.pushes.filter((p) => p.elementId !== elementId);
  }

  /** Runs the pushes on this screen only. */
  async runPrivately(): Promise<void> {
    if (!this.pushes.length) return this.wb.say('Push a factor up or down first.', 'error');
    const run = await this.#compute(this.pushes, this.options);
    if (!run) return;
    this.shared = null;
    this.run = run;
    this.#runPushes = this.pushes;
    this.#privateStart = performance.now();
    this.#play(() => (performance.now() - this.#privateStart) / STEP_MS, STEP_MS);
  }

  /** Runs the pushes for everyone (facilitator): writes the inputs and start time to the session. */
  async runForEveryone(): Promise<void> {
    if (!this.pushes.length) return this.wb.say('Push a factor up or down first.', 'error');
    await this.#offset();
    this.wb.write(() =>
      startSharedRun(this.ctx, {
        pushes: this.pushes,
        options: this.options,
        startAt: this.#hostNow() + SHARED_LEAD_MS,
        stepMs: STEP_MS,
      }),
    );
  }

  /** Stops what is shown; the facilitator's stop ends the shared run for everyone. */
  stop(): void {
    if (this.shared && this.facilitator) this.wb.write(() => stopSharedRun(this.ctx));
    this.#clear();
  }

  /** The run on screen as its inputs and the whole step shown, or null when none is. */
  moment(): { pushes: readonly Push[]; options: Required<WhatIfOptions>; t: number } | null {
    const run = this.run;
    if (!run) return null;
    const pushes = this.shared ? this.shared.pushes : this.#runPushes;
    if (!pushes.length) return null;
    return { pushes: [...pushes], options: { ...run.options }, t: Math.floor(this.t) };
  }

  /** Shows one moment (the slider), pausing the animation of a private run. */
  seek(t: number): void {
    if (!this.run) return;
    this.#cancel();
    this.playing = false;
    this.t = Math.max(0, Math.min(this.run.steps, t));
    this.#paint();
  }

  /**
   * Shows one still moment of a what-if (a story step's), computed in the simulation worker
   * whatever the map's size, on the what-if layer; null takes it off. Replaces a run on screen.
   * Resolves to how it was computed, or null when it was cleared, superseded or failed.
   */
  async showMoment(moment: StoryMoment | null): Promise<MomentShown | null> {
    const seq = ++this.#momentSeq;
    if (!moment) {
      if (this.#momentShown && !this.run) this.#unmark();
      this.#momentShown = false;
      return null;
    }
    let run: ComputedRun;
    try {
      run = await computeWhatIf(this.wb.snapshot, moment.pushes, moment.options ?? {}, true);
    } catch {
      return null;
    }
    if (seq !== this.#momentSeq) return null;
    if (this.run) this.#clear();
    this.#unmark();
    const changes = this.#marks.changesAt(run, Math.min(run.steps, moment.t));
    this.wb.renderer?.whatIf.update(changes);
    this.#momentShown = true;
    return { worker: run.worker, marks: changes.size, ms: run.ms };
  }

  /** A moment's fills (id -> colour), computed in the worker: for a story's export. */
  async momentFills(moment: StoryMoment): Promise<Map<string, string>> {
    const run = await computeWhatIf(this.wb.snapshot, moment.pushes, moment.options ?? {}, true);
    const fills = new Map<string, string>();
    for (const [id, m] of new MarkTracker().changesAt(run, Math.min(run.steps, moment.t)))
      if (m) fills.set(id, m.fill);
    return fills;
  }

  async #followShared(): Promise<void> {
    const shared = readSharedRun(this.wb.session.doc);
    if (!shared) {
      if (this.shared) this.#clear();
      return;
    }
    if (this.shared?.id === shared.id) return;
    await this.#offset();
    const run = await this.#compute(shared.pushes, shared.options);
    if (!run || readSharedRun(this.wb.session.doc)?.id !== shared.id) return;
    this.shared = shared;
    this.run = run;
    this.#play(() => {
      const host = this.#hostNow();
      this.drawnAtHost = host;
      return stepAt(shared, host);
    }, shared.stepMs);
  }

  async #compute(pushes: readonly Push[], options: WhatIfOptions): Promise<ComputedRun | null> {
    try {
      this.error = null;
      return await computeWhatIf(this.wb.snapshot, pushes, options);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return null;
    }
  }

  /**
   * Plays the run on screen by `clock` (in steps). Smooth: every animation frame. In whole steps:
   * asleep until the next step is due, then that step on the next frame (one frame a step, and
   * none in between).
   */
  #play(clock: () => number, stepMs: number): void {
    this.#cancel();
    this.#unmark();
    this.playing = true;
    const tick = () => {
      const run = this.run;
      if (!run) return;
      const raw = Math.max(0, Math.min(run.steps, clock()));
      const t = this.#smooth ? raw : Math.floor(raw);
      if (t !== this.t || t === 0) {
        this.t = t;
        this.#paint();
      }
      if (raw >= run.steps) {
        this.playing = false;
        return;
      }
      if (this.#smooth) this.#frame = requestAnimationFrame(tick);
      else {
        const wait = Math.max(0, (Math.floor(raw) + 1 - raw) * stepMs);
        this.#timer = setTimeout(() => (this.#frame = requestAnimationFrame(tick)), wait);
      }
    };
    tick();
  }

  #cancel(): void {
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
  }

  /** Hands the layer the marks that changed since the last moment drawn. */
  #paint(): void {
    const r = this.wb.renderer;
    if (!this.run || !r) return;
    const changes = this.#marks.changesAt(this.run, this.t);
    if (changes.size) r.whatIf.update(changes);
  }

  #unmark(): void {
    this.#marks.reset();
    this.wb.renderer?.whatIf.update(null);
  }

  #clear(): void {
    this.#cancel();
    this.playing = false;
    this.run = null;
    this.shared = null;
    this.t = 0;
    this.#unmark();
  }

  destroy(): void {
    this.#cancel();
    this.#stop();
    if (this.run) this.#unmark();
  }
}

/** A what-if moment as a story step holds it. */
export interface StoryMoment {
  readonly pushes: readonly Push[];
  readonly options?: WhatIfOptions;
  readonly t: number;
}

export interface MomentShown {
  /** Computed in the simulation worker. */
  readonly worker: boolean;
  /** Factors marked. */
  readonly marks: number;
  readonly ms: number;
}

/** This map's SimStore, in the workbench's service container. */
export const SIMULATION: ServiceId<SimStore> = serviceId('simulation');

export function simStore(wb: Workbench): SimStore | undefined {
  return wb.services.get(SIMULATION);
}

export function startSimulation(wb: Workbench): () => void {
  const store = new SimStore(wb);
  return wb.services.provide(SIMULATION, store);
}
