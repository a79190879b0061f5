import { test, expect } from '../support/fixtures';
import { expectConnected } from '../support/app';
import { observeLongTasks } from '../bench/analysis-ui';
import { measureWhatIfUi, PUSHES, seedWhatIfRoom } from '../bench/simulation-ui-measure';
import { runWhatIf } from '../../shared/simulation/whatif';
import { asKnownUser } from '../support/known-user';

/**
 * A what-if on a 1,000-factor, 3,000-link map never blocks the UI thread over 50 ms: the run is
 * computed in the worker, and each step hands the map's what-if layer only the marks that changed
 * (the map itself is not repainted) and updates only the list rows on screen. Besides the timing,
 * it checks the work done, which does not depend on the machine's load: no whole-map frame for a
 * step, at most one layer frame per step, a few dozen list rows in the page, and the final state
 * exact. A timing spec: it runs in the "perf" project, alone on the machine.
 */
test('a what-if on a 1,000-factor map never blocks the UI thread over 50 ms', async ({
  browser,
  host,
}) => {
  test.setTimeout(240_000);
  const STEPS = 30;
  const { editLink, map } = await seedWhatIfRoom(host, 1000, 3000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await asKnownUser(context, 'Ana');
  const page = await context.newPage();
  await observeLongTasks(page);
  await page.goto(editLink);
  await expectConnected(page);
  await expect(page.getByTestId('status-counts')).toContainText('1,000 elements', {
    timeout: 60_000,
  });
  const f = await measureWhatIfUi(page, STEPS, 3000);
  console.log(`what-if UI: ${JSON.stringify(f)}`);
  // Computed in the worker, not here.
  expect(f.worker).toBe(true);
  // The work per step: no whole-map repaint, one layer frame a step at most, rows on screen only.
  expect(f.mapFrames).toBe(0);
  expect(f.layerFrames).toBeGreaterThan(0);
  expect(f.layerFrames).toBeLessThanOrEqual(STEPS + 2);
  expect(f.rowsInPage).toBeLessThanOrEqual(30);
  expect(f.rows).toBeGreaterThan(f.rowsInPage);
  // The final state is exact: the map marks every factor the run's last step has moved.
  const run = runWhatIf(map, PUSHES, { steps: STEPS });
  const n = run.ids.length;
  let moved = 0;
  for (let i = 0; i < n; i++) if (Math.abs(run.levels[STEPS * n + i]!) > 1e-9) moved++;
  expect(f.finalMarks).toBe(moved);
  // And the UI thread: no task over 50 ms from the click to the last step on screen.
  expect(f.longTasks).toBe(0);
  expect(f.maxTaskMs).toBeLessThanOrEqual(50);
  await context.close();
});
