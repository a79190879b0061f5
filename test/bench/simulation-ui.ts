/**
 * Does a what-if block the UI thread? Opens a 1,000-factor, 3,000-link map in headless Chromium,
 * pushes two factors in the What if view and runs it privately (maps over 300 factors run in the
 * simulation worker), recording every long task (PerformanceObserver 'longtask': main-thread
 * tasks over 50 ms) from the click until the last step is on screen (the animation paints every
 * frame). The baseline is the same run on one thread (the engine timed here in Node): how long
 * the page would freeze computing it on the UI thread.
 *
 *   npx tsx test/bench/simulation-ui.ts          # builds the canvas, prints the table
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
    const f = await page.evaluate((start) => {
      const ended = performance.now();
      const tasks = (
        window as unknown as { __longTasks: { start: number; duration: number }[] }
      ).__longTasks.filter((t) => t.start + t.duration >= start && t.start <= ended);
      return {
        maxTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
        longTasks: tasks.length,
        totalMs: Math.round(ended - start),
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
        note: `0 = no task over 50 ms; ${f.longTasks} long task(s) from the click to step ${STEPS} on screen (${f.totalMs} ms, animation included)`,
      },
    ];
  } finally {
    await browser.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(await benchSimulationUi());
  process.exit(0);
}
