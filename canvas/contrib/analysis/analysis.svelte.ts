import { serviceId, type ServiceId } from '../../platform/services';
import { flushSync } from 'svelte';
import { loopMembership } from '../../../shared/analysis/loop-membership';
import type { AnalysisProgress, AnalyzeOptions, MapAnalysis } from '../../../shared/analysis/index';
import {
  DEFAULT_VIEW_SETTINGS,
  perspectivesMap,
  readPerspectives,
  removePerspective,
  savePerspective,
  COLOR_BY,
  LENSES,
  SIZE_BY,
  type PerspectiveRecord,
  type ViewSettings,
} from '../../../shared/domain/perspectives';
import type { MapChange } from '../../platform/map-session.svelte';
import { leverageVotesOf } from '../../platform/leverage-votes';
import type { Workbench } from '../../workbench/workbench.svelte';
import {
  changeAffectsAnalysis,
  ReplyAssembler,
  requestMessages,
  type AnalysisReply,
} from './analysis-input';
import { computeEncodings, type LegendEntry } from './encodings';
import { MapMarks } from './map-marks.svelte';

/** Quiet time after the last edit before the analysis runs again. */
export const DEBOUNCE_MS = 300;
/** Progress shows once a run has taken this long. */
const SHOW_PROGRESS_AFTER_MS = 400;

const settingsKey = (roomId: string) => `weavemap.analysis.view.${roomId}`;

function loadSettings(roomId: string): ViewSettings {
  try {
    const raw = JSON.parse(localStorage.getItem(settingsKey(roomId)) ?? 'null') as unknown;
    if (raw && typeof raw === 'object') {
      const r = raw as Record<string, unknown>;
      return {
        sizeBy: SIZE_BY.find((s) => s === r.sizeBy) ?? DEFAULT_VIEW_SETTINGS.sizeBy,
        colorBy: COLOR_BY.find((s) => s === r.colorBy) ?? DEFAULT_VIEW_SETTINGS.colorBy,
        lens: LENSES.find((s) => s === r.lens) ?? DEFAULT_VIEW_SETTINGS.lens,
      };
    }
  } catch {
    // Unreadable or blocked storage: start from the defaults.
  }
  return DEFAULT_VIEW_SETTINGS;
}

/**
 * The analysis of the open map, kept current off the UI thread. Edits that can change the
 * analysis (not moves) restart a 300 ms timer; when it fires, the map's records go to the
 * worker as plain arrays with a sequence number, and a reply older than the latest request is
 * dropped (the newer request is already on its way). One run at a time: edits during a run
 * queue one more run, not one per edit.
 *
 * Also holds this person's view settings (size by, colour by, lens; kept in this browser per
 * map), the map's shared perspectives, and what the views highlight on the map.
 */
export class AnalysisStore {
  /** The latest analysis of the map as it is (or was a moment ago, while `computing`). */
  result = $state.raw<MapAnalysis | null>(null);
  /** The Network table's sorted orders for `result` (indexes into its actors). */
  orders = $state.raw<Readonly<Record<string, Int32Array>> | null>(null);
  computing = $state(false);
  /** How long the current run has taken, in ms (updated while it runs). */
  elapsedMs = $state(0);
  /** Shown while a run is slow enough to notice. */
  showProgress = $state(false);
  /** The step the current run is on (and how far its searches are), from the worker. */
  progress = $state.raw<AnalysisProgress | null>(null);
  /** What the current run covers, for the progress line. */
  runSize = $state.raw<{ elements: number; connections: number }>({ elements: 0, connections: 0 });
  error = $state<string | null>(null);
  settings = $state.raw<ViewSettings>(DEFAULT_VIEW_SETTINGS);
  perspectives = $state.raw<readonly PerspectiveRecord[]>([]);
  legend = $state.raw<readonly LegendEntry[]>([]);
  /** Which element ids the size encoding reached. */
  sized = $state(0);
  /** Completed runs (tests and the status line read it). */
  runs = $state(0);
  /**
   * At most this many threads for the betweenness searches; undefined: one per core, up to four.
   * For benchmarks comparing one thread with several (set through the test hook).
   */
  maxThreads: number | undefined = undefined;

  readonly #wb: Workbench;
  #worker: Worker | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #tick: ReturnType<typeof setInterval> | null = null;
  /** Sequence number of the newest request made (sent or waiting). */
  #latest = 0;
  /** Sequence number of the run in the worker, or 0. */
  #running = 0;
  #runStarted = 0;
  /**
   * The group's votes per element id, for the leverage ranking: the totals facilitation
   * publishes on the map's `leverageVotesOf(wb.services)` channel (canvas/platform), or what
   * `setVotes` sets. Empty until a vote is revealed: the ranking is then structural only.
   */
  #votes: Readonly<Record<string, number>> = {};
  #highlight: readonly string[] | null = null;
  /** The map shows no encodings now. */
  #plain = true;
  #cleanups: (() => void)[] = [];
  #destroyed = false;

  constructor(wb: Workbench) {
    this.#wb = wb;
    this.settings = loadSettings(wb.session.roomId);
    this.#cleanups.push(wb.session.onChange((c) => this.#onChange(c)));
    const perspectives = perspectivesMap(wb.session.doc);
    const readAll = () => (this.perspectives = readPerspectives(wb.session.doc));
    perspectives.observeDeep(readAll);
    this.#cleanups.push(() => perspectives.unobserveDeep(readAll));
    readAll();
    // The group's revealed dot votes (facilitation publishes them on this map's channel).
    let first = true;
    this.#cleanups.push(
      leverageVotesOf(wb.services).subscribe((totals) => {
        if (first) this.#votes = Object.fromEntries(totals);
        else this.setVotes(totals);
        first = false;
      }),
    );
    this.schedule(0);
  }

  get votes(): Readonly<Record<string, number>> {
    return this.#votes;
  }

  /** Sets the group's votes per element id (from dot voting) and reranks. */
  setVotes(votes: ReadonlyMap<string, number> | Readonly<Record<string, number>>): void {
    this.#votes = votes instanceof Map ? Object.fromEntries(votes) : { ...votes };
    this.recompute();
  }

  #onChange(c: MapChange): void {
    if (changeAffectsAnalysis(c.previous, c.snapshot, c.changedElements, c.changedConnections)) {
      this.schedule();
      // New or removed elements change what a lens hides and what is sized.
      this.applyEncodings();
    }
  }

  /** Runs the analysis after `delay` ms of quiet (a newer call restarts the wait). */
  schedule(delay = DEBOUNCE_MS): void {
    if (this.#destroyed) return;
    this.#latest++;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#send();
    }, delay);
    this.computing = true;
  }

  /** "Recompute Analysis": runs now. */
  recompute(): void {
    this.schedule(0);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), {
      type: 'module',
    });
    worker.onmessage = (e: MessageEvent<AnalysisReply>) => this.#onReply(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      // The worker itself failed (not the analysis): start a fresh one on the next run.
      this.#worker?.terminate();
      this.#worker = null;
      this.#running = 0;
      this.#stopProgress();
      this.computing = false;
      this.error = `The analysis stopped: ${e.message || 'its worker failed to load'}.`;
    };
    this.#worker = worker;
    return worker;
  }

  async #send(): Promise<void> {
    if (this.#destroyed) return;
    if (this.#running) return; // the reply sends the newest request
    const seq = this.#latest;
    const snap = this.#wb.snapshot;
    const options: AnalyzeOptions = {
      leverage: { votes: this.#votes, limit: 50 },
      // Who can move it, for every point the Leverage view can list.
      movers: { top: 50, perFactor: 8 },
    };
    this.#running = seq;
    this.#runStarted = performance.now();
    this.elapsedMs = 0;
    this.progress = null;
    this.computing = true;
    this.runSize = { elements: snap.elements.size, connections: snap.connections.size };
    this.#tick ??= setInterval(() => {
      this.elapsedMs = Math.round(performance.now() - this.#runStarted);
      this.showProgress = this.elapsedMs >= SHOW_PROGRESS_AFTER_MS;
    }, 100);
    try {
      const worker = this.#ensureWorker();
      let sliceStart = performance.now();
      for (const msg of requestMessages(snap, seq, options, undefined, this.maxThreads)) {
        worker.postMessage(msg);
        // Hand the UI thread back between chunks (input, frames), at most every ~8 ms.
        if (performance.now() - sliceStart > 8) {
          // Visible in the browser's performance panel: the UI thread's share of a run.
          performance.measure('weavemap:analysis-send', { start: sliceStart });
          await new Promise((r) => setTimeout(r, 0));
          if (this.#destroyed || this.#worker !== worker) return;
          sliceStart = performance.now();
        }
      }
      performance.measure('weavemap:analysis-send', { start: sliceStart });
    } catch (e) {
      this.#running = 0;
      this.#stopProgress();
      this.computing = false;
      this.error = `The analysis could not start: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  #stopProgress(): void {
    if (this.#tick) clearInterval(this.#tick);
    this.#tick = null;
    this.showProgress = false;
    this.progress = null;
  }

  readonly #replies = new ReplyAssembler();

  #onReply(part: AnalysisReply): void {
    if (this.#destroyed) return;
    if (part.type === 'progress') {
      if (part.seq === this.#running)
        this.progress = {
          step: part.step,
          done: part.done,
          total: part.total,
          ...(part.sampled ? { sampled: true } : {}),
        };
      return;
    }
    const reply = this.#replies.add(part);
    if (!reply) return;
    const t0 = performance.now();
    try {
      this.#handleReply(reply);
      performance.measure('weavemap:analysis-apply', { start: t0 });
      // Draw the views now, inside a measure, rather than in a later microtask.
      const t1 = performance.now();
      flushSync();
      performance.measure('weavemap:analysis-draw', { start: t1 });
    } catch (e) {
      this.error = `Could not show the analysis: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  #handleReply(reply: Exclude<AnalysisReply, { type: 'actors' | 'progress' }>): void {
    this.#running = 0;
    const stale = reply.seq < this.#latest;
    if (stale && this.#timer === null) {
      // Edits arrived during the run and their wait is over: run again at once.
      void this.#send();
    }
    if (!stale) {
      this.#stopProgress();
      this.computing = false;
    }
    if (reply.type === 'error') {
      if (!stale) this.error = `The analysis failed on this map: ${reply.message}`;
      return;
    }
    // A stale result is dropped, unless nothing has been shown yet (a big map being edited
    // would otherwise show nothing at all until people pause).
    if (stale && this.result) return;
    this.error = null;
    this.orders = reply.orders;
    this.result = reply.result;
    this.#wb.loopsOf = loopMembership(reply.result.system.loops.loops);
    this.runs++;
    this.applyEncodings();
  }

  // ---- on the map ----

  setSettings(patch: Partial<ViewSettings>): void {
    this.settings = { ...this.settings, ...patch };
    try {
      localStorage.setItem(settingsKey(this.#wb.session.roomId), JSON.stringify(this.settings));
    } catch {
      // Storage full or blocked: the setting still holds for this visit.
    }
    this.applyEncodings();
  }

  /** While the Network or Weaving view is open, actors show their clusters unless told not to. */
  networkLens = $state(false);

  /** The settings the map shows: this person's, with the network lens's cluster colours. */
  get shown(): ViewSettings {
    const s = this.settings;
    return this.networkLens && s.colorBy === 'none' ? { ...s, colorBy: 'cluster' } : s;
  }

  /** Re-applies sizes, colours and the lens to the map (after a result or a settings change). */
  applyEncodings(): void {
    const r = computeEncodings(this.#wb.snapshot, this.result, this.shown);
    if (this.legend.length || r.legend.length) this.legend = r.legend;
    this.sized = r.sized;
    // Plain before and plain now: nothing to redraw (a 5k map's frame is not free).
    const empty = Object.keys(r.encodings).length === 0;
    if (empty && this.#plain) return;
    this.#plain = empty;
    this.#withRenderer((renderer) => renderer.setEncodings(empty ? null : r.encodings));
  }

  /** Keeps `ids` (elements and connections) at full strength on the map; null shows all. */
  highlight(ids: readonly string[] | null): void {
    this.#highlight = ids;
    this.#withRenderer((renderer) => renderer.setHighlight(this.#highlight));
  }

  #withRenderer(fn: (r: NonNullable<Workbench['renderer']>) => void, tries = 60): void {
    const r = this.#wb.renderer;
    if (r) fn(r);
    // The map editor mounts after the map opens: try again on the next frames.
    else if (tries > 0 && !this.#destroyed)
      requestAnimationFrame(() => this.#withRenderer(fn, tries - 1));
  }

  // ---- shared perspectives ----

  savePerspective(name: string): string | undefined {
    const id = this.#wb.write(() =>
      savePerspective(this.#wb.session.ctx, { name, ...this.settings }),
    );
    if (id) this.#wb.say(`Saved the perspective “${name.trim()}” for everyone on this map.`);
    return id;
  }

  applyPerspective(p: PerspectiveRecord): void {
    this.setSettings({ sizeBy: p.sizeBy, colorBy: p.colorBy, lens: p.lens });
    this.#wb.say(`Showing the perspective “${p.name}”.`);
  }

  removePerspective(p: PerspectiveRecord): void {
    this.#wb.write(() => removePerspective(this.#wb.session.ctx, p.id));
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#stopProgress();
    this.#worker?.terminate();
    this.#worker = null;
    for (const c of this.#cleanups.splice(0)) c();
    this.#wb.renderer?.setHighlight(null);
    this.#wb.renderer?.setEncodings(null);
  }
}

/** This map's AnalysisStore, in the workbench's service container. */
export const ANALYSIS: ServiceId<AnalysisStore> = serviceId('analysis');
/** This map's loop markers and network lens (see map-marks.svelte.ts). */
export const MAP_MARKS: ServiceId<MapMarks> = serviceId('mapMarks');

/** The open map's loop markers and network lens (see map-marks.svelte.ts). */
export function mapMarks(wb: Workbench): MapMarks | undefined {
  return wb.services.get(MAP_MARKS);
}

/** The open map's analysis (kept while the map is open, whichever view shows). */
export function analysisStore(wb: Workbench): AnalysisStore | undefined {
  return wb.services.get(ANALYSIS);
}

export function startAnalysis(wb: Workbench): () => void {
  const store = new AnalysisStore(wb);
  const removeStore = wb.services.provide(ANALYSIS, store);
  const removeMarks = wb.services.provide(MAP_MARKS, new MapMarks(wb, store));
  // Test hook (test/e2e/analysis.spec.ts), beside RoomView's `window.__weavemap`; built in only
  // when VITE_TEST_HOOKS=1 (npm run test:e2e).
  if (import.meta.env.VITE_TEST_HOOKS === '1') {
    const hook = (globalThis as { __weavemap?: Record<string, unknown> }).__weavemap;
    if (hook) hook.analysis = store;
  }
  return () => {
    removeMarks();
    removeStore();
  };
}
