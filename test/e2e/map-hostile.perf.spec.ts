import * as Y from 'yjs';
import { test, expect, newPerson } from '../support/fixtures';
import { expectConnected } from '../support/app';
import { seedRoom, writeNative } from '../support/seed';
import { connectSync } from '../../canvas/server/testing/sync-client';
import { elementsMap, elementsRoot } from '../../shared/schema/doc';
import { schoolReadinessExample as example } from '../../shared/examples/school-readiness';

/**
 * A hostile stored map opens about as fast as a plain one (a timing check, so it runs in the
 * \`perf\` project, alone on the machine after the other specs).
 */

/** A raw element record, written the way a hostile peer would (no domain checks). */
function rawElement(doc: Y.Doc, id: string, label: string, position: unknown): void {
  const m = new Y.Map<unknown>();
  m.set('kind', 'factor');
  m.set('label', label);
  m.set('position', position);
  m.set('_c', ['mallory', 1]);
  elementsRoot(doc).set(id, m);
}

test('a map holding an element at [1e300, -1e300], with a peer sending a numeric name, opens within 2 s, shows the rest and names the bad element', async ({
  browser,
  host,
}) => {
  const room = await seedRoom(host.url, 'Hostile', (ctx) => {
    writeNative(ctx, example);
    rawElement(ctx.doc, 'farFarAway000001', 'Unreachable factor', [1e300, -1e300]);
    rawElement(ctx.doc, 'farFarAway000002', 'Overflowing factor', [1e20, -1e20]);
  });
  if (room.refusedUpdates > 0) {
    // A host that checks coordinates refuses the peer's write; the stored document of an older
    // host may still hold it, so put it there directly.
    await host.withRoomDoc(room.roomId, (doc) => {
      // The example itself passed the check (only the raw elements were refused).
      if (elementsMap(doc).size === 0)
        writeNative({ doc, origin: 'seed', userId: 'seed' }, example);
      rawElement(doc, 'farFarAway000001', 'Unreachable factor', [1e300, -1e300]);
      rawElement(doc, 'farFarAway000002', 'Overflowing factor', [1e20, -1e20]);
    });
  }
  // The same map without the bad elements, opened the same way: what this machine takes now.
  const plain = await seedRoom(host.url, 'Plain', (ctx) => writeNative(ctx, example));
  const ana = await newPerson(browser, 'Ana');
  const { page } = ana;
  // A warm browser (the app's files cached, as on a second visit): the time is the map's.
  await page.goto(host.url);
  await expect(page.getByLabel('Map title')).toBeVisible();
  let started = Date.now();
  await page.goto(plain.editLink);
  await expect(page.getByTestId('status-counts')).toContainText(
    `${example.elements.length} elements`,
  );
  const baseline = Date.now() - started;
  await page.goto(host.url);
  await expect(page.getByLabel('Map title')).toBeVisible();

  // A hostile peer in the room, sending presence with a numeric name and an infinite cursor.
  const mallory = connectSync(
    host.url.replace(/^http/, 'ws').replace(/\/$/, ''),
    room.roomId,
    room.editSecret,
  );
  await mallory.synced;
  mallory.provider.awareness!.setLocalState({
    user: { id: 'mallory', name: 42, color: '#ff0000' },
    cursor: { x: 1e300, y: -Infinity },
    selection: [7, null],
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  started = Date.now();
  await page.goto(room.editLink);
  const notice = page.getByTestId('invalid-elements');
  await expect(notice).toContainText('2 elements are not shown', { timeout: 20_000 });
  const opened = Date.now() - started;
  console.log(`hostile map named its invalid elements in ${opened} ms (plain map: ${baseline} ms)`);
  // 2 s on an idle machine; on a loaded one (2 cores shared by many), no slower than the
  // same map without the bad elements by more than half.
  expect(opened, 'time to open the map and name the invalid elements').toBeLessThan(
    Math.max(2_000, 1.5 * baseline),
  );
  await notice.getByRole('button', { name: 'Which?' }).click();
  await expect(notice).toContainText('“Unreachable factor”');
  await expect(notice).toContainText('“Overflowing factor”');
  await expectConnected(page);

  // The rest of the map is drawn and the page still answers.
  const shown = await page.evaluate(() => {
    const w = window as unknown as {
      __weavemap: {
        editor: {
          renderer: {
            scene: { elements: Map<string, unknown> };
            renderNow(): { elements: number };
          };
        };
      };
    };
    const r = w.__weavemap.editor.renderer;
    return { inScene: r.scene.elements.size, drawn: r.renderNow().elements };
  });
  expect(shown.inScene).toBe(example.elements.length);
  expect(shown.drawn).toBeGreaterThan(0);
  await expect(page.getByTestId('status-counts')).toContainText(
    `${example.elements.length + 2} elements`,
  );
  // Mallory's presence never showed as a person (the host drops it; the page would skip it too),
  // and nothing on the page threw.
  await expect(page.getByRole('list', { name: 'People online' })).not.toContainText('42');
  expect(pageErrors).toEqual([]);
  mallory.destroy();
  await ana.context.close();
});
