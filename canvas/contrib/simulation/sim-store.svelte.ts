import {
  readSharedRun,
  SIM_RUN_KEY,
  startSharedRun,
  stepAt,
  stopSharedRun,
  type SharedRun,
} from '../../../shared/session/simulation-run';
import { sessionMap, type SessionContext } from '../../../shared/session/index';
import type { Push, WhatIfOptions, WhatIfRun } from '../../../shared/simulation/whatif';
import { WHATIF_DEFAULTS } from '../../../shared/simulation/whatif';
import type { Workbench } from '../../workbench/workbench.svelte';
import { computeWhatIf, WORKER_THRESHOLD } from './compute';
import { encodingsAt } from './frames';
import { hostOffset } from './host-clock';

/** Lead time before a shared run's step 0, so every screen has the inputs when it starts. */
const SHARED_LEAD_MS = 600;
const STEP_MS = 400;

/**
 * The What-if view's state for one open map: the pushes being set up, the run shown (private
 * or the facilitator's shared one), and the moment `t` (a fractional step) shown now. While a
 * run plays, each animation frame maps `t` to the renderer's encodings (colour, and size unless
 * the person prefers reduced motion, in which case `t` moves in whole steps).
 */
export class SimStore {
  readonly wb: Workbench;
  pushes = $state.raw<readonly Push[]>([]);
  options = $state<Required<WhatIfOptions>>({ ...WHATIF_DEFAULTS });
  run = $state.raw<WhatIfRun | null>(null);
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
  #privateStart = 0;
  /** The pushes of the private run on screen (the list may have changed since). */
  #runPushes: readonly Push[] = [];
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

  /**
   * Animate between steps and by size: only with motion allowed and on maps the worker does not
   * take (a size change re-places every box, which on 1,000 factors costs a long task a frame);
   * larger maps change colour once a step.
   */
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
    this.#play(() => (performance.now() - this.#privateStart) / STEP_MS);
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
    cancelAnimationFrame(this.#frame);
    this.playing = false;
    this.t = Math.max(0, Math.min(this.run.steps, t));
    this.#paint();
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
    });
  }

  async #compute(pushes: readonly Push[], options: WhatIfOptions): Promise<WhatIfRun | null> {
    try {
      this.error = null;
      return await computeWhatIf(this.wb.snapshot, pushes, options);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      return null;
    }
  }

  #play(clock: () => number): void {
    cancelAnimationFrame(this.#frame);
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
      this.#frame = requestAnimationFrame(tick);
    };
    tick();
  }

  #paint(): void {
    if (this.run) this.wb.renderer?.setEncodings(encodingsAt(this.run, this.t, this.#smooth));
  }

  #clear(): void {
    cancelAnimationFrame(this.#frame);
    this.playing = false;
    this.run = null;
    this.shared = null;
    this.t = 0;
    this.wb.renderer?.setEncodings(null);
  }

  destroy(): void {
    cancelAnimationFrame(this.#frame);
    this.#stop();
    if (this.run) this.wb.renderer?.setEncodings(null);
  }
}

const stores = new WeakMap<Workbench, SimStore>();

export function simStore(wb: Workbench): SimStore | undefined {
  return stores.get(wb);
}

export function startSimulation(wb: Workbench): () => void {
  const store = new SimStore(wb);
  stores.set(wb, store);
  return () => {
    store.destroy();
    stores.delete(wb);
  };
}
