import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures';
import { expectCounts, focusMap, outline } from '../support/app';
import { test } from '../support/workshop';

/** Issue 15, item 8: removals and undos by others are said with the person's name. */

async function addFactor(page: Page, label: string) {
  await page.getByRole('button', { name: 'Add factor' }).click();
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
}

test('a removal and an undo by someone else name them in the Activity feed (item 8)', async ({
  fayAndAna,
}) => {
  test.setTimeout(150_000);
  const { fay, ana } = fayAndAna;
  await addFactor(ana, 'Trust');
  await expectCounts(fay, 1, 0);
  const feed = fay.getByRole('log', { name: 'Activity feed' });
  await expect(feed).toBeVisible();

  // Ana deletes Trust (from the Outline).
  await outline(ana).getByRole('button', { name: 'Trust' }).click();
  await ana.keyboard.press('Delete');
  await expectCounts(fay, 0, 0);
  await expect(feed).toContainText('Ana removed factor “Trust”');

  // Ana adds Funding and takes it back with Undo: an undo that only removes.
  await addFactor(ana, 'Funding');
  await expectCounts(fay, 1, 0);
  await focusMap(ana);
  // The first undo takes back the name, the second the new factor.
  await ana.keyboard.press('Control+z');
  await expect(outline(fay).getByRole('button', { name: 'New factor' })).toBeVisible();
  await ana.keyboard.press('Control+z');
  await expectCounts(fay, 0, 0);
  await expect(feed).toContainText('Ana removed factor “New factor”');
  await expect(feed).not.toContainText('Someone');
});
