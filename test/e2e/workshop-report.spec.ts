import { join } from 'node:path';
import * as Y from 'yjs';
import { test, expect, REPO } from '../support/fixtures';
import { readSnapshot } from '../../shared/schema/snapshot';
import { buildReport, reportHtml } from '../../shared/report/index';
import { readSessionSnapshot } from '../../shared/session/index';
import { exampleSessionDoc } from '../../shared/report/testing';

/** Issue 15, item 22: the report opens with its summary (screenshot of the first page). */
test('the report’s first page is its summary', async ({ browser }) => {
  const { doc } = exampleSessionDoc() as { doc: Y.Doc };
  const html = reportHtml(
    buildReport({ map: readSnapshot(doc), session: readSessionSnapshot(doc) }),
  );
  const context = await browser.newContext({ viewport: { width: 900, height: 1100 } });
  const page = await context.newPage();
  await page.setContent(html);
  const summary = page.locator('#summary');
  await expect(summary.getByRole('heading', { name: 'Summary' })).toBeInViewport();
  for (const h of [
    'Participants',
    'Top loops',
    'Top leverage points',
    'Clusters of actors',
    'Brokers',
    'Actions and owners',
  ])
    await expect(summary.getByRole('heading', { name: h, exact: true })).toBeVisible();
  // Clusters in their map colours (and named, not by colour alone).
  await expect(summary.locator('.clusters .swatch').first()).toBeVisible();
  await expect(summary.locator('.clusters li').first()).toContainText(
    /\((blue|orange|red|teal|green|yellow|purple|pink|brown|grey), \d+ actors\)/,
  );
  // A Meadows level the analysis suggested says so.
  await expect(summary).not.toContainText(/Meadows level \d+\. [^,;)]+\)/);
  await page.screenshot({ path: join(REPO, 'docs', 'screenshots', 'report-first-page.png') });
  // The map section: signs at the arrowheads, labels whole inside their boxes.
  const map = page.locator('#map');
  await map.scrollIntoViewIfNeeded();
  await expect(map.locator('svg text.sign').first()).toBeVisible();
  await map.screenshot({ path: join(REPO, 'docs', 'screenshots', 'report-map.png') });
  await context.close();
});
