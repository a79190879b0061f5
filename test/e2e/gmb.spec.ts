import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, REPO } from '../support/fixtures';
import { openView, runFromPalette } from '../support/app';
import { closeAll, startWorkshop } from '../support/workshop';

/**
 * Group model building scripts in the browser: the facilitator adds the Graphs over Time script
 * to the agenda; a participant (her own browser context) opens the script's aid, sketches how a factor changed over time with the mouse and adds the card; another
 * participant sees the card, with the same sketch, drawn on the map.
 */

const SHOTS = join(REPO, 'docs', 'screenshots');

interface CardState {
  id: string;
  kind: string;
  points: [number, number][];
  drawn: boolean;
}

/** The card labelled `label` as this screen has it: record, sketch and whether the map draws it. */
function card(page: Page, label: string): Promise<CardState | null> {
  return page.evaluate((l) => {
    const w = window as unknown as {
      __weavemap: {
        session: {
          snapshot: {
            elements: Map<
              string,
              { id: string; label: string; kind: string; extra: Record<string, unknown> }
            >;
          };
        };
        editor: {
          renderer: { scene: { elements: Map<string, unknown>; isHidden(id: string): boolean } };
        };
      };
    };
    const el = [...w.__weavemap.session.snapshot.elements.values()].find((e) => e.label === l);
    if (!el) return null;
    const scene = w.__weavemap.editor.renderer.scene;
    const sketch = el.extra['sketch'] as { points: [number, number][] } | undefined;
    return {
      id: el.id,
      kind: el.kind,
      points: sketch?.points ?? [],
      drawn: scene.elements.has(el.id) && !scene.isHidden(el.id),
    };
  }, label);
}

test('a Graphs-over-Time card drawn by one participant appears for another', async ({
  browser,
  host,
}) => {
  test.setTimeout(180_000);
  const w = await startWorkshop(browser, host.url, ['Fay', 'Ana', 'Ben'], 'Readiness');
  const [ana, ben] = w.participants as [(typeof w.participants)[0], (typeof w.participants)[0]];
  const fay = w.facilitator;

  // The facilitator sets up the agenda and adds the script as a phase; it says what to ask.
  await openView(fay.page, 'Session');
  await fay.page.getByRole('button', { name: 'Set up the agenda' }).click();
  await fay.page.getByLabel('Add a group model building script').selectOption('graphs-over-time');
  await expect(fay.page.getByText('It asks: “Pick one factor that matters here')).toBeVisible();
  await fay.page.getByTestId('add-script').click();
  await expect(
    fay.page.getByTestId('agenda-phase').filter({ hasText: 'Graphs over Time' }),
  ).toHaveCount(1);

  // Ana opens the aid from the palette (anyone may draw one) and sketches a rise and fall.
  await runFromPalette(ana.page, 'Draw a Graph over Time');
  const dialog = ana.page.getByRole('dialog', { name: 'A graph over time' });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('gmb-sketch-label').fill('Trust over time');
  const box = (await dialog.getByTestId('gmb-sketch-pad').boundingBox())!;
  await ana.page.mouse.move(box.x + 5, box.y + box.height - 5);
  await ana.page.mouse.down();
  for (let i = 1; i <= 20; i++) {
    const f = i / 20;
    // Up to the top at the middle, then down to half height.
    const v = f <= 0.5 ? f * 2 : 1 - (f - 0.5);
    await ana.page.mouse.move(box.x + 5 + f * (box.width - 10), box.y + (1 - v) * box.height, {
      steps: 2,
    });
  }
  await ana.page.mouse.up();
  await dialog.getByTestId('gmb-sketch-save').click();
  await expect(dialog).toBeHidden();

  await expect
    .poll(async () => (await card(ana.page, 'Trust over time'))?.points.length ?? 0)
    .toBeGreaterThan(10);
  const mine = (await card(ana.page, 'Trust over time'))!;
  expect(mine.kind).toBe('note');
  // The sketch rises to the top near the middle and ends lower.
  const top = Math.max(...mine.points.map((p) => p[1]));
  expect(top).toBeGreaterThan(0.9);
  expect(mine.points.at(-1)![1]).toBeLessThan(0.75);
  expect(mine.points[0]![1]).toBeLessThan(0.1);

  // Ben sees the same card with the same sketch, drawn on his map.
  await expect
    .poll(() => card(ben.page, 'Trust over time'), { timeout: 20_000 })
    .toEqual({
      ...mine,
      drawn: true,
    });
  // What Ben sees (docs/screenshots/graph-over-time.png): the card with its chart on the map.
  await ben.page.keyboard.press('Escape');
  mkdirSync(SHOTS, { recursive: true });
  await ben.page.screenshot({ path: join(SHOTS, 'graph-over-time.png') });
  await closeAll(w.everyone);
});
