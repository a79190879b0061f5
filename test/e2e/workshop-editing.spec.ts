import { test, expect, newPerson } from '../support/fixtures';
import { createMap, expectCounts, outline } from '../support/app';

/** Issue 15, item 2: typing right after the toolbar's "+ Factor" names the new factor. */
test('typing after the toolbar’s + Factor names it, firing no shortcuts (item 2)', async ({
  browser,
  host,
}) => {
  const kim = await newPerson(browser, 'Kim');
  const { page } = kim;
  await createMap(page, host.url, 'Savings');
  await page.getByRole('button', { name: 'Add factor' }).click();
  await page.keyboard.type('Household savings');
  await page.keyboard.press('Enter');
  await expectCounts(page, 1, 0);
  await expect(outline(page).getByRole('button', { name: 'Household savings' })).toBeVisible();
  // The kind chosen for double-click is still Factor.
  await expect(page.getByRole('button', { name: 'Add factor' })).toHaveClass(/chosen/);
  await kim.context.close();
});
