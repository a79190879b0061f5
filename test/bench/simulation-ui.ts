/**
 * Does a what-if block the UI thread? Opens a 1,000-factor, 3,000-link map in headless Chromium,
 * pushes two factors in the What if view and runs it privately (maps over 300 factors run in the
 * simulation worker), recording every long task (PerformanceObserver 'longtask': main-thread
 * tasks over 50 ms) from the click until the last step is on screen (the animation paints every
 * frame). The baseline is the same run on one thread (the engine timed here in Node): how long
 * the page would freeze computing it on the UI thread.
 *
 * It also reads, from the page, how long the Web Worker took (steps per second in the worker) and
 * the what-if layer's counts (frames that redrew the marks alone, marks drawn), and with
 * SIM_PROFILE=1 prints the UI thread's CPU profile over the run (self time per function).
 *
 *   npx tsx test/bench/simulation-ui.ts          # builds the canvas, prints the table
 *   SIM_PROFILE=1 npx tsx test/bench/simulation-ui.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { randomCausalMap } from '../../shared/analysis/random-maps';
import { transact, writeNewConnection, writeNewElement } from '../../shared/domain/index';
import { runWhatIf } from '../../shared/simulation/whatif';
import { startHost } from '../../canvas/server/host';
import { chromiumLaunchOptions } from '../support/chromium';
import { asKnownUser } from '../support/known-user';
import { observeLongTasks } from './analysis-ui';
import { printTable, type BenchRow } from './table';

const ROOT = resolve(import.meta.dirname, '../..');
const FACTORS = 1000;
const LINKS = 3000;
const STEPS = 60;
/** The control window: the page open and idle, no run. */
const IDLE_MS = 8000;
const PUSHES = [
  { elementId: 'f1', direction: 1 as const },
  { elementId: 'f500', direction: -1 as const },
];

export async function benchSimulationUi(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'weavemap-simulation-ui-'));
  const staticDir = join(dir, 'canvas');
  const hooks = process.env.VITE_TEST_HOOKS;
  process.env.VITE_TEST_HOOKS = '1';
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staticDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    if (hooks === undefined) delete process.env.VITE_TEST_HOOKS;
    else process.env.VITE_TEST_HOOKS = hooks;
  }
  const host = await startHost({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    staticDir,
    quiet: true,
  });
  const browser = await chromium.launch(await chromiumLaunchOptions());
  try {
    const map = randomCausalMap(FACTORS, LINKS, 42);
    const res = await fetch(new URL('/api/rooms', host.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'What-if bench' }),
    });
    const room = (await res.json()) as { roomId: string; editLink: string };
    const cols = Math.ceil(Math.sqrt(FACTORS));
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
    // The baseline: the same run on one thread (best of 3).
    let oneThreadMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      runWhatIf(map, PUSHES, { steps: STEPS });
      oneThreadMs = Math.min(oneThreadMs, performance.now() - t0);
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await asKnownUser(context, 'Ana');
    const page = await context.newPage();
    await observeLongTasks(page);
    await page.goto(room.editLink);
    await page.getByTestId('status-counts').filter({ hasText: '1,000 elements' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'What if' })
      .click();
    for (const p of PUSHES) {
      await page.evaluate(
        (id) =>
          (
            window as unknown as { __weavemap: { workbench: { select(ids: string[]): void } } }
          ).__weavemap.workbench.select([id]),
        p.elementId,
      );
      await page.getByTestId(p.direction > 0 ? 'sim-push-up' : 'sim-push-down').click();
    }
    await page.getByText('Settings').click();
    await page.getByLabel('Steps', { exact: true }).fill(String(STEPS));
    // Let loading settle, then measure from the click to the last step on screen.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
    // A control: the same page left alone for as long (what the machine's load alone costs).
    const idle = await page.evaluate(async (ms) => {
      const w = window as unknown as {
        __longTasks: { start: number; duration: number }[];
        __weavemap: { editor: { renderer: { whatIf: { stats(): { mapFrames: number } } } } };
      };
      const start = performance.now();
      await new Promise((r) => setTimeout(r, ms));
      const tasks = w.__longTasks.filter((t) => t.start >= start);
      return {
        maxTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
        longTasks: tasks.length,
        mapFrames: w.__weavemap.editor.renderer.whatIf.stats().mapFrames,
      };
    }, IDLE_MS);
    const profile = process.env.SIM_PROFILE ? await context.newCDPSession(page) : null;
    if (profile) {
      await profile.send('Profiler.enable');
      await profile.send('Profiler.setSamplingInterval', { interval: 200 });
      await profile.send('Profiler.start');
    }
    const started = await page.evaluate(() => performance.now());
    await page.getByTestId('sim-run').click();
    try {
      await page
        .getByTestId('sim-run-state')
        .and(page.locator(`[data-step="${STEPS}"]`))
        .waitFor({ timeout: 60_000 });
    } catch (e) {
      const shown = await page
        .locator('.sim-view')
        .innerText()
        .catch(() => '(no view)');
      throw new Error(`The run did not reach step ${STEPS}. The view shows: ${shown}`, {
        cause: e,
      });
    }
    if (profile) printProfile((await profile.send('Profiler.stop')).profile);
    const f = await page.evaluate((start) => {
      const ended = performance.now();
      const state = document.querySelector<HTMLElement>('[data-testid="sim-run-state"]')!;
      const layer = (
        window as unknown as {
          __weavemap: {
            editor: {
              renderer: {
                whatIf: { stats(): { frames: number; mapFrames: number; drawn: number } };
              };
            };
          };
        }
      ).__weavemap.editor.renderer.whatIf.stats();
      const tasks = (
        window as unknown as { __longTasks: { start: number; duration: number }[] }
      ).__longTasks.filter((t) => t.start + t.duration >= start && t.start <= ended);
      return {
        maxTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
        longTasks: tasks.length,
        totalMs: Math.round(ended - start),
        computeMs: Number(state.dataset.computeMs),
        worker: state.dataset.worker === '1',
        layerFrames: layer.frames,
        mapFrames: layer.mapFrames,
        drawn: layer.drawn,
        rowsInPage: document.querySelectorAll('[data-testid="sim-factor"]').length,
      };
    }, started);
    await context.close();
    return [
      {
        group: 'simulation',
        name: `what-if in Chromium, ${FACTORS} factors, ${LINKS} links (${STEPS} steps, worker): longest UI-thread task`,
        value: f.maxTaskMs,
        unit: 'ms',
        baseline: oneThreadMs,
        baselineName: 'the run on one thread (Node): the freeze without the worker',
        target: '≤ 50 ms',
        note: `control, the page idle for ${IDLE_MS / 1000} s: ${idle.longTasks} long task(s), longest ${idle.maxTaskMs} ms; 0 = no task over 50 ms; ${f.longTasks} long task(s) from the click to step ${STEPS} on screen (${f.totalMs} ms, animation included); ${f.layerFrames} frames redrew the what-if layer alone, ${f.mapFrames - idle.mapFrames} the whole map, ${f.drawn} marks in view, ${f.rowsInPage} list rows in the page`,
      },
      {
        group: 'simulation',
        name: `what-if in Chromium's Web Worker, ${FACTORS} factors, ${LINKS} links (${STEPS} steps)`,
        value: Math.round(STEPS / (f.computeMs / 1000)),
        unit: 'steps/s',
        baseline: Math.round(STEPS / (oneThreadMs / 1000)),
        baselineName: 'the same run in Node on one thread (steps/s)',
        note: `${f.worker ? 'in the worker' : 'NOT in the worker'}: ${f.computeMs} ms for the run`,
      },
    ];
  } finally {
    await browser.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time per function over a CPU profile (the top 20), on stderr. */
function printProfile(p: {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  (p.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = (p.timeDeltas?.[i] ?? 0) / 1000;
    total += dt;
    const file = n.callFrame.url.split('/').pop() ?? '';
    const key = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
  console.error(`UI-thread CPU profile over the run (${Math.round(total)} ms sampled), self time:`);
  for (const [k, ms] of top) console.error(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(await benchSimulationUi());
  process.exit(0);
}
