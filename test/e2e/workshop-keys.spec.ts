import { expect, newPerson } from '../support/fixtures';
import { createMap, expectCounts, inspector, openView, outline } from '../support/app';
import { test } from '../support/workshop';

/** Issue 15, items 9 and 10: keys after toolbar buttons and in the Outline; the locked look. */

test('after Connect from the toolbar, + and − act; Delete works in the Outline (item 9)', async ({
  browser,
  host,
}) => {
  const kim = await newPerson(browser, 'Kim');
  const { page } = kim;
  await createMap(page, host.url, 'Keys');
  for (const name of ['Trust', 'Attendance']) {
    await page.getByRole('button', { name: 'Add factor' }).click();
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
  }
  await expectCounts(page, 2, 0);
  await outline(page).getByRole('button', { name: 'Trust' }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await outline(page).getByRole('button', { name: 'Attendance' }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectCounts(page, 2, 1);
  await page.keyboard.press('-');
  await expect(inspector(page).getByLabel('Polarity')).toHaveValue('-');
  await page.keyboard.press('+');
  await expect(inspector(page).getByLabel('Polarity')).toHaveValue('+');
  // Delete on an element in the Outline removes it.
  await outline(page).getByRole('button', { name: 'Attendance' }).focus();
  await page.keyboard.press('Delete');
  await expectCounts(page, 1, 0);
  await kim.context.close();
});

test('during a lock a participant is not told "Saving…", and Delete looks disabled (item 10)', async ({
  fayAndAna,
}) => {
  test.setTimeout(120_000);
  const { fay, ana } = fayAndAna;
  await fay.getByRole('button', { name: 'Add factor' }).click();
  await fay.keyboard.type('Trust');
  await fay.keyboard.press('Enter');
  await expectCounts(ana, 1, 0);
  await outline(ana).getByRole('button', { name: 'Trust' }).click();
  await openView(fay, 'Session');
  await fay.getByRole('button', { name: 'Lock the map' }).click();
  await expect(ana.getByTestId('map-locked')).toBeVisible();
  await expect(ana.getByTestId('status-saved')).toHaveText('Locked: nothing to save');
  const del = inspector(ana).getByRole('button', { name: 'Delete element' });
  await expect(del).toBeDisabled();
  await expect(del).toHaveCSS('cursor', 'not-allowed');
  expect(Number(await del.evaluate((b) => getComputedStyle(b).opacity))).toBeLessThan(0.7);
});
