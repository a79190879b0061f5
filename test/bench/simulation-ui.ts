/**
 * Does a what-if block the UI thread? Opens a 1,000-factor, 3,000-link map in headless Chromium,
 * pushes two factors in the What if view and runs it privately (maps over 300 factors run in the
 * simulation worker), recording every long task (PerformanceObserver 'longtask': main-thread
 * tasks over 50 ms) from the click until the last step is on screen. The baseline is the same run
 * on one thread (the engine timed here in Node): how long the page would freeze computing it on
 * the UI thread. A control window (the page idle as long, before the run) shows what the
 * machine's load alone costs.
 *
 * It also reads, from the page, how long the Web Worker took (steps per second in the worker),
 * the what-if layer's counts (frames that redrew the marks alone, frames that drew the whole map,
 * marks in view) and the list rows in the page; with SIM_PROFILE=1 it prints the UI thread's CPU
 * profile over the run (self time per function), with SIM_TRACE=<file> it saves a Chromium trace
 * and prints what the long tasks were made of.
 *
 *   npx tsx test/bench/simulation-ui.ts          # builds the canvas, prints the table
 *   SIM_PROFILE=1 npx tsx test/bench/simulation-ui.ts
 *   SIM_TRACE=/tmp/trace.json npx tsx test/bench/simulation-ui.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { runWhatIf } from '../../shared/simulation/whatif';
import { startBenchHost } from '../support/bench-host';
import { asKnownUser } from '../support/known-user';
import { observeLongTasks } from './analysis-ui';
import { measureWhatIfUi, PUSHES, seedWhatIfRoom } from './simulation-ui-measure';
import { printTable, type BenchRow } from './table';

const ROOT = resolve(import.meta.dirname, '../..');
const FACTORS = 1000;
const LINKS = 3000;
const STEPS = 60;
/** The control window: the page open and idle, no run. */
const IDLE_MS = 8000;

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
  const { host, browser } = await startBenchHost(dir, staticDir);
  try {
    const { editLink, map } = await seedWhatIfRoom(host, FACTORS, LINKS);
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
    await page.goto(editLink);
    await page.getByTestId('status-counts').filter({ hasText: '1,000 elements' }).waitFor();
    const f = await measureWhatIfUi(page, STEPS, IDLE_MS, browser);
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
        note: `0 = no task over 50 ms; ${f.longTasks} long task(s) from the click to step ${STEPS} on screen (${f.totalMs} ms, animation included); control, the page idle for ${IDLE_MS / 1000} s: ${f.idle.longTasks} long task(s), longest ${f.idle.maxTaskMs} ms. Work per run: ${f.layerFrames} frames redrew the what-if layer alone (of ${f.animationFrames} animation frames), ${f.mapFrames} drew the whole map; ${f.drawn} marks in view; ${f.rowsInPage} of ${f.rows} list rows in the page`,
      },
      {
        group: 'simulation',
        name: `what-if in Chromium's Web Worker, ${FACTORS} factors, ${LINKS} links (${STEPS} steps)`,
        value: Math.round(STEPS / (f.computeMs / 1000)),
        unit: 'steps/s',
        baseline: Math.round(STEPS / (oneThreadMs / 1000)),
        baselineName: 'the same run in Node on one thread',
        note: `${f.worker ? 'in the worker' : 'NOT in the worker'}: ${f.computeMs} ms for the run`,
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
