import { join } from 'node:path';
import { test, expect, REPO } from '../support/fixtures';
import { expectConnected, expectCounts, mapArea } from '../support/app';
import { closeAll, startWorkshop } from '../support/workshop';

/** Issue 15: a participant on a phone (390×844, touch) takes part in a session. */
test('a participant on a phone: the map keeps the screen; add and name a card by touch', async ({
  browser,
  host,
}) => {
  test.setTimeout(150_000);
  const w = await startWorkshop(browser, host.url, ['Fay']);
  const fay = w.facilitator.page;
  await fay.getByRole('button', { name: 'Start the session' }).click();
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  await context.addInitScript(() => {
    localStorage.setItem(
      'weavemap.user',
      JSON.stringify({ id: 'u-pia-phone', name: 'Pia', color: '#3cb44b' }),
    );
  });
  const phone = await context.newPage();
  await phone.goto(w.editLink);
  await expectConnected(phone);
  await expect(phone.getByTestId('phase-title')).toHaveText('Connect');
  await phone.getByTestId('who-is-here').getByRole('button', { name: 'Not now' }).tap();
  // The map has most of the screen, and nothing lies over it.
  const map = (await mapArea(phone).boundingBox())!;
  expect(map.width).toBeGreaterThan(300);
  expect(map.height).toBeGreaterThan(500);
  await phone.getByRole('button', { name: 'Add note' }).tap();
  await phone.keyboard.type('Bus passes for parents');
  await phone.keyboard.press('Enter');
  await expectCounts(fay, 1, 0);
  await phone.screenshot({ path: join(REPO, 'docs', 'screenshots', 'phone-390x844.png') });
  await context.close();
  await closeAll(w.everyone);
});
