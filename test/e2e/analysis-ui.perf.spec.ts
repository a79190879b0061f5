import { test, expect } from '../support/fixtures';
import { expectConnected, expectCounts, openView } from '../support/app';
import { measureAnalysisUi, observeLongTasks, seedActorRoom } from '../bench/analysis-ui';
import { asKnownUser } from '../support/known-user';

/**
 * The UI thread while a 5,000-actor map is analysed: no task that runs analysis code over 50 ms.
 * A timing spec: it runs in the "perf" project, after every other spec, alone on the machine (a
 * participant's browser does not share its cores with a second test browser).
 */
test('analysing a 5,000-actor map never blocks the UI thread over 50 ms', async ({
  browser,
  host,
}) => {
  test.setTimeout(240_000);
  const room = await seedActorRoom(host, 5000, 2);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await asKnownUser(context, 'Ana');
  const page = await context.newPage();
  await observeLongTasks(page);
  await page.goto(room.link);
  await expectConnected(page);
  await expectCounts(page, room.elements, room.connections);
  await openView(page, 'Network');
  const f = await measureAnalysisUi(page);
  console.log(
    `analysis UI: ${f.actors} actors, ${f.ties} ties; worker ${f.workerMs} ms (searches ${f.pathsMs} ms on ${f.pathThreads} threads); status ${JSON.stringify(f.statusTexts.slice(0, 4))}; longest task with analysis code ${f.maxAnalysisTaskMs} ms; longest own slice ${f.maxOwnSliceMs} ms; long tasks of any kind ${JSON.stringify(f.tasks)} in ${f.totalMs} ms`,
  );
  expect(f.actors).toBe(5000);
  // The worker ran for seconds; no task that ran analysis code on the UI thread took over 50 ms.
  expect(f.workerMs).toBeGreaterThan(f.maxAnalysisTaskMs);
  expect(f.maxAnalysisTaskMs).toBeLessThanOrEqual(50);
  expect(f.maxOwnSliceMs).toBeLessThanOrEqual(50);
  // The searches were shared with a helper per core (up to four), and the status line counted
  // them off with a bar that fills.
  expect(f.pathThreads).toBe(Math.max(1, Math.min(4, f.cores)));
  expect(f.statusTexts).toContainEqual(
    expect.stringMatching(/^Measuring betweenness and closeness…\s*[\d,]+ of 5,000 actors ·/),
  );
  expect(f.determinateProgress).toBe(true);
  await expect(page.getByTestId('network-summary')).toContainText('5,000 actors');
  await context.close();
});
