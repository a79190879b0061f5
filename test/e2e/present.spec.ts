import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, newPerson, REPO } from '../support/fixtures';
import { expectConnected } from '../support/app';
import { seedRoom, writeNative } from '../support/seed';
import { expectLegible, labelLayout } from '../support/legibility';
import { workshopMap30 } from '../../shared/examples/workshop-30';
import { openAsKnownUser } from '../support/known-user';

/**
 * Present mode (issue #14): the map alone, full window, fitted so that every label reads; on a
 * view link it follows the facilitator; Esc leaves.
 */

const SHOTS = join(REPO, 'docs', 'screenshots');
const workshop = workshopMap30();
const labelled = workshop.elements.filter((e) => e.label).map((e) => String(e.id));

type Hooked = {
  __weavemap: {
    editor: {
      renderer: {
        getViewport(): {
          rect: { x: number; y: number; width: number; height: number };
          zoom: number;
        };
        zoomTo(k: number, c: { x: number; y: number }, ms: number): void;
      };
    };
  };
};

const viewport = (page: Page) =>
  page.evaluate(() => (window as unknown as Hooked).__weavemap.editor.renderer.getViewport());

/** Every part of the workbench but the map is hidden, and the map fills the window. */
async function expectOnlyTheMap(page: Page, width: number, height: number): Promise<void> {
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeHidden();
  await expect(page.getByRole('contentinfo', { name: 'Status bar' })).toBeHidden();
  await expect(page.getByTestId('session-slot')).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeHidden();
  await expect(page.getByLabel('Map title')).toBeHidden();
  await expect
    .poll(() => page.locator('.map canvas').evaluate((c) => [c.clientWidth, c.clientHeight]))
    .toEqual([width, height]);
}

for (const [width, height, theme] of [
  [1280, 720, 'light'],
  [1024, 640, 'dark'],
] as const) {
  test(`a 30-element workshop map in present mode at ${width}x${height} (${theme}): full window, every label legible, Esc leaves`, async ({
    browser,
    host,
  }) => {
    test.setTimeout(120_000);
    const room = await seedRoom(host.url, 'Workshop', (ctx) => writeNative(ctx, workshop));
    const { context, page } = await openAsKnownUser(
      browser,
      { width, height },
      theme,
      'Fay',
      room.editLink,
    );
    await expectConnected(page);
    await expect(page.getByTestId('status-counts')).toContainText('30 elements');
    await page.getByRole('application', { name: 'Map editor' }).focus();
    await page.keyboard.press('F5');
    await expectOnlyTheMap(page, width, height);
    // The fit has landed (250 ms animation): the zoom stops changing.
    let last = -1;
    await expect
      .poll(async () => {
        const z = (await viewport(page)).zoom;
        const still = Math.abs(z - last) < 1e-6;
        last = z;
        return still;
      })
      .toBe(true);
    await expect(page.getByTestId('present-hint')).toBeHidden({ timeout: 10_000 });
    const layout = await labelLayout(page);
    await page.screenshot({
      path: join(SHOTS, `present-workshop-${width}x${height}-${theme}.png`),
    });
    expectLegible(layout, labelled, { width, height });

    await page.keyboard.press('Escape');
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await expect(page.getByRole('contentinfo', { name: 'Status bar' })).toBeVisible();
    await context.close();
  });
}

test('a view link opened in present mode follows the facilitator until the viewer moves', async ({
  browser,
  host,
}) => {
  test.setTimeout(120_000);
  const room = await seedRoom(host.url, 'Workshop', (ctx) => writeNative(ctx, workshop));
  const fay = await newPerson(browser, 'Fay');
  await fay.page.goto(room.facilitatorLink);
  await expectConnected(fay.page);
  await expect(fay.page.getByTestId('status-counts')).toContainText('30 elements');
  // Someone with an edit link is in the room too: the projector follows the facilitator only.
  const ana = await newPerson(browser, 'Ana');
  await ana.page.goto(room.editLink);
  await expectConnected(ana.page);

  const projector = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const screen = await projector.newPage();
  await screen.goto(`${room.viewLink}&present`);
  await expectOnlyTheMap(screen, 1280, 720);
  await expect(screen.getByTestId('following')).toContainText('Following Fay');

  // Fay zooms in on one corner of the map; the projector goes there.
  await fay.page.evaluate(() =>
    (window as unknown as Hooked).__weavemap.editor.renderer.zoomTo(1.1, { x: 1500, y: 700 }, 0),
  );
  await expect
    .poll(async () => {
      const v = await viewport(screen);
      return [
        Math.round(v.rect.x + v.rect.width / 2),
        Math.round(v.rect.y + v.rect.height / 2),
        Math.round(v.zoom * 100),
      ];
    })
    .toEqual([1500, 700, 110]);

  // The viewer pans: they stop following and are not pulled back.
  const map = screen.getByRole('application', { name: 'Map editor' });
  const box = (await map.boundingBox())!;
  await screen.mouse.move(box.x + 600, box.y + 400);
  await screen.mouse.down();
  await screen.mouse.move(box.x + 500, box.y + 300, { steps: 4 });
  await screen.mouse.up();
  await expect(screen.getByTestId('following')).toBeHidden();
  await fay.page.evaluate(() =>
    (window as unknown as Hooked).__weavemap.editor.renderer.zoomTo(0.5, { x: 200, y: 200 }, 0),
  );
  // Once the projector has Fay's new view, it still shows its own.
  await expect
    .poll(() =>
      screen.evaluate(
        () =>
          (
            window as unknown as {
              __weavemap: {
                session: { peers: { user: { name: string }; viewport: { k: number } | null }[] };
              };
            }
          ).__weavemap.session.peers.find((p) => p.user.name === 'Fay')?.viewport?.k,
      ),
    )
    .toBe(0.5);
  expect((await viewport(screen)).zoom).not.toBeCloseTo(0.5, 2);
  await expect(screen.getByTestId('following')).toBeHidden();

  await screen.keyboard.press('Escape');
  await expect(screen.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await projector.close();
  await fay.context.close();
  await ana.context.close();
});
