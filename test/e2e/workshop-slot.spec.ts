import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, REPO } from '../support/fixtures';
import { elementId, expectCounts, mapArea, openView } from '../support/app';
import { closeAll, startWorkshop } from '../support/workshop';

/**
 * Issue 15, items 19 and 20: the session has a slot of its own that never covers the map, takes
 * no room while no session runs, and whose coming never moves what is on the map (the view
 * follows the map's box); at 1024×640 the whole title bar fits.
 */

const box = async (page: Page) => {
  const b = (await mapArea(page).boundingBox())!;
  return {
    x: Math.round(b.x),
    y: Math.round(b.y),
    w: Math.round(b.width),
    h: Math.round(b.height),
  };
};

/** Where a page draws an element's centre (page CSS px), once it has stopped moving. */
async function settledCentre(page: Page, id: string): Promise<{ x: number; y: number }> {
  const centre = () =>
    page.evaluate(
      (i) =>
        (
          window as unknown as {
            __weavemap: { editor: { elementCenter(id: string): { x: number; y: number } } };
          }
        ).__weavemap.editor.elementCenter(i),
      id,
    );
  let point = { x: -1e6, y: -1e6 };
  await expect
    .poll(async () => {
      const before = point;
      point = await centre();
      return Math.abs(point.x - before.x) + Math.abs(point.y - before.y) < 0.5;
    })
    .toBe(true);
  return point;
}

test('at 1024×640 the session slot takes no room until a session runs, and never covers or moves the map; the toolbar fits', async ({
  browser,
  host,
}) => {
  test.setTimeout(150_000);
  const w = await startWorkshop(browser, host.url, ['Fay', 'Ana']);
  const pages = w.everyone.map((p) => p.page);
  for (const p of pages) await p.setViewportSize({ width: 1024, height: 640 });
  const [fay, ana] = pages as [Page, Page];
  // No session yet: Ana's slot takes no room at all (the facilitator's holds the controls).
  await expect
    .poll(async () => (await ana.getByTestId('session-slot').boundingBox())!.height)
    .toBe(0);
  await fay.getByRole('button', { name: 'Add factor' }).click();
  await fay.keyboard.type('Trust');
  await fay.keyboard.press('Enter');
  await expectCounts(ana, 1, 0);
  const id = await elementId(ana, 'Trust');
  const at = await settledCentre(ana, id);
  const mapBefore = await box(ana);
  // Ana is dragging Trust when the facilitator starts the session: the row appears above her
  // map, and Trust stays under her pointer on screen.
  await ana.mouse.move(at.x, at.y);
  await ana.mouse.down();
  await ana.mouse.move(at.x + 10, at.y, { steps: 2 });
  await fay.getByRole('button', { name: 'Start the session' }).click();
  await expect(ana.getByTestId('phase-title')).toHaveText('Connect');
  const slot = (await ana.getByTestId('session-slot').boundingBox())!;
  expect(slot.height).toBeGreaterThan(30);
  expect(await box(ana)).toMatchObject({ y: mapBefore.y + Math.round(slot.height) });
  const during = await settledCentre(ana, id);
  expect(Math.abs(during.x - (at.x + 10))).toBeLessThanOrEqual(1);
  expect(Math.abs(during.y - at.y)).toBeLessThanOrEqual(1);
  await ana.mouse.move(at.x + 60, at.y, { steps: 4 });
  await ana.mouse.up();
  const dropped = await settledCentre(ana, id);
  expect(Math.abs(dropped.x - (at.x + 60))).toBeLessThanOrEqual(1);
  expect(Math.abs(dropped.y - at.y)).toBeLessThanOrEqual(1);

  // While the session runs, the phase, the timer, a lock and a notice come and go: the map
  // stays put.
  await fay.getByRole('button', { name: 'Start timer' }).click();
  await ana.getByTestId('who-is-here').getByRole('button', { name: 'Not now' }).click();
  const before = await Promise.all(pages.map(box));
  await openView(fay, 'Session');
  await fay.getByRole('button', { name: 'Lock the map' }).click();
  await expect(ana.getByTestId('map-locked')).toBeVisible();
  expect(await box(ana)).toEqual(before[1]);
  await fay.getByRole('button', { name: 'Unlock the map' }).click();
  await expect(ana.getByTestId('map-locked')).toHaveCount(0);
  expect(await box(ana)).toEqual(before[1]);
  // Nothing of the session lies over the map.
  for (const p of pages) {
    const map = await box(p);
    const bar = (await p.getByTestId('session-slot').boundingBox())!;
    expect(bar.y + bar.height).toBeLessThanOrEqual(map.y + 0.5);
  }
  // The title bar fits: every control is on screen.
  for (const name of ['Commands', 'Share']) {
    const b = (await fay.getByRole('button', { name: new RegExp(`^${name}`) }).boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(1024);
  }
  const avatars = (await fay.getByRole('list', { name: 'People online' }).boundingBox())!;
  expect(avatars.x + avatars.width).toBeLessThanOrEqual(1024);
  const theme = (await fay.getByRole('button', { name: /Switch to/ }).boundingBox())!;
  expect(theme.x + theme.width).toBeLessThanOrEqual(1024);
  // The map's title keeps room to be read ("Workshop" whole, not cut to nothing).
  for (const p of pages) {
    const title = p.getByRole('heading', { level: 1 });
    await expect(title).toHaveText('Workshop');
    const fits = await title.evaluate(
      (h) => h.scrollWidth <= h.clientWidth + 1 && h.clientWidth > 40,
    );
    expect(fits).toBe(true);
  }
  await fay.screenshot({ path: join(REPO, 'docs', 'screenshots', 'session-slot-1024x640.png') });
  await closeAll(w.everyone);
});
