import type { Page } from '@playwright/test';
import { test, expect, newPerson } from '../support/fixtures';
import {
  createMap,
  editorState,
  elementId,
  expectConnected,
  expectCounts,
  focusMap,
  inspector,
  inspectorField,
  mapArea,
  openLink,
  outline,
  runFromPalette,
} from '../support/app';
import type { MapSession } from '../../canvas/platform/map-session.svelte';
import { schoolReadinessExample as example } from '../../shared/examples/school-readiness';

/**
 * The workbench as people use it: toolbar, keyboard, palette, quick open, inspector, the
 * Activity feed, others' cursors and selections, follow, copy and paste, the tidy layout.
 */

/** Causal connections as "from → to polarity", by label, read from the page's map. */
function connections(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
    const snap = s.snapshot;
    return [...snap.connections.values()]
      .map(
        (c) =>
          `${snap.elements.get(c.from)?.label} → ${snap.elements.get(c.to)?.label} ${c.polarity ?? c.kind}`,
      )
      .sort();
  });
}

/** Names the element just added: its name field is open at once, typing fills it, Enter. */
async function nameNew(page: Page, label: string) {
  const box = page.getByRole('textbox', { name: /^Rename / });
  await expect(box).toBeFocused();
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
  await expect(box).toBeHidden();
  await expect(mapArea(page)).toBeFocused();
}

async function rename(page: Page, label: string) {
  await page.keyboard.press('Enter');
  const box = page.getByRole('textbox', { name: /^Rename / });
  await expect(box).toBeFocused();
  await box.fill(label);
  await box.press('Enter');
  await expect(box).toBeHidden();
  await expect(mapArea(page)).toBeFocused();
}

test('a new person goes from the home screen to a map that persists', async ({ browser, host }) => {
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const { page } = ana;
  await page.goto(host.url);
  await page.getByLabel('Map title').fill('Our school readiness map');
  await page.getByRole('button', { name: 'Create map' }).click();
  await expectConnected(page);
  await expect(page.getByTestId('status-title')).toHaveText('Our school readiness map');

  // Three elements of different kinds from the toolbar; each new one is selected.
  await page.getByRole('button', { name: 'Add factor' }).click();
  await page.getByRole('button', { name: 'Add actor' }).click();
  await page.getByRole('button', { name: 'Add intervention' }).click();
  await expectCounts(page, 3, 0);
  await expect(outline(page).getByRole('heading', { name: 'Factors (1)' })).toBeVisible();
  await expect(
    outline(page).getByRole('heading', { name: 'Actors (1)', exact: true }),
  ).toBeVisible();
  await expect(outline(page).getByRole('heading', { name: 'Interventions (1)' })).toBeVisible();

  // Rename each on the map with the inline editor (select in the outline, focus the map, Enter).
  const names: [string, string][] = [
    ['New factor', 'Parent engagement'],
    ['New actor', 'Public libraries'],
    ['New intervention', 'Story times'],
  ];
  for (const [from, to] of names) {
    await outline(page).getByRole('button', { name: from }).click();
    await focusMap(page);
    await rename(page, to);
    await expect(outline(page).getByRole('button', { name: to })).toBeVisible();
  }

  // Connect with a + link (toolbar: pick the source, then the target) and a - link (keys).
  await outline(page).getByRole('button', { name: 'Public libraries' }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByTestId('connect-hint')).toContainText(
    'Connecting from “Public libraries”',
  );
  await outline(page).getByRole('button', { name: 'Parent engagement' }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectCounts(page, 3, 1);
  await expect(inspectorField(page, 'Polarity')).toHaveValue('+');

  await outline(page).getByRole('button', { name: 'Story times' }).click();
  await focusMap(page);
  await page.keyboard.press('c');
  await outline(page).getByRole('button', { name: 'Parent engagement' }).click();
  await focusMap(page);
  await page.keyboard.press('c');
  await expectCounts(page, 3, 2);
  await page.keyboard.press('-');
  await expect(inspectorField(page, 'Polarity')).toHaveValue('-');
  expect(await connections(page)).toEqual([
    'Public libraries → Parent engagement +',
    'Story times → Parent engagement -',
  ]);
  // The Activity feed said it, live.
  const feed = page.getByRole('log', { name: 'Activity feed' });
  await expect(feed).toContainText('You connected “Story times” → “Parent engagement” (+)');
  await expect(feed).toContainText('You made “Story times” → “Parent engagement” −');

  // Undo the polarity change, then redo it.
  await page.keyboard.press('Control+z');
  await expect(inspectorField(page, 'Polarity')).toHaveValue('+');
  await page.keyboard.press('Control+Shift+z');
  await expect(inspectorField(page, 'Polarity')).toHaveValue('-');

  // Everything is there after a reload.
  await expect(page.getByTestId('status-saved')).toHaveText('Saved');
  await page.reload();
  await expectConnected(page);
  await expectCounts(page, 3, 2);
  for (const [, to] of names)
    await expect(outline(page).getByRole('button', { name: to })).toBeVisible();
  expect(await connections(page)).toEqual([
    'Public libraries → Parent engagement +',
    'Story times → Parent engagement -',
  ]);
  await ana.context.close();
});

test('keyboard only: create two elements and connect them', async ({ browser, host }) => {
  const kim = await newPerson(browser, 'Kim');
  const { page } = kim;
  await createMap(page, host.url, 'Keys only');
  await focusMap(page);
  await page.keyboard.press('f');
  await expectCounts(page, 1, 0);
  await nameNew(page, 'Trust');
  await page.keyboard.press('a'); // an actor, placed beside the selected factor
  await expectCounts(page, 2, 0);
  await nameNew(page, 'Parents');
  // Connect from Parents: start, move to Trust with an arrow, finish with Enter; then make it -.
  await page.keyboard.press('c');
  await expect(page.getByTestId('connect-hint')).toContainText('Connecting from “Parents”');
  await page.keyboard.press('ArrowLeft');
  await expect(inspectorField(page, 'Label')).toHaveValue('Trust');
  await page.keyboard.press('Enter');
  await expectCounts(page, 2, 1);
  await page.keyboard.press('-');
  expect(await connections(page)).toEqual(['Parents → Trust -']);
  // Arrows move between elements; Delete removes the selection and its connections.
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('status-selection')).toHaveText('1 selected');
  await page.keyboard.press('Delete');
  await expectCounts(page, 1, 0);
  await kim.context.close();
});

test('the palette runs a command found by part of its title; quick open jumps to an element', async ({
  browser,
  host,
}) => {
  const ana = await newPerson(browser, 'Ana');
  const { page } = ana;
  await createMap(page, host.url, 'Palette');
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  // "tog dark" finds "Preferences: Toggle Light and Dark Theme", which shows its keys.
  await page.keyboard.press('Control+Shift+P');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await dialog.getByRole('combobox').fill('tog dark');
  const option = dialog.getByRole('option', { selected: true });
  await expect(option).toContainText('Toggle Light and Dark Theme');
  await expect(option).toContainText('Alt+Shift+T');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before!);

  await runFromPalette(page, 'add fact', 'Map: Add Factor');
  await runFromPalette(page, 'add act', 'Map: Add Actor');
  await expectCounts(page, 2, 0);
  await inspectorField(page, 'Label').fill('Health department');
  await inspectorField(page, 'Label').press('Enter');
  await outline(page).getByRole('button', { name: 'New factor' }).click();

  // Quick open: Ctrl+P, a few letters of the label, Enter.
  await page.keyboard.press('Control+p');
  const quick = page.getByRole('dialog', { name: 'Go to element' });
  await quick.getByRole('combobox').fill('hlth dep');
  await page.keyboard.press('Enter');
  await expect(quick).toBeHidden();
  await expect(inspectorField(page, 'Label')).toHaveValue('Health department');
  await expect(mapArea(page)).toBeFocused();
  // Escape closes the palette and gives focus back.
  await page.keyboard.press('Control+Shift+P');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(mapArea(page)).toBeFocused();
  await ana.context.close();
});

test("a second person sees the first one's cursor and selection, and follows them", async ({
  browser,
  host,
}) => {
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const ben = await newPerson(browser, 'Ben', '#3cb44b');
  const link = await createMap(ana.page, host.url, 'Together');
  await openLink(ben.page, link);
  await focusMap(ana.page);
  await ana.page.keyboard.press('f');
  await nameNew(ana.page, 'Trust');
  await ana.page.keyboard.press('f');
  await nameNew(ana.page, 'Engagement');
  await expectCounts(ben.page, 2, 0);

  // Ana selects Trust and points at the map.
  await outline(ana.page).getByRole('button', { name: 'Trust' }).click();
  const trust = await elementId(ana.page, 'Trust');
  const box = (await mapArea(ana.page).boundingBox())!;
  await ana.page.mouse.move(box.x + 200, box.y + 150);
  await ana.page.mouse.move(box.x + 220, box.y + 160);

  // Ben's People view says what Ana selected; his map draws her cursor and her selection.
  await ben.page.getByRole('button', { name: 'People' }).click();
  const anaRow = ben.page
    .getByRole('list', { name: 'People in this map' })
    .getByRole('listitem')
    .filter({ hasText: 'Ana' });
  await expect(anaRow.getByTestId('peer-selection')).toHaveText('selected “Trust”');
  await expect
    .poll(() => editorState(ben.page, (h) => h.cursors().map((c) => `${c.name} ${c.color}`)))
    .toEqual(['Ana #e6194b']);
  await expect
    .poll(() =>
      editorState(ben.page, (h) => h.remoteSelections().map((s) => `${s.color} ${s.ids.join()}`)),
    )
    .toEqual([`#e6194b ${trust}`]);

  // Ben follows Ana: when she zooms and pans, his view goes where hers is.
  await anaRow.getByRole('button', { name: 'Follow Ana' }).click();
  await expect(ben.page.getByTestId('following')).toContainText('Following Ana');
  await ana.page.keyboard.press('Control+=');
  await ana.page.keyboard.press('Control+=');
  const engagement = await elementId(ana.page, 'Engagement');
  await ana.page.keyboard.press('Control+p');
  await ana.page
    .getByRole('dialog', { name: 'Go to element' })
    .getByRole('combobox')
    .fill('Engagement');
  await ana.page.keyboard.press('Enter');
  await expect(ana.page.getByTestId('status-zoom')).toHaveText('156%');
  await expect(ben.page.getByTestId('status-zoom')).toHaveText('156%');
  const near = async () => {
    const a = await editorState(ana.page, (h) => h.viewport());
    const b = await editorState(ben.page, (h) => h.viewport());
    return Math.hypot(a.x - b.x, a.y - b.y);
  };
  await expect.poll(near).toBeLessThan(2);
  await expect(anaRow.getByTestId('peer-selection')).toHaveText('selected “Engagement”');
  expect(engagement).toBeTruthy();
  // Ben moves himself: following stops.
  await mapArea(ben.page).hover();
  await ben.page.mouse.wheel(0, 200);
  await expect(ben.page.getByTestId('following')).toBeHidden();
  await ana.context.close();
  await ben.context.close();
});

test("someone else's drag moves smoothly on your screen and lands once", async ({
  browser,
  host,
}) => {
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const ben = await newPerson(browser, 'Ben', '#3cb44b');
  const link = await createMap(ana.page, host.url, 'Drag');
  await openLink(ben.page, link);
  await focusMap(ana.page);
  await ana.page.keyboard.press('f');
  await nameNew(ana.page, 'Moving factor');
  await expectCounts(ben.page, 1, 0);
  const id = await elementId(ana.page, 'Moving factor');
  const start = (await ana.page.evaluate(
    `window.__weavemap.editor.elementCenter(${JSON.stringify(id)})`,
  )) as { x: number; y: number };
  const before = await ana.page.evaluate((i) => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
    return s.snapshot.elements.get(i)!.position;
  }, id);
  let writes = 0;
  await ben.page.exposeFunction('countWrite', () => writes++);
  await ben.page.evaluate((i) => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
    let last = JSON.stringify(s.snapshot.elements.get(i)!.position);
    s.onChange((c) => {
      const p = JSON.stringify(c.snapshot.elements.get(i)?.position);
      if (p !== last) {
        last = p;
        (window as unknown as { countWrite: () => void }).countWrite();
      }
    });
  }, id);
  await ana.page.mouse.move(start.x, start.y);
  await ana.page.mouse.down();
  for (let i = 1; i <= 20; i++) {
    await ana.page.mouse.move(start.x + i * 8, start.y + i * 3);
    if (i === 10)
      await expect.poll(() => editorState(ben.page, (h) => h.remoteDragging())).toEqual([id]);
  }
  await ana.page.mouse.up();
  await expect.poll(() => editorState(ben.page, (h) => h.remoteDragging())).toEqual([]);
  const benPosition = () =>
    ben.page.evaluate((i) => {
      const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
      return s.snapshot.elements.get(i)!.position[0];
    }, id);
  await expect.poll(benPosition).not.toBe(before[0]);
  expect(writes).toBe(1); // the final position, written once
  await ana.context.close();
  await ben.context.close();
});

test('the inspector refuses invalid values and says why, writing nothing', async ({
  browser,
  host,
}) => {
  const ana = await newPerson(browser, 'Ana');
  const { page } = ana;
  await createMap(page, host.url, 'Validation');
  await page.getByRole('button', { name: 'Add factor' }).click();
  const x = inspectorField(page, 'X');
  await x.fill('far left');
  await x.press('Enter');
  await expect(inspector(page).getByRole('alert')).toHaveText(
    'position must be two finite numbers [x, y].',
  );
  await expect(x).toHaveAttribute('aria-invalid', 'true');
  const color = inspectorField(page, 'Colour');
  await color.fill('red');
  await color.press('Enter');
  await expect(inspector(page).getByText('color must look like #1f77b4.')).toBeVisible();
  const stored = await page.evaluate(() => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
    const e = [...s.snapshot.elements.values()][0]!;
    return { position: e.position, color: e.color ?? null };
  });
  expect(stored.color).toBeNull();
  expect(Number.isFinite(stored.position[0])).toBe(true);
  // A valid value clears the message and is written.
  await color.fill('#1f77b4');
  await color.press('Enter');
  await expect(inspector(page).getByText('color must look like #1f77b4.')).toBeHidden();
  await inspectorField(page, 'Kind').selectOption('actor');
  await expect(inspectorField(page, 'Actor type')).toBeVisible();
  await expect(
    outline(page).getByRole('heading', { name: 'Actors (1)', exact: true }),
  ).toBeVisible();
  await ana.context.close();
});

test('the example map opens, tidies in one undoable step, and pastes into another map', async ({
  browser,
  host,
}) => {
  const ana = await newPerson(browser, 'Ana');
  const { page } = ana;
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Open the example map' }).click();
  await expectCounts(page, example.elements.length, example.connections.length);
  await expect(
    outline(page).getByRole('button', { name: 'Coordination across agencies' }),
  ).toBeVisible();
  await expect(page.getByTestId('status-title')).toHaveText(
    'School readiness in our city (example)',
  );

  const positions = () =>
    page.evaluate(() => {
      const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
      return Object.fromEntries(
        [...s.snapshot.elements.values()].map((e) => [e.id, e.position.join()]),
      );
    });
  // Pin one element; tidy; everything else moved, the pinned one did not.
  await outline(page).getByRole('button', { name: 'Family stress' }).click();
  await inspectorField(page, 'Pinned (the tidy layout leaves it in place)').check();
  const stress = await elementId(page, 'Family stress');
  const original = await positions();
  await runFromPalette(page, 'tidy', 'Map: Tidy Layout');
  await expect(page.getByTestId('notice')).toContainText(/Tidied \d+ elements/);
  const tidied = await positions();
  expect(tidied[stress]).toBe(original[stress]);
  const moved = Object.keys(original).filter((id) => tidied[id] !== original[id]);
  expect(moved.length).toBeGreaterThan(10);
  // One undo puts every element back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(positions).toEqual(original);

  // Copy two connected factors and paste them into another map.
  await outline(page).getByRole('button', { name: 'Coordination across agencies' }).click();
  await outline(page)
    .getByRole('button', { name: 'Time spent in coordination meetings' })
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('status-selection')).toHaveText('2 selected');
  await focusMap(page);
  await page.keyboard.press('Control+c');
  await expect(page.getByTestId('notice')).toContainText('Copied 2 elements and 2 connections.');
  const other = await ana.context.newPage();
  await createMap(other, page.url().split('#')[0]!, 'Another map');
  await focusMap(other);
  await other.keyboard.press('Control+v');
  await expectCounts(other, 2, 2);
  await expect(
    outline(other).getByRole('button', { name: 'Coordination across agencies' }),
  ).toBeVisible();
  const ids = await other.evaluate(() => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
    return [...s.snapshot.elements.keys()];
  });
  expect(ids).not.toContain('srF04'); // new ids
  await ana.context.close();
});
