import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures';
import { focusMap } from '../support/app';
import type { MapSession } from '../../canvas/platform/map-session.svelte';
import type { MapRenderer } from '../../canvas/editor/index';
import { test } from '../support/workshop';

/** Issue 15, item 5: dragging into and out of frames, and frames carrying their members. */

interface Rec {
  id: string;
  parent: string | null;
  x: number;
  y: number;
}

/** An element by label, read from the page's map. */
function rec(page: Page, label: string): Promise<Rec | null> {
  return page.evaluate((l) => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
    const e = [...s.snapshot.elements.values()].find((x) => x.label === l);
    return e ? { id: e.id, parent: e.parent ?? null, x: e.position[0], y: e.position[1] } : null;
  }, label);
}

/** Where an element is drawn on the page (CSS px), read from the renderer. */
function screenBox(page: Page, id: string) {
  return page.evaluate((i) => {
    const w = window as unknown as {
      __weavemap: {
        editor: {
          renderer: MapRenderer;
          elementCenter(id: string): { x: number; y: number } | null;
        };
      };
    };
    const r = w.__weavemap.editor.renderer;
    const g = r.scene.elements.get(i)!;
    const k = r.getViewport().zoom;
    const c = w.__weavemap.editor.elementCenter(i)!;
    return { x: c.x - (g.w * k) / 2, y: c.y - (g.h * k) / 2, w: g.w * k, h: g.h * k };
  }, id);
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

async function add(page: Page, key: string, label: string) {
  await focusMap(page);
  await page.keyboard.press(key);
  // The new element's name field opens at once.
  await expect(page.getByRole('textbox', { name: /^Rename / })).toBeFocused();
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await rec(page, label))?.id).toBeTruthy();
}

test('an element dragged into a frame is in it, moves with it, and leaves it when dragged out (item 5)', async ({
  fayAndAna,
}) => {
  test.setTimeout(150_000);
  const { fay, ana } = fayAndAna;
  await add(ana, 'g', 'Ideas');
  await add(ana, 'f', 'Rain');
  const frame = (await rec(ana, 'Ideas'))!;
  const before = (await rec(ana, 'Rain'))!;
  expect(before.parent).toBeNull();

  // Into the frame: membership on every screen.
  const fb = await screenBox(ana, frame.id);
  const rb = await screenBox(ana, before.id);
  await drag(
    ana,
    { x: rb.x + rb.w / 2, y: rb.y + rb.h / 2 },
    { x: fb.x + fb.w / 2, y: fb.y + fb.h / 2 },
  );
  await expect.poll(async () => (await rec(fay, 'Rain'))?.parent).toBe(frame.id);

  // One undo step takes back both the move and the membership, everywhere; redo puts both back.
  await ana.keyboard.press('Control+z');
  await expect.poll(async () => await rec(fay, 'Rain')).toEqual(before);
  await ana.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await rec(fay, 'Rain'))?.parent).toBe(frame.id);
  const inside = (await rec(fay, 'Rain'))!;

  // Moving the frame (by its title bar) carries its member.
  const fb2 = await screenBox(ana, frame.id);
  const title = { x: fb2.x + fb2.w / 2, y: fb2.y + 8 };
  await drag(ana, title, { x: title.x - 150, y: title.y + 60 });
  await expect
    .poll(async () => {
      const r = (await rec(fay, 'Rain'))!;
      return [r.x - inside.x, r.y - inside.y].map((d) => Math.abs(d) > 50);
    })
    .toEqual([true, true]);
  expect((await rec(fay, 'Rain'))!.parent).toBe(frame.id);

  // Dragged out of it: no longer in the frame, on every screen.
  const rb3 = await screenBox(ana, inside.id);
  const start = { x: rb3.x + rb3.w / 2, y: rb3.y + rb3.h / 2 };
  await drag(ana, start, { x: start.x + 420, y: start.y + 200 });
  await expect.poll(async () => (await rec(fay, 'Rain'))?.parent).toBeNull();
});
