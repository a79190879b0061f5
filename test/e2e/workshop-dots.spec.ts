import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { REPO, test, expect } from '../support/fixtures';
import { elementId, expectCounts, mapArea, openView } from '../support/app';
import type { MapRenderer } from '../../canvas/editor/index';
import { dotCenter, OTHERS_DOT_COLOR } from '../../canvas/editor/draw-votes';
import type { MapSession } from '../../canvas/platform/map-session.svelte';
import { closeAll, startWorkshop } from '../support/workshop';

/** Issue 15, item 7: dot votes are drawn as dots on the elements, on every screen. */

type Dots = Record<string, { dots: number; mine: number }>;

/** The dots this screen hands its renderer (test hook set by the session contribution). */
function dotsOn(page: Page): Promise<Dots | null> {
  return page.evaluate(() => {
    const w = window as unknown as { __weavemap: { voteDots?: () => Dots } };
    return w.__weavemap.voteDots?.() ?? null;
  });
}

/** The colour of the map canvas's pixel at the centre of an element's `i`-th dot. */
async function dotPixel(page: Page, id: string, i: number): Promise<string> {
  const box = await page.evaluate((el) => {
    const w = window as unknown as { __weavemap: { editor: { renderer: MapRenderer } } };
    const r = w.__weavemap.editor.renderer;
    const g = r.scene.elements.get(el)!;
    const k = r.getViewport().zoom;
    const p = r.mapToScreen({ x: g.x, y: g.y });
    return { x: p.x, y: p.y, w: g.w * k, h: g.h * k };
  }, id);
  const c = dotCenter(box, i);
  return mapArea(page)
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement, at) => {
      const dpr = canvas.width / canvas.getBoundingClientRect().width;
      const d = canvas
        .getContext('2d')!
        .getImageData(Math.round(at.x * dpr), Math.round(at.y * dpr), 1, 1).data;
      return '#' + [d[0], d[1], d[2]].map((v) => v!.toString(16).padStart(2, '0')).join('');
    }, c);
}

const myColor = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session.user.color,
  );

test('dots placed in a vote are drawn on the elements: your own first, everyone’s once revealed (item 7)', async ({
  browser,
  host,
}) => {
  test.setTimeout(180_000);
  const w = await startWorkshop(browser, host.url, ['Fay', 'Ana', 'Ben']);
  const [fay, ana, ben] = w.everyone.map((p) => p.page) as [Page, Page, Page];
  for (const name of ['Trust', 'Funding']) {
    await fay.getByRole('button', { name: 'Add factor' }).click();
    await fay.keyboard.type(name);
    await fay.keyboard.press('Enter');
  }
  for (const p of [ana, ben]) await expectCounts(p, 2, 0);
  const trust = await elementId(fay, 'Trust');
  const funding = await elementId(fay, 'Funding');
  await openView(fay, 'Session');
  const form = fay.getByRole('form', { name: 'Open a vote' });
  await form.getByLabel('Vote on').selectOption('factor');
  await form.getByRole('button', { name: 'Open vote' }).click();

  // Through the Session view: Ana two dots on Trust, Ben one on Funding.
  for (const [p, label, n] of [
    [ana, 'Trust', 2],
    [ben, 'Funding', 1],
  ] as const) {
    await openView(p, 'Session');
    for (let i = 0; i < n; i++)
      await p.getByRole('button', { name: `Place a dot on ${label}` }).click();
  }
  // Before the reveal each person sees their own dots on the map, in their colour; no one else's.
  await expect.poll(() => dotsOn(ana)).toEqual({ [trust]: { dots: 2, mine: 2 } });
  await expect.poll(() => dotsOn(ben)).toEqual({ [funding]: { dots: 1, mine: 1 } });
  await expect.poll(() => dotsOn(fay)).toEqual({});
  const anaColor = await myColor(ana);
  await expect.poll(() => dotPixel(ana, trust, 1)).toBe(anaColor);

  // Revealed: every screen draws everyone's dots.
  await fay.getByRole('button', { name: 'Reveal results' }).click();
  const all = { [trust]: { dots: 2, mine: 0 }, [funding]: { dots: 1, mine: 0 } };
  await expect.poll(() => dotsOn(fay)).toEqual(all);
  await expect.poll(() => dotsOn(ana)).toEqual({ ...all, [trust]: { dots: 2, mine: 2 } });
  await expect.poll(() => dotsOn(ben)).toEqual({ ...all, [funding]: { dots: 1, mine: 1 } });
  await expect.poll(() => dotPixel(fay, trust, 1)).toBe(OTHERS_DOT_COLOR);
  await expect.poll(() => dotPixel(fay, funding, 0)).toBe(OTHERS_DOT_COLOR);
  await ana.screenshot({ path: join(REPO, 'docs', 'screenshots', 'vote-dots.png') });
  await closeAll(w.everyone);
});
