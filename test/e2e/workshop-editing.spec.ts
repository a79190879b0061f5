import { test, expect, newPerson } from '../support/fixtures';
import { createMap, expectCounts, focusMap, mapArea, openLink, outline } from '../support/app';

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

/**
 * Issue 15 (the weak laptop's "F and typing a name"): F on the map opens the new factor's name
 * field at once, as the toolbar does; the typed letters name it and fire no shortcuts (before,
 * "Household savings" typed after F added an actor, an intervention, a note and a frame).
 * Escape keeps the default name; everyone sees the typed one.
 */
test('F on the map opens the new factor’s name field: typing names it, Escape keeps “New factor”', async ({
  browser,
  host,
}) => {
  const kim = await newPerson(browser, 'Kim');
  const ben = await newPerson(browser, 'Ben');
  const { page } = kim;
  const link = await createMap(page, host.url, 'Keys');
  await openLink(ben.page, link);
  await focusMap(page);
  await page.keyboard.press('f');
  const field = page.getByRole('textbox', { name: 'Rename factor' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('New factor');
  await page.keyboard.type('Household savings');
  await page.keyboard.press('Enter');
  await expect(field).toBeHidden();
  await expect(mapArea(page)).toBeFocused();
  await expectCounts(page, 1, 0);
  await expect(outline(page).getByRole('button', { name: 'Household savings' })).toBeVisible();
  await expect(outline(ben.page).getByRole('button', { name: 'Household savings' })).toBeVisible();
  // The kind chosen for double-click is still Factor (no shortcut ran).
  await expect(page.getByRole('button', { name: 'Add factor' })).toHaveClass(/chosen/);

  // Escape: the factor keeps its default name, and the keys are the map's again.
  await page.keyboard.press('f');
  await expect(field).toBeFocused();
  await page.keyboard.type('Gone');
  await page.keyboard.press('Escape');
  await expect(field).toBeHidden();
  await expect(mapArea(page)).toBeFocused();
  await expectCounts(page, 2, 0);
  await expect(outline(page).getByRole('button', { name: 'New factor' })).toBeVisible();
  await page.keyboard.press('a');
  await expectCounts(page, 3, 0);
  await kim.context.close();
  await ben.context.close();
});
