import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, newPerson, REPO } from '../support/fixtures';
import { elementId, openView } from '../support/app';

/**
 * Story mode in the browser: the facilitator (her own browser context) records a story of five
 * steps on the example map through the Story view, each step revealing what she clicked, and
 * plays it for everyone; a participant (another context) sees each step's caption and exactly
 * the elements revealed so far while the facilitator steps on with Page Down, and her view moves
 * with each step (read through the map's test hook: where her viewport is, what it frames). The
 * fourth step keeps a what-if moment: the participant's screen computes it in the simulation
 * worker and marks the factors it moved. The story then exports as a web page. A screenshot of
 * a step goes to docs/screenshots/.
 */

const SHOTS = join(REPO, 'docs', 'screenshots');

async function openAndConnect(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByTestId('status-server')).toHaveText('Host: connected', {
    timeout: 30_000,
  });
}

/** Clicks an element on the map where this screen draws it (as a person selects it). */
async function clickElement(page: Page, id: string): Promise<void> {
  const at = await page.evaluate(
    (x) =>
      (
        window as unknown as {
          __weavemap: { editor: { elementCenter(id: string): { x: number; y: number } | null } };
        }
      ).__weavemap.editor.elementCenter(x),
    id,
  );
  expect(at).not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (window as unknown as { __weavemap: { workbench: { selection: string[] } } }).__weavemap
            .workbench.selection,
      ),
    )
    .toEqual([id]);
}

/** Which of `ids` this screen's map hides now (what the renderer leaves undrawn). */
function hiddenOf(page: Page, ids: readonly string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const r = (
      window as unknown as {
        __weavemap: { editor: { renderer: { scene: { isHidden(id: string): boolean } } } };
      }
    ).__weavemap.editor.renderer;
    return list.filter((id) => r.scene.isHidden(id));
  }, ids);
}

function allElementIds(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...(
      window as unknown as {
        __weavemap: { session: { snapshot: { elements: Map<string, unknown> } } };
      }
    ).__weavemap.session.snapshot.elements.keys(),
  ]);
}

interface Framing {
  /** The viewport's centre and zoom, as the map's test hook reports them. */
  readonly at: string;
  /** Whether all of `ids` lie inside the visible rectangle. */
  readonly inView: boolean;
}

/** Where this screen's view is, and whether it frames `ids` whole. */
function framing(page: Page, ids: readonly string[]): Promise<Framing> {
  return page.evaluate((list) => {
    interface Editor {
      viewport(): { x: number; y: number; zoom: number };
      renderer: {
        getViewport(): { rect: { x: number; y: number; width: number; height: number } };
        scene: { elements: Map<string, { x: number; y: number; w: number; h: number }> };
      };
    }
    const e = (window as unknown as { __weavemap: { editor: Editor } }).__weavemap.editor;
    const v = e.viewport();
    const r = e.renderer.getViewport().rect;
    const inView = list.every((id) => {
      const g = e.renderer.scene.elements.get(id);
      return (
        !!g && g.x >= r.x && g.y >= r.y && g.x + g.w <= r.x + r.width && g.y + g.h <= r.y + r.height
      );
    });
    return { at: `${v.x.toFixed(1)},${v.y.toFixed(1)}@${v.zoom.toFixed(4)}`, inView };
  }, ids);
}

/**
 * Waits until this screen's view has moved away from `before`, frames `ids` and has settled (two
 * readings alike); returns where it settled.
 */
async function followed(page: Page, before: string, ids: readonly string[]): Promise<string> {
  let last = '';
  await expect
    .poll(
      async () => {
        const f = await framing(page, ids);
        const settled = f.at === last;
        last = f.at;
        return f.at !== before && f.inView && settled;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return last;
}

/** The what-if marks this screen's map holds (the what-if layer's count). */
function whatIfMarks(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (
        window as unknown as {
          __weavemap: { editor: { renderer: { whatIf: { stats(): { marks: number } } } } };
        }
      ).__weavemap.editor.renderer.whatIf.stats().marks,
  );
}

const STEPS = [
  [
    'Children entering kindergarten ready to learn',
    'Where we want to be: children ready for school.',
  ],
  ['Parent engagement in early learning', 'Parents’ engagement drives readiness.'],
  ['Reading at home', 'Engaged parents read at home, and reading builds engagement: a loop.'],
  ['Trust between parents and providers', 'Trust is what lets parents engage.'],
] as const;

test('a story of five steps recorded by the facilitator plays for a participant', async ({
  browser,
  host,
}) => {
  test.setTimeout(240_000);
  const fay = await newPerson(browser, 'Fay', '#911eb4');
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  await fay.page.goto(host.url);
  await fay.page.getByRole('button', { name: 'Open the example map' }).click();
  await expect(fay.page.getByTestId('status-server')).toHaveText('Host: connected', {
    timeout: 30_000,
  });
  const roomId = await fay.page.evaluate(
    () =>
      (window as unknown as { __weavemap: { session: { roomId: string } } }).__weavemap.session
        .roomId,
  );
  const editLink = await fay.page.evaluate(
    (id) =>
      (JSON.parse(localStorage.getItem(`weavemap.links.${id}`) ?? '{}') as { editLink?: string })
        .editLink ?? '',
    roomId,
  );
  await openAndConnect(ana.page, editLink);

  // Ana (edit link) sees the Story view but cannot record or play.
  await openView(ana.page, 'Story');
  await expect(ana.page.getByTestId('story-view')).toContainText('No story yet');
  await expect(ana.page.getByTestId('story-create')).toHaveCount(0);

  // Fay records five steps.
  await openView(fay.page, 'Story');
  await fay.page.getByTestId('story-new-title').fill('How readiness stalls');
  await fay.page.getByTestId('story-create').click();
  const ids: string[] = [];
  for (const [i, [label, caption]] of STEPS.entries()) {
    const id = await elementId(fay.page, label);
    ids.push(id);
    await clickElement(fay.page, id);
    if (i === 3) {
      // Keep a what-if moment: push this factor up and run it on Fay's screen first.
      await openView(fay.page, 'What if');
      await fay.page.getByTestId('sim-push-up').click();
      await fay.page.getByTestId('sim-run').click();
      await expect(fay.page.getByTestId('sim-run-state')).toBeVisible();
      await openView(fay.page, 'Story');
    }
    await fay.page.getByTestId('story-caption-input').fill(caption);
    if (i === 3) await fay.page.getByLabel('The what-if moment on screen').check();
    if (i === 2) {
      // Highlight the first loop the map has.
      const loop = fay.page.getByLabel('Highlight a loop');
      const first = await loop.locator('option').nth(1).getAttribute('value');
      await loop.selectOption(first!);
    }
    await fay.page.getByTestId('story-record').click();
    await expect(fay.page.getByTestId('story-steps').locator('li')).toHaveCount(i + 1);
  }
  await fay.page.getByLabel('everything in view').check();
  await fay.page.getByTestId('story-caption-input').fill('The whole system, all at once.');
  await fay.page.getByTestId('story-record').click();
  await expect(fay.page.getByTestId('story-steps').locator('li')).toHaveCount(5);
  await expect(fay.page.getByTestId('story-steps').locator('li').nth(3)).toContainText('what-if');
  // Fay's own run goes; the story brings its moment back at step 4.
  await openView(fay.page, 'What if');
  await fay.page.getByTestId('sim-stop').click();
  await openView(fay.page, 'Story');
  // Ana's Story view lists it too (it lives in the map document).
  await expect(ana.page.getByTestId('story-view')).toContainText('How readiness stalls');

  const every = await allElementIds(ana.page);
  let view = (await framing(ana.page, [])).at;
  await fay.page.getByTestId('story-play').click();
  for (let step = 0; step < 5; step++) {
    const caption = step < 4 ? STEPS[step]![1] : 'The whole system, all at once.';
    await expect(ana.page.getByTestId('story-caption-text')).toHaveText(caption, {
      timeout: 15_000,
    });
    await expect(ana.page.getByTestId('story-caption')).toContainText(`step ${step + 1} of 5`);
    if (step < 4) {
      const revealed = ids.slice(0, step + 1);
      // Exactly what the steps so far revealed is drawn; everything else is hidden.
      await expect.poll(() => hiddenOf(ana.page, revealed)).toEqual([]);
      await expect
        .poll(async () => (await hiddenOf(ana.page, every)).length)
        .toBe(every.length - revealed.length);
    } else {
      // The last step revealed everything in Fay's view: more than the four clicked.
      await expect
        .poll(async () => every.length - (await hiddenOf(ana.page, every)).length)
        .toBeGreaterThan(4);
    }
    // Ana's view moved with the step and frames what it revealed (the clicked elements).
    view = await followed(ana.page, view, ids.slice(0, Math.min(step + 1, 4)));
    if (step === 3) {
      // The step's what-if moment, computed in the worker on Ana's screen, marks factors.
      const caption = ana.page.getByTestId('story-caption');
      await expect(caption).toHaveAttribute('data-whatif-worker', '1');
      await expect(caption).not.toHaveAttribute('data-whatif-marks', '0');
      await expect.poll(() => whatIfMarks(ana.page)).toBeGreaterThan(0);
    } else {
      await expect.poll(() => whatIfMarks(ana.page)).toBe(0);
    }
    if (step === 2) {
      mkdirSync(SHOTS, { recursive: true });
      await ana.page.screenshot({ path: join(SHOTS, 'story-step.png') });
    }
    // The facilitator steps on from the keyboard (what a presentation clicker sends).
    if (step < 4) await fay.page.keyboard.press('PageDown');
  }
  // Page Up goes back one step for everyone.
  await fay.page.keyboard.press('PageUp');
  await expect(ana.page.getByTestId('story-caption-text')).toHaveText(STEPS[3][1]);
  await followed(ana.page, view, ids);
  await expect.poll(() => whatIfMarks(ana.page)).toBeGreaterThan(0);
  // Ana's keys do not drive it.
  await ana.page.keyboard.press('PageDown');
  await expect(fay.page.getByTestId('story-caption')).toContainText('step 4 of 5');

  // The story as a web page: five steps with their captions and pictures, nothing outside.
  const download = fay.page.waitForEvent('download');
  await fay.page.getByTestId('story-export').click();
  const file = await (await download).path();
  const html = readFileSync(file, 'utf8');
  for (let n = 1; n <= 5; n++) expect(html).toContain(`<section id="step-${n}"`);
  for (const [, caption] of STEPS) expect(html).toContain(caption.replace('’', '’'));
  expect((html.match(/<svg /g) ?? []).length).toBe(5);
  expect(html).not.toMatch(/<script|<link|src=/i);

  // Stop: the caption goes and the whole map shows again on Ana's screen.
  await fay.page.getByTestId('story-stop').click();
  await expect(ana.page.getByTestId('story-caption')).toHaveCount(0);
  await expect.poll(() => hiddenOf(ana.page, every)).toEqual([]);
  await fay.context.close();
  await ana.context.close();
});
