import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Browser, Page } from '@playwright/test';
import { test, expect, newPerson, REPO } from '../support/fixtures';
import {
  expectConnected,
  expectCounts,
  openLink,
  openView,
  runFromPalette,
  selectIds,
} from '../support/app';
import { findLoops } from '../../shared/analysis/index';
import { applyNative, parseNative } from '../../shared/interop/native';
import { schoolReadinessExample } from '../../shared/examples/school-readiness';
import { readSnapshot } from '../../shared/schema/snapshot';
import { testContext } from '../../shared/domain/test-context';
import type { MapSession } from '../../canvas/platform/map-session.svelte';

/**
 * Seeing the system, in the browser: the Loops view on the example map (R/B as findLoops says,
 * hover highlights on the map, a rename by one person shows for another), the Weaving view's
 * "Introduce" reaching both people, and the UI thread never blocked over 50 ms while a
 * 5,000-actor map is analysed.
 *
 * Test hooks used (set only where `window.__weavemap` exists, by RoomView):
 * - `__weavemap.editor.renderer.getHighlight()`: what the map keeps at full strength (MapEditor);
 * - `__weavemap.analysis`: the open map's AnalysisStore (canvas/contrib/analysis).
 */

const SHOTS = join(REPO, 'test-results', 'screenshots');

/** The example map as the page will hold it, and its loops computed here. */
function exampleExpectations() {
  const parsed = parseNative(schoolReadinessExample);
  if (!parsed.ok) throw new Error('The example map does not parse.');
  const ctx = testContext();
  applyNative(ctx, parsed.file);
  const snap = readSnapshot(ctx.doc);
  return { snap, loops: findLoops(snap).loops };
}

async function openExample(page: Page, hostUrl: string): Promise<string> {
  await page.goto(hostUrl);
  await page.getByRole('button', { name: 'Open the example map' }).click();
  await expectConnected(page);
  return page.url();
}

/** Ana opens the example map and Ben joins it on her link; both have the whole map. */
async function exampleForTwo(
  browser: Browser,
  hostUrl: string,
  snap: ReturnType<typeof exampleExpectations>['snap'],
) {
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const ben = await newPerson(browser, 'Ben', '#3cb44b');
  const link = await openExample(ana.page, hostUrl);
  await expectCounts(ana.page, snap.elements.size, snap.connections.size);
  await openLink(ben.page, link);
  await expectCounts(ben.page, snap.elements.size, snap.connections.size);
  return { ana, ben, link };
}

function highlight(page: Page): Promise<string[] | null> {
  return page.evaluate(() => {
    const r = (
      window as unknown as {
        __weavemap: { editor: { renderer: { getHighlight(): ReadonlySet<string> | null } } };
      }
    ).__weavemap.editor.renderer.getHighlight();
    return r ? [...r].sort() : null;
  });
}

/** Frames the whole map in the space the editor has now (after a part closed). */
async function fitMap(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((done) =>
        requestAnimationFrame(() => {
          const r = (
            window as unknown as {
              __weavemap: {
                editor: { renderer: { resize(): void; fitToContent(p: number): void } };
              };
            }
          ).__weavemap.editor.renderer;
          r.resize();
          r.fitToContent(24);
          requestAnimationFrame(() => done());
        }),
      ),
  );
}

function snapshotOf(page: Page) {
  return page.evaluate(() => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session
      .snapshot;
    return {
      connections: [...s.connections.values()],
      loops: [...s.loops.values()],
    };
  });
}

test('the Loops view lists the example loops with R/B, highlights them, and a rename reaches the other person', async ({
  browser,
  host,
}) => {
  const { snap, loops } = exampleExpectations();
  // The example's loops, counted by hand: 6 reinforcing, 4 balancing.
  expect(loops.filter((l) => l.polarity === 'R')).toHaveLength(6);
  expect(loops.filter((l) => l.polarity === 'B')).toHaveLength(4);
  const { ana, ben, link } = await exampleForTwo(browser, host.url, snap);

  await openView(ana.page, 'Loops');
  const list = ana.page.getByRole('list', { name: 'Loops', exact: true });
  await expect(list.getByRole('listitem')).toHaveCount(loops.length);
  await expect(ana.page.getByTestId('loops-summary')).toHaveText(
    `${loops.length} loops (${loops.filter((l) => l.polarity === 'R').length} reinforcing, ${loops.filter((l) => l.polarity === 'B').length} balancing).`,
  );
  for (const loop of loops) {
    const item = list.locator(`li[data-signature="${loop.signature}"]`);
    // R for an even number of - links, B for odd, counted here from the map itself.
    const negative = loop.connections.filter(
      (id) => snap.connections.get(id)?.polarity === '-',
    ).length;
    await expect(item.locator('.an-badge')).toHaveText(negative % 2 === 0 ? 'R' : 'B');
    await expect(item.getByRole('button', { name: `Rename loop ${loop.label}` })).toBeVisible();
    await expect(item).toContainText(`${loop.length} link${loop.length === 1 ? '' : 's'}`);
  }

  // Hover: the loop's factors and links stay lit on the map, the rest dims; leaving clears it.
  const target = loops.find((l) => l.polarity === 'R' && l.length >= 3)!;
  const card = list.locator(`li[data-signature="${target.signature}"]`);
  await card.hover();
  await expect
    .poll(() => highlight(ana.page))
    .toEqual([...target.elements, ...target.connections].sort());
  await ana.page.getByRole('heading', { name: 'Loops' }).hover();
  await expect.poll(() => highlight(ana.page)).toBeNull();

  // Ana names the loop; Ben, on his own screen, sees the name.
  await card.getByRole('button', { name: `Rename loop ${target.label}` }).click();
  const input = card.getByRole('textbox', { name: `Name of loop ${target.label}` });
  await input.fill('Trust spiral');
  await input.press('Enter');
  await expect(card.getByRole('button', { name: `${target.label} “Trust spiral”` })).toBeVisible();
  await openView(ben.page, 'Loops');
  const benCard = ben.page
    .getByRole('list', { name: 'Loops', exact: true })
    .locator(`li[data-signature="${target.signature}"]`);
  await expect(
    benCard.getByRole('button', { name: `${target.label} “Trust spiral”` }),
  ).toBeVisible();
  const stored = await host.withRoomDoc(
    new URL(link).hash.split('/')[2]!.split('?')[0]!,
    (doc: Y.Doc) => readSnapshot(doc).loops.get(target.signature),
  );
  expect(stored).toMatchObject({ name: 'Trust spiral', members: target.elements });

  // The leverage ranking explains itself and shows the Meadows level.
  await openView(ben.page, 'Leverage');
  const ranking = ben.page.getByRole('list', { name: 'Leverage ranking' });
  await expect(ranking.getByRole('listitem').first()).toContainText(/In \d+ loops/);
  await expect(ranking.getByRole('combobox', { name: 'Meadows level' }).first()).toBeVisible();

  // The screenshot: the map given the room the inspector took, the loop lit under the pointer.
  await ana.page.keyboard.press('Alt+Shift+I');
  await expect(ana.page.getByRole('complementary', { name: 'Inspector' })).toHaveCount(0);
  await fitMap(ana.page);
  await card.hover();
  await expect
    .poll(() => highlight(ana.page))
    .toEqual([...target.elements, ...target.connections].sort());
  mkdirSync(SHOTS, { recursive: true });
  await ana.page.screenshot({ path: join(SHOTS, 'analysis-loops-light.png') });
  await ana.context.close();
  await ben.context.close();
});

test('a named loop an edit breaks stays listed as broken, name kept, until the group forgets it', async ({
  browser,
  host,
}) => {
  const { snap, loops } = exampleExpectations();
  // A loop none of whose links another loop needs, so only it breaks.
  const target = loops.find(
    (l) =>
      l.length >= 3 &&
      l.connections.some((c) => loops.filter((o) => o.connections.includes(c)).length === 1),
  )!;
  const cut = target.connections.find(
    (c) => loops.filter((o) => o.connections.includes(c)).length === 1,
  )!;
  const { ana, ben, link } = await exampleForTwo(browser, host.url, snap);

  // Ana names the loop.
  await openView(ana.page, 'Loops');
  const card = ana.page
    .getByRole('list', { name: 'Loops', exact: true })
    .locator(`li[data-signature="${target.signature}"]`);
  await card.getByRole('button', { name: `Rename loop ${target.label}` }).click();
  await card.getByRole('textbox', { name: `Name of loop ${target.label}` }).fill('Funding cycle');
  await card.getByRole('textbox', { name: `Name of loop ${target.label}` }).press('Enter');
  await expect(card.getByRole('button', { name: /“Funding cycle”/ })).toBeVisible();

  // Ben deletes one of its links (selected, then "Delete Selection" from the palette).
  await selectIds(ben.page, [cut]);
  await runFromPalette(ben.page, 'delete sel', 'Delete Selection');
  await expectCounts(ana.page, snap.elements.size, snap.connections.size - 1);

  // On Ana's screen the loop leaves the list and shows as broken, under its name.
  const brokenList = ana.page.getByRole('list', { name: 'Broken loops' });
  await expect(brokenList.getByRole('listitem')).toHaveCount(1);
  await expect(brokenList).toContainText('Funding cycle (broken)');
  await expect(brokenList).toContainText('is broken: a link in it was removed');
  await expect(card).toHaveCount(0);
  await expect(ana.page.getByTestId('loops-summary')).toContainText(`${loops.length - 1} loops`);
  await brokenList.scrollIntoViewIfNeeded();
  mkdirSync(SHOTS, { recursive: true });
  await ana.page.screenshot({ path: join(SHOTS, 'analysis-broken-loop.png') });

  // Ben sees it broken too, and forgets it; it goes for both, and from the stored map.
  await openView(ben.page, 'Loops');
  const benBroken = ben.page.getByRole('list', { name: 'Broken loops' });
  await benBroken.getByRole('button', { name: 'Forget the broken loop Funding cycle' }).click();
  await expect(benBroken).toHaveCount(0);
  await expect(brokenList).toHaveCount(0);
  const roomId = new URL(link).hash.split('/')[2]!.split('?')[0]!;
  await expect
    .poll(() => host.withRoomDoc(roomId, (doc: Y.Doc) => readSnapshot(doc).loops.size))
    .toBe(0);

  // Undo brings the name back for Ben, still broken.
  await ben.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(benBroken).toContainText('Funding cycle (broken)');
  await ana.context.close();
  await ben.context.close();
});

test("view settings are each person's own; a saved perspective reaches the other person, who applies it", async ({
  browser,
  host,
}) => {
  const { snap } = exampleExpectations();
  const { ana, ben, link } = await exampleForTwo(browser, host.url, snap);
  await openView(ana.page, 'Network');
  /** Opens "Show on the map" (a disclosure) if it is closed. */
  const open = async (page: Page) => {
    const details = page.locator('details.display');
    const isOpen = () => details.evaluate((d) => (d as HTMLDetailsElement).open);
    if (!(await isOpen())) await details.locator('summary').click();
    await expect.poll(isOpen).toBe(true);
  };
  await open(ana.page);
  await ana.page.getByLabel('Size by').selectOption('betweenness');
  await ana.page.getByLabel('Colour by').selectOption('cluster');
  await ana.page.getByLabel('Lens').selectOption('network');
  const anaLegend = ana.page.getByRole('list', { name: 'Colour legend' });
  await expect(anaLegend.getByRole('listitem')).toHaveText(['Cluster 1 (4)', 'Cluster 2 (4)']);

  // Ben's own settings are untouched (with the Network view open his map shows the clusters
  // anyway: the network lens colours by cluster while "Colour by" is left at none).
  await openView(ben.page, 'Network');
  await open(ben.page);
  await expect(ben.page.getByLabel('Size by')).toHaveValue('none');
  await expect(ben.page.getByLabel('Colour by')).toHaveValue('none');
  await expect(ben.page.getByLabel('Lens')).not.toHaveValue('network');

  // Ana saves it for everyone; Ben, told so on the disclosure, applies it.
  await ana.page.getByLabel('Perspective name').fill('Who bridges');
  await ana.page.getByRole('button', { name: 'Save as shared perspective' }).click();
  await expect(ben.page.locator('details.display summary')).toContainText('1 shared perspective');
  const benList = ben.page.getByRole('list', { name: 'Shared perspectives' });
  await expect(benList).toContainText('Who bridges');
  await benList.getByRole('button', { name: 'Apply perspective Who bridges' }).click();
  await expect(ben.page.getByLabel('Size by')).toHaveValue('betweenness');
  await expect(ben.page.getByLabel('Colour by')).toHaveValue('cluster');
  await expect(ben.page.getByLabel('Lens')).toHaveValue('network');
  await expect(
    ben.page.getByRole('list', { name: 'Colour legend' }).getByRole('listitem'),
  ).toHaveText(['Cluster 1 (4)', 'Cluster 2 (4)']);
  mkdirSync(SHOTS, { recursive: true });
  await fitMap(ben.page);
  await ben.page.screenshot({ path: join(SHOTS, 'analysis-perspective.png') });

  // Ana's own settings are still hers after a reload; the perspective is in the stored map.
  await ana.page.reload();
  await expectConnected(ana.page);
  await openView(ana.page, 'Network');
  await expect(ana.page.getByLabel('Size by')).toHaveValue('betweenness');
  const roomId = new URL(link).hash.split('/')[2]!.split('?')[0]!;
  const stored = await host.withRoomDoc(
    roomId,
    (doc: Y.Doc) => [...doc.getMap('perspectives').values()].length,
  );
  expect(stored).toBe(1);
  await ana.context.close();
  await ben.context.close();
});

test('the Weaving view offers an introduction, and Introduce proposes it on both screens', async ({
  browser,
  host,
}) => {
  const { snap } = exampleExpectations();
  const { ana, ben } = await exampleForTwo(browser, host.url, snap);

  await openView(ana.page, 'Weaving');
  const suggestions = ana.page.getByRole('list', { name: 'Suggested introductions' });
  const first = suggestions.getByRole('listitem').first();
  await expect(first).toBeVisible();
  await expect(first).toContainText(/knows both|Both /);
  await ana.page.keyboard.press('Alt+Shift+I');
  await expect(ana.page.getByRole('complementary', { name: 'Inspector' })).toHaveCount(0);
  await fitMap(ana.page);
  await first.hover();
  mkdirSync(SHOTS, { recursive: true });
  await ana.page.screenshot({ path: join(SHOTS, 'analysis-weaving-light.png') });

  const button = first.getByRole('button', { name: /^Introduce / });
  const name = (await button.getAttribute('aria-label'))!;
  await button.click();
  await expectCounts(ana.page, snap.elements.size, snap.connections.size + 1);
  await expectCounts(ben.page, snap.elements.size, snap.connections.size + 1);
  for (const person of [ana, ben]) {
    const proposed = (await snapshotOf(person.page)).connections.filter((c) => c.proposed);
    expect(proposed).toHaveLength(1);
    expect(proposed[0]).toMatchObject({
      kind: 'relationship',
      proposed: true,
      extra: { suggestedBy: 'Ana' },
    });
    const labels = [proposed[0]!.from, proposed[0]!.to].map((id) => snap.elements.get(id)!.label);
    expect(name).toBe(`Introduce ${labels[0]} and ${labels[1]}`);
  }
  // Ben, looking at the proposed relationship, sees who proposed it (not as a raw field).
  const proposedId = (await snapshotOf(ben.page)).connections.find((c) => c.proposed)!.id;
  await selectIds(ben.page, [proposedId]);
  const inspector = ben.page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByTestId('proposed-by')).toHaveText(
    'Proposed at the suggestion of Ana',
  );
  await expect(inspector.getByText('suggestedBy', { exact: true })).toHaveCount(0);
  // Once introduced, the pair is no longer suggested, on either screen.
  await openView(ben.page, 'Weaving');
  await expect(ben.page.getByRole('list', { name: 'Suggested introductions' })).toBeVisible();
  await expect(ben.page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(ana.page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await ana.context.close();
  await ben.context.close();
});
