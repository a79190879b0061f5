import type { Browser, Page } from 'playwright-core';
import { randomCausalMap } from '../../shared/analysis/random-maps';
import { transact, writeNewConnection, writeNewElement } from '../../shared/domain/index';
import type { Push } from '../../shared/simulation/whatif';
import type { Host } from '../../canvas/server/host';
import { printLongTaskMakeup, printProfile, TRACE_CATEGORIES } from './simulation-ui-trace';
import { writeFile } from 'node:fs/promises';

/**
 * A what-if on a large map in the browser, measured on the UI thread (the bench
 * test/bench/simulation-ui.ts and the perf spec test/e2e/whatif-ui.perf.spec.ts share it).
 */

export const PUSHES: readonly Push[] = [
  { elementId: 'f1', direction: 1 },
  { elementId: 'f500', direction: -1 },
];

export type RandomMap = ReturnType<typeof randomCausalMap>;

/** A room holding a random causal map of `factors` factors and `links` links, on a grid. */
export async function seedWhatIfRoom(
  host: Pick<Host, 'url' | 'withRoomDoc'>,
  factors: number,
  links: number,
): Promise<{ editLink: string; map: RandomMap }> {
  const map = randomCausalMap(factors, links, 42);
  const res = await fetch(new URL('/api/rooms', host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'What-if bench' }),
  });
  if (res.status !== 201) throw new Error(`Could not create a room: ${res.status}`);
  const room = (await res.json()) as { roomId: string; editLink: string };
  const cols = Math.ceil(Math.sqrt(factors));
  await host.withRoomDoc(room.roomId, (doc) => {
    const ctx = { doc, origin: 'seed', userId: 'seed' };
    transact(ctx, () => {
      doc.getMap('meta').set('schemaVersion', 1);
      doc.getMap('meta').set('title', 'What-if bench');
      map.elements.forEach((e, i) =>
        writeNewElement(ctx, {
          id: e.id,
          kind: 'factor',
          label: e.label,
          position: [(i % cols) * 200, Math.floor(i / cols) * 120],
        }),
      );
      for (const c of map.connections)
        writeNewConnection(ctx, {
          id: c.id,
          from: c.from,
          to: c.to,
          kind: 'causal',
          direction: 'directed',
          ...(c.polarity ? { polarity: c.polarity } : {}),
        });
    });
  });
  return { editLink: room.editLink, map };
}

export interface WhatIfUiFigures {
  /** The control: the page left idle for `idleMs` before the run. */
  readonly idle: { readonly maxTaskMs: number; readonly longTasks: number };
  /** Longest UI-thread task from the click to the last step on screen, and how many over 50 ms. */
  readonly maxTaskMs: number;
  readonly longTasks: number;
  readonly totalMs: number;
  /** How long the run took to compute, and whether in the Web Worker. */
  readonly computeMs: number;
  readonly worker: boolean;
  /** Frames that redrew the what-if layer alone, and frames that drew the whole map. */
  readonly layerFrames: number;
  readonly mapFrames: number;
  /** Animation frames the page had meanwhile (the most a layer could have drawn). */
  readonly animationFrames: number;
  /** Marks in view on the last frame; list rows in the page. */
  readonly drawn: number;
  readonly rowsInPage: number;
  readonly rows: number;
  /** The marks on the map at the end, against those of the run's last step. */
  readonly finalMarks: number;
}

interface Hook {
  __longTasks: { start: number; duration: number }[];
  __weavemap: {
    workbench: { select(ids: string[]): void };
    editor: {
      renderer: {
        whatIf: {
          stats(): { frames: number; mapFrames: number; drawn: number; marks: number };
        };
      };
    };
  };
}

/**
 * On an open map (with `observeLongTasks` installed before it loaded): opens the What if view,
 * pushes `PUSHES`, leaves the page idle for `idleMs` (the control), then runs privately and
 * measures until step `steps` is on screen. `browser` only for SIM_TRACE.
 */
export async function measureWhatIfUi(
  page: Page,
  steps: number,
  idleMs: number,
  browser?: Browser,
): Promise<WhatIfUiFigures> {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'What if' })
    .click();
  for (const p of PUSHES) {
    await page.evaluate(
      (id) => (window as unknown as Hook).__weavemap.workbench.select([id]),
      p.elementId,
    );
    await page.getByTestId(p.direction > 0 ? 'sim-push-up' : 'sim-push-down').click();
  }
  await page.getByText('Settings').click();
  await page.getByLabel('Steps', { exact: true }).fill(String(steps));
  // Let loading settle; then the control: the same page left alone (what load alone costs).
  await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
  const idle = await page.evaluate(async (ms) => {
    const start = performance.now();
    await new Promise((r) => setTimeout(r, ms));
    const tasks = (window as unknown as Hook).__longTasks.filter((t) => t.start >= start);
    return {
      maxTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
      longTasks: tasks.length,
    };
  }, idleMs);
  const profile = process.env.SIM_PROFILE ? await page.context().newCDPSession(page) : null;
  if (profile) {
    await profile.send('Profiler.enable');
    await profile.send('Profiler.setSamplingInterval', { interval: 200 });
    await profile.send('Profiler.start');
  }
  const tracing = process.env.SIM_TRACE && browser;
  if (tracing) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  // Counts animation frames (a script string: tsx would wrap a named function in a helper the
  // page does not have).
  await page.evaluate(
    'window.__frames = 0; (function count() { window.__frames++; requestAnimationFrame(count); })();',
  );
  const before = await page.evaluate(() => ({
    at: performance.now(),
    ...(window as unknown as Hook).__weavemap.editor.renderer.whatIf.stats(),
  }));
  await page.getByTestId('sim-run').click();
  try {
    // Polled by timer, not every frame, so the waiting adds no work to the frames measured.
    await page.waitForFunction(
      (n) => document.querySelector(`[data-testid="sim-run-state"][data-step="${n}"]`) !== null,
      steps,
      { timeout: 120_000, polling: 500 },
    );
  } catch (e) {
    const shown = await page
      .locator('.sim-view')
      .innerText()
      .catch(() => '(no view)');
    throw new Error(`The run did not reach step ${steps}. The view shows: ${shown}`, { cause: e });
  }
  if (profile) printProfile((await profile.send('Profiler.stop')).profile);
  if (tracing) {
    const trace = await browser.stopTracing();
    await writeFile(process.env.SIM_TRACE!, trace);
    printLongTaskMakeup(trace);
  }
  // The last step's marks are handed over on the frame that shows it: let it be drawn.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  const f = await page.evaluate((b) => {
    const w = window as unknown as Hook & { __frames: number };
    const ended = performance.now();
    const state = document.querySelector<HTMLElement>('[data-testid="sim-run-state"]')!;
    const layer = w.__weavemap.editor.renderer.whatIf.stats();
    const tasks = w.__longTasks.filter((t) => t.start + t.duration >= b.at && t.start <= ended);
    return {
      maxTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
      longTasks: tasks.length,
      totalMs: Math.round(ended - b.at),
      computeMs: Number(state.dataset.computeMs),
      worker: state.dataset.worker === '1',
      layerFrames: layer.frames - b.frames,
      mapFrames: layer.mapFrames - b.mapFrames,
      animationFrames: w.__frames,
      drawn: layer.drawn,
      rowsInPage: document.querySelectorAll('[data-testid="sim-factor"]').length,
      rows: Number(
        document.querySelector<HTMLElement>('[data-testid="sim-factors"]')!.dataset.rows,
      ),
      finalMarks: layer.marks,
    };
  }, before);
  return { idle, ...f };
}
