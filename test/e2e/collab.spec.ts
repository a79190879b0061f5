import * as Y from 'yjs';
import { test, expect, newPerson, startTestHost, tempDir } from '../support/fixtures';
import {
  createMap,
  expectConnected,
  expectCounts,
  mapJson,
  openLink,
  outline,
} from '../support/app';
import { readSnapshot } from '../../shared/schema/snapshot';
import { addElements, connect } from '../../shared/domain/index';
import type { MapSession } from '../../canvas/platform/map-session.svelte';

/**
 * Sync between separate browser contexts (separate people): over real WebRTC through our own
 * /signal, and through the host's /sync. BroadcastChannel cannot cross contexts.
 */

async function addFactor(page: import('@playwright/test').Page) {
  await page.getByRole('button', { name: 'Add factor' }).click();
}

async function inspectorField(page: import('@playwright/test').Page, name: string) {
  return page.getByRole('complementary', { name: 'Inspector' }).getByLabel(name, { exact: true });
}

test("two people on one edit link see each other's adds, moves and presence", async ({
  browser,
  host,
}) => {
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const ben = await newPerson(browser, 'Ben', '#3cb44b');
  const link = await createMap(ana.page, host.url, 'Two people');
  await openLink(ben.page, link);

  const benPeople = ben.page.getByRole('list', { name: 'People online' });
  await expect(benPeople).toContainText('Ana');
  await expect(ana.page.getByRole('list', { name: 'People online' })).toContainText('Ben');
  // The direct peer path is up.
  await expect(ana.page.getByTestId('status-peers')).toHaveText('Peers: 1');

  await addFactor(ana.page);
  const label = await inspectorField(ana.page, 'Label');
  await label.fill('Trust between parents and schools');
  await label.press('Enter');
  await expect(
    outline(ben.page).getByRole('button', { name: 'Trust between parents and schools' }),
  ).toBeVisible();

  const x = await inspectorField(ana.page, 'X');
  await x.fill('345');
  await x.press('Enter');
  await outline(ben.page)
    .getByRole('button', { name: 'Trust between parents and schools' })
    .click();
  await expect(await inspectorField(ben.page, 'X')).toHaveValue('345');

  // And the other way round.
  await addFactor(ben.page);
  await expectCounts(ana.page, 2, 0);
  await ana.context.close();
  await ben.context.close();
});

test('three people editing at once all end with the same map', async ({ browser, host }) => {
  const people = await Promise.all(['Ana', 'Ben', 'Cy'].map((n) => newPerson(browser, n)));
  const [ana, ben, cy] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
  const link = await createMap(ana.page, host.url, 'Three people');
  await openLink(ben.page, link);
  await openLink(cy.page, link);
  await Promise.all(
    people.map(async (p) => {
      for (let i = 0; i < 5; i++) await addFactor(p.page);
    }),
  );
  for (const p of people) await expectCounts(p.page, 15, 0);
  const [a, b, c] = await Promise.all(people.map((p) => mapJson(p.page)));
  expect(b).toBe(a);
  expect(c).toBe(a);
  for (const p of people) await p.context.close();
});

test('an offline person keeps editing; on return every edit reaches every peer', async ({
  browser,
  host,
}) => {
  const ana = await newPerson(browser, 'Ana');
  const ben = await newPerson(browser, 'Ben');
  const link = await createMap(ana.page, host.url, 'Offline');
  await openLink(ben.page, link);
  await addFactor(ana.page);
  await expectCounts(ben.page, 1, 0);

  await ben.context.setOffline(true);
  await expect(ben.page.getByTestId('status-saved')).toHaveText(
    'Offline: changes kept on this device',
  );
  await addFactor(ben.page);
  await addFactor(ben.page);
  await addFactor(ana.page);
  await expectCounts(ben.page, 3, 0);
  await expectCounts(ana.page, 2, 0); // Ben's two edits have not reached Ana: he is offline.

  await ben.context.setOffline(false);
  await expectConnected(ben.page);
  await expectCounts(ana.page, 4, 0);
  await expectCounts(ben.page, 4, 0);
  expect(await mapJson(ana.page)).toBe(await mapJson(ben.page));
  await ana.context.close();
  await ben.context.close();
});

test('everyone leaves, the host restarts, a newcomer sees the whole map', async ({ browser }) => {
  const dataDir = tempDir();
  let host = await startTestHost(dataDir);
  const ana = await newPerson(browser, 'Ana');
  const link = await createMap(ana.page, host.url, 'Survives restarts');
  for (let i = 0; i < 3; i++) await addFactor(ana.page);
  const label = ana.page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Label', { exact: true });
  await label.fill('Remembered factor');
  await label.press('Enter');
  await expect(ana.page.getByTestId('status-saved')).toHaveText('Saved');
  await ana.context.close();
  await host.close();

  host = await startTestHost(dataDir);
  const fragment = new URL(link).hash;
  const newcomer = await newPerson(browser, 'Dee');
  await openLink(newcomer.page, `${host.url}${fragment}`);
  await expectCounts(newcomer.page, 3, 0);
  await expect(
    outline(newcomer.page).getByRole('button', { name: 'Remembered factor' }),
  ).toBeVisible();
  await newcomer.context.close();
  await host.close();
});

test('a late joiner to a 2,000-element, 4,000-connection map gets all of it', async ({
  browser,
  host,
}) => {
  test.setTimeout(120_000);
  const ana = await newPerson(browser, 'Ana');
  const link = await createMap(ana.page, host.url, 'Big map');
  const roomId = new URL(link).hash.split('/')[2]!.split('?')[0]!;
  // Fill the room on the host (about 1 MB: four times what one WebRTC message can carry).
  await host.withRoomDoc(roomId, (doc: Y.Doc) => {
    const ctx = { doc, origin: 'seed', userId: 'seed' };
    const ids = addElements(
      ctx,
      Array.from({ length: 2000 }, (_, i) => ({
        kind: 'factor' as const,
        label: `Factor number ${i} with a realistic label`,
        description: 'A description long enough to look like what people write in workshops.',
        position: [(i % 50) * 150, Math.floor(i / 50) * 90] as const,
      })),
    );
    doc.transact(() => {
      for (let i = 0; i < 4000; i++)
        connect(ctx, {
          from: ids[i % 2000]!,
          to: ids[((i % 2000) + 1 + ((i * 13) % 1999)) % 2000]!,
          kind: 'causal',
          polarity: i % 3 ? '+' : '-',
        });
    }, 'seed');
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(1_000_000);
  });
  await expectCounts(ana.page, 2000, 4000);

  const late = await newPerson(browser, 'Late');
  await openLink(late.page, link);
  await expectCounts(late.page, 2000, 4000);
  expect(await mapJson(late.page)).toBe(await mapJson(ana.page));
  await ana.context.close();
  await late.context.close();
});

test('a view link sees live edits, and its edits reach nobody', async ({ browser, host }) => {
  const ana = await newPerson(browser, 'Ana');
  const vic = await newPerson(browser, 'Vic');
  await ana.page.goto(host.url);
  await ana.page.getByLabel('Map title').fill('Viewers');
  const created = ana.page.waitForResponse(
    (r) => r.url().endsWith('/api/rooms') && r.status() === 201,
  );
  await ana.page.getByRole('button', { name: 'Create map' }).click();
  const room = (await (await created).json()) as { roomId: string; viewLink: string };
  await expectConnected(ana.page);

  await openLink(vic.page, room.viewLink);
  await expect(vic.page.getByText('You opened a view link')).toBeVisible();
  await expect(vic.page.getByRole('button', { name: 'Add factor' })).toBeDisabled();
  await expect(vic.page.getByTestId('status-peers')).toHaveText('Peers: off');

  await addFactor(ana.page);
  await expectCounts(vic.page, 1, 0);

  // A modified client ignores its own read-only UI and writes to its document anyway.
  await vic.page.evaluate(() => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
    const el = new (
      s.doc.getMap('elements').constructor as never as { new (): import('yjs').Map<unknown> }
    )();
    el.set('id', 'forged');
    el.set('kind', 'factor');
    el.set('label', 'Forged by a viewer');
    s.doc.getMap('elements').set('forged', el);
  });
  await expectCounts(vic.page, 2, 0); // it is only on the viewer's own screen…
  // …the next real edit reaches the viewer, so the host has processed its earlier message.
  await addFactor(ana.page);
  await expect(vic.page.getByTestId('status-counts')).toHaveText(/^3 elements/);
  await expectCounts(ana.page, 2, 0);
  const stored = await host.withRoomDoc(room.roomId, (doc: Y.Doc) => readSnapshot(doc));
  expect(stored.elements.size).toBe(2);
  expect(stored.elements.has('forged')).toBe(false);
  await ana.context.close();
  await vic.context.close();
});

test("undo reverts only the undoing person's own edit", async ({ browser, host }) => {
  const ana = await newPerson(browser, 'Ana');
  const ben = await newPerson(browser, 'Ben');
  const link = await createMap(ana.page, host.url, 'Undo');
  await openLink(ben.page, link);
  await addFactor(ana.page);
  const label = ana.page
    .getByRole('complementary', { name: 'Inspector' })
    .getByLabel('Label', { exact: true });
  await label.fill('Ana factor');
  await label.press('Enter');
  await expect(outline(ben.page).getByRole('button', { name: 'Ana factor' })).toBeVisible();
  await ben.page.getByRole('button', { name: 'Add actor' }).click();
  await expectCounts(ana.page, 2, 0);

  // Ana undoes: her last step (the rename) goes; Ben's actor, added after it, stays.
  await ana.page.getByRole('button', { name: 'Undo' }).click();
  await expect(outline(ben.page).getByRole('button', { name: 'New factor' })).toBeVisible();
  await expect(outline(ben.page).getByRole('button', { name: 'New actor' })).toBeVisible();
  // Undo again removes her element, never Ben's.
  await ana.page.keyboard.press('Control+z');
  await expectCounts(ben.page, 1, 0);
  await expect(outline(ben.page).getByRole('button', { name: 'New actor' })).toBeVisible();
  await ana.page.getByRole('button', { name: 'Redo' }).click();
  await expectCounts(ben.page, 2, 0);
  await ana.context.close();
  await ben.context.close();
});
