import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, REPO } from '../support/fixtures';
import { mapArea, openView } from '../support/app';
import { closeAll, startWorkshop } from '../support/workshop';

/**
 * Issue 15, items 19 and 20: the session has a slot of its own that never covers or moves the
 * map, and at 1024×640 the whole title bar fits.
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

test('at 1024×640 the session slot never covers or moves the map; the toolbar fits', async ({
  browser,
  host,
}) => {
  test.setTimeout(150_000);
  const w = await startWorkshop(browser, host.url, ['Fay', 'Ana']);
  const pages = w.everyone.map((p) => p.page);
  for (const p of pages) await p.setViewportSize({ width: 1024, height: 640 });
  const [fay, ana] = pages as [Page, Page];
  const before = await Promise.all(pages.map(box));
  // The phase, the timer, a lock and a notice come and go: the map stays put.
  await fay.getByRole('button', { name: 'Start the session' }).click();
  await fay.getByRole('button', { name: 'Start timer' }).click();
  for (const p of pages) await expect(p.getByTestId('phase-title')).toHaveText('Connect');
  await ana.getByTestId('who-is-here').getByRole('button', { name: 'Not now' }).click();
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
  await fay.screenshot({ path: join(REPO, 'docs', 'screenshots', 'session-slot-1024x640.png') });
  await closeAll(w.everyone);
});
