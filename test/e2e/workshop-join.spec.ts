import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { REPO, test, expect, newPerson } from '../support/fixtures';
import { expectConnected } from '../support/app';
import type { MapSession } from '../../canvas/platform/map-session.svelte';
import { closeAll, peopleOnline, startWorkshop } from '../support/workshop';

/** Issue 15, items 11 and 21: a name asked once on joining; no two people with one colour. */

const userOf = (page: Page) =>
  page.evaluate(() => {
    const u = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session
      .user;
    return { name: u.name, color: u.color };
  });

test('a new device is asked for a name once, remembered, changed from the avatar (item 11)', async ({
  browser,
  host,
}) => {
  test.setTimeout(150_000);
  const w = await startWorkshop(browser, host.url, ['Fay']);
  const fay = w.facilitator.page;
  // A device that never used Weavemap: no name kept.
  const context = await browser.newContext({ viewport: { width: 1024, height: 640 } });
  const ana = await context.newPage();
  await ana.goto(w.editLink);
  await expectConnected(ana);
  const dialog = ana.getByRole('dialog', { name: 'Welcome! What should others call you?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Your name')).toBeFocused();
  // Fay's colour is taken.
  await expect(dialog.getByRole('radio', { name: /taken by Fay/ })).toBeDisabled();
  await dialog.getByLabel('Your name').fill('Ana Lima');
  await ana.screenshot({ path: join(REPO, 'docs', 'screenshots', 'name-prompt.png') });
  await dialog.getByRole('button', { name: 'Join' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(peopleOnline(fay)).toContainText('Ana Lima');
  expect((await userOf(ana)).color).not.toBe((await userOf(fay)).color);

  // Remembered on this device: no question the next time.
  await ana.reload();
  await expectConnected(ana);
  await expect(peopleOnline(ana)).toContainText('Ana Lima (you)');
  await expect(ana.getByTestId('name-dialog')).toHaveCount(0);

  // Clicking your own avatar changes it.
  await peopleOnline(ana).getByRole('button', { name: 'Ana Lima (you)' }).click();
  const edit = ana.getByRole('dialog', { name: 'Your name and colour' });
  await expect(edit.getByLabel('Your name')).toHaveValue('Ana Lima');
  await edit.getByLabel('Your name').fill('Ana L.');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(peopleOnline(fay)).toContainText('Ana L.');
  await context.close();
  await closeAll(w.everyone);
});

test('two people who come with one colour end up with different colours (item 21)', async ({
  browser,
  host,
}) => {
  test.setTimeout(150_000);
  const w = await startWorkshop(browser, host.url, ['Fay', 'Ana']);
  const ana = w.participants[0]!.page;
  // Ben's device kept the same colour as Ana's.
  const anaColor = (await userOf(ana)).color;
  const ben = await newPerson(browser, 'Ben', anaColor);
  await ben.page.goto(w.editLink);
  await expectConnected(ben.page);
  for (const p of [ana, ben.page, w.facilitator.page]) {
    await expect(peopleOnline(p)).toContainText('Ben');
    await expect(peopleOnline(p)).toContainText('Ana');
  }
  await expect
    .poll(async () => new Set([(await userOf(ana)).color, (await userOf(ben.page)).color]).size)
    .toBe(2);
  const colours = [await userOf(w.facilitator.page), await userOf(ana), await userOf(ben.page)];
  expect(new Set(colours.map((c) => c.color)).size).toBe(3);
  await closeAll([...w.everyone, ben]);
});
