/**
 * Does analysis block the UI thread? Opens a 5,000-actor map in headless Chromium, waits until
 * it has loaded and been analysed once, then asks for a fresh analysis ("Recompute Analysis")
 * with the Network view open, and records every long task
 * (PerformanceObserver 'longtask': main-thread tasks over 50 ms) from the edit until the new
 * result is on screen. The baseline is the same analysis run on the UI thread: the time the
 * worker took is how long the page would have frozen without it.
 *
 *   npx tsx test/bench/analysis-ui.ts              # builds the canvas, prints the table
 *   import { benchAnalysisUi } from './analysis-ui' # rows for test/bench/run.ts
 *
 * `measureAnalysisUi` is shared with test/e2e/analysis.spec.ts, which asserts the target.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { randomActorMap } from '../../shared/analysis/random-maps';
import { transact, writeNewConnection, writeNewElement } from '../../shared/domain/index';
import type { Host } from '../../canvas/server/host';
import { startBenchHost } from '../support/bench-host';
import { asKnownUser } from '../support/known-user';
import { printTable, type BenchRow } from './table';

const ROOT = resolve(import.meta.dirname, '../..');

export interface AnalysisUiFigures {
  readonly actors: number;
  readonly ties: number;
  /**
   * Longest main-thread task that ran analysis code (sending the map, taking the result in,
   * drawing the views), between the request and the new result on screen; 0 when none passed
   * 50 ms (the browser reports only tasks over 50 ms).
   */
  readonly maxAnalysisTaskMs: number;
  /** Longest long task of any kind in that window (loading, storage, GC included). */
  readonly maxLongTaskMs: number;
  readonly longTasks: number;
  /** The worker's analysis time: how long the UI would have frozen doing it on the main thread. */
  readonly workerMs: number;
  /** From the edit to the new result on screen. */
  readonly totalMs: number;
  /** Each long task (ms after the start, duration) with the analysis steps it overlapped. */
  readonly tasks: readonly { at: number; ms: number; during: string[] }[];
  /** Longest single slice of the UI thread's own analysis work (sending chunks, applying). */
  readonly maxOwnSliceMs: number;
  /** The worker's time for the betweenness and closeness searches. */
  readonly pathsMs: number;
  /** Threads that ran the betweenness searches, and the cores the browser reports. */
  readonly pathThreads: number;
  readonly cores: number;
  /** The progress lines shown above the view during the run, each once, in order. */
  readonly statusTexts: readonly string[];
  /** Whether the progress bar showed how far along it was (a value, not just a pulse). */
  readonly determinateProgress: boolean;
}

/** Creates a room on the host holding `actors` actors with about `tiesEach` ties each. */
export async function seedActorRoom(
  host: Pick<Host, 'url' | 'withRoomDoc'>,
  actors: number,
  tiesEach: number,
  seed = 7,
): Promise<{ link: string; roomId: string; elements: number; connections: number }> {
  const res = await fetch(new URL('/api/rooms', host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: `${actors} actors` }),
  });
  if (res.status !== 201) throw new Error(`Could not create a room: ${res.status}`);
  const room = (await res.json()) as { roomId: string; editLink: string };
  const map = randomActorMap(actors, tiesEach, seed);
  const cols = Math.ceil(Math.sqrt(map.elements.length * 2));
  await host.withRoomDoc(room.roomId, (doc) => {
    const ctx = { doc, origin: 'seed', userId: 'seed' };
    transact(ctx, () => {
      doc.getMap('meta').set('schemaVersion', 1);
      doc.getMap('meta').set('title', `${actors} actors`);
      map.elements.forEach((e, i) =>
        writeNewElement(ctx, {
          id: e.id,
          kind: e.kind,
          label: e.label,
          tags: e.tags,
          ...(e.actorType ? { actorType: e.actorType } : {}),
          position: [(i % cols) * 140, Math.floor(i / cols) * 110],
        }),
      );
      for (const c of map.connections)
        writeNewConnection(ctx, {
          id: c.id,
          from: c.from,
          to: c.to,
          kind: c.kind,
          direction: c.direction,
          ...(c.polarity ? { polarity: c.polarity } : {}),
        });
    });
  });
  return {
    link: room.editLink,
    roomId: room.roomId,
    elements: map.elements.length,
    connections: map.connections.length,
  };
}

interface AnalysisHook {
  recompute(): void;
  runs: number;
  computing: boolean;
  maxThreads: number | undefined;
  result: {
    elapsedMs: number;
    pathThreads: number;
    network: { actors: unknown[]; ties: number; timings: Record<string, number> };
  } | null;
}

/** Records long tasks from the start of the page (call before `page.goto`). */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * On an open map whose first analysis is done: asks for a fresh analysis (what "Recompute
 * Analysis" and every edit do: the map's records go to the worker, the result comes back and the
 * open view redraws) and measures the main thread until it is shown. Needs `observeLongTasks`
 * before the page loaded.
 */
export async function measureAnalysisUi(
  page: Page,
  timeoutMs = 120_000,
  maxThreads?: number,
): Promise<AnalysisUiFigures> {
  await page.waitForFunction(
    () => {
      const a = (window as unknown as { __weavemap?: { analysis?: AnalysisHook } }).__weavemap
        ?.analysis;
      return !!a && a.runs >= 1 && !a.computing;
    },
    undefined,
    { timeout: timeoutMs },
  );
  // Let loading settle (rendering the first frames of a 5k map is the renderer's, not ours).
  await page.evaluate(
    () =>
      new Promise((r) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 500))),
      ),
  );
  const figures = await page.evaluate(
    async ([limit, threads]) => {
      const w = window as unknown as {
        __longTasks: { start: number; duration: number }[];
        __weavemap: { analysis: AnalysisHook };
      };
      const store = w.__weavemap.analysis;
      store.maxThreads = threads;
      const runsBefore = store.runs;
      const started = performance.now();
      store.recompute();
      const deadline = started + limit;
      const statusTexts: string[] = [];
      let determinateProgress = false;
      while (store.runs === runsBefore || store.computing) {
        if (performance.now() > deadline) throw new Error('The analysis did not finish in time.');
        // What the status line above the view says meanwhile.
        const status = document.querySelector('[data-testid="analysis-status"]');
        const text = (status?.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text && statusTexts.at(-1) !== text.replace(/[\d.]+ s$/, '')) {
          statusTexts.push(text.replace(/[\d.]+ s$/, ''));
        }
        if (status?.querySelector('progress[value]')) determinateProgress = true;
        await new Promise((r) => setTimeout(r, 20));
      }
      // The result is drawn on the next frame.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const ended = performance.now();
      const tasks = w.__longTasks.filter(
        (t) => t.start + t.duration >= started && t.start <= ended,
      );
      const own = performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('weavemap:analysis') && m.startTime >= started - 1);
      const listed = tasks.map((t) => ({
        at: Math.round(t.start - started),
        ms: Math.round(t.duration),
        during: own
          .filter((m) => m.startTime < t.start + t.duration && m.startTime + m.duration > t.start)
          .map((m) => `${m.name.slice(18)} ${Math.round(m.duration)} ms`),
      }));
      return {
        maxAnalysisTaskMs: Math.max(0, ...listed.filter((t) => t.during.length).map((t) => t.ms)),
        tasks: listed,
        maxOwnSliceMs: Math.round(Math.max(0, ...own.map((m) => m.duration))),
        actors: store.result!.network.actors.length,
        ties: store.result!.network.ties,
        maxLongTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
        longTasks: tasks.length,
        workerMs: Math.round(store.result!.elapsedMs),
        totalMs: Math.round(ended - started),
        pathThreads: store.result!.pathThreads,
        pathsMs: Math.round(store.result!.network.timings.betweennessCloseness ?? 0),
        cores: navigator.hardwareConcurrency,
        statusTexts,
        determinateProgress,
      };
    },
    [timeoutMs, maxThreads] as const,
  );
  return figures;
}

async function buildCanvas(outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

/** Rows for `npm run bench`: the UI thread while a 5,000-actor map is analysed. */
export async function benchAnalysisUi(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'weavemap-analysis-ui-'));
  const staticDir = join(dir, 'canvas');
  await buildCanvas(staticDir);
  const { host, browser } = await startBenchHost(dir, staticDir);
  try {
    const room = await seedActorRoom(host, 5000, 2);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await asKnownUser(context, 'Ana');
    const page = await context.newPage();
    await observeLongTasks(page);
    await page.goto(room.link);
    await page.getByRole('button', { name: 'Network', exact: true }).click();
    const f = await measureAnalysisUi(page);
    await context.close();
    const size = `${f.actors.toLocaleString('en-US')} actors, ${f.ties.toLocaleString('en-US')} ties`;

    // Betweenness on helper threads against one thread, on the largest case.
    const big = await seedActorRoom(host, 5000, 4, 8);
    const bigContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await asKnownUser(bigContext, 'Ana');
    const bigPage = await bigContext.newPage();
    await observeLongTasks(bigPage);
    await bigPage.goto(big.link);
    await bigPage.getByRole('button', { name: 'Network', exact: true }).click();
    const one = await measureAnalysisUi(bigPage, 120_000, 1);
    const many = await measureAnalysisUi(bigPage, 120_000);
    await bigContext.close();
    const bigSize = `${many.actors.toLocaleString('en-US')} actors, ${many.ties.toLocaleString('en-US')} ties`;
    return [
      {
        group: 'analysis-ui',
        name: 'longest UI-thread task running analysis code, 5k actors',
        value: f.maxAnalysisTaskMs,
        unit: 'ms',
        baseline: f.workerMs,
        baselineName: 'the freeze without the worker: its analysis time',
        target: '≤ 50 ms',
        note: `${size}; 0 = no task over 50 ms; request to result on screen ${f.totalMs} ms`,
      },
      {
        group: 'analysis-ui',
        name: 'longest slice of analysis work on the UI thread, 5k actors',
        value: f.maxOwnSliceMs,
        unit: 'ms',
        target: '≤ 50 ms',
        note: `send chunks, take the result in, draw the Network view; ${f.longTasks} long task(s) of any kind in the window, longest ${f.maxLongTaskMs} ms`,
      },
      {
        group: 'analysis-ui',
        name: `exact betweenness + closeness in the browser, 5k actors x 4 ties, ${many.pathThreads} threads`,
        value: many.pathsMs,
        unit: 'ms',
        baseline: one.pathsMs,
        baselineName: 'one thread',
        target: '≤ 3000 ms',
        note: `${bigSize}; ${many.cores} cores reported; whole analysis ${many.workerMs} ms (one thread: ${one.workerMs} ms); longest UI task with analysis code ${many.maxAnalysisTaskMs} ms`,
      },
    ];
  } finally {
    await browser.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(await benchAnalysisUi());
  process.exit(0);
}
