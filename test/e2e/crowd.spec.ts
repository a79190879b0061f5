import { join } from 'node:path';
import { test, expect, newPerson, REPO } from '../support/fixtures';
import { editorState } from '../support/app';
import { seedRoom } from '../support/seed';
import { addElement } from '../../shared/domain/index';
import { connectSync, type SyncClient } from '../../canvas/server/testing/sync-client';

/**
 * Issue 17, "the UI with 200 people": a room with 60 others in it (Node clients joined through
 * the host, as test/load does), seen from a browser. The avatars collapse into a count, which
 * opens the People view; the list is searched by name; only cursors near the view are drawn.
 */
const SHOTS = join(REPO, 'docs', 'screenshots');
const PEERS = 60;
const FIRST = [
  'Ada',
  'Ben',
  'Chidi',
  'Dana',
  'Emil',
  'Farah',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kemi',
  'Lars',
];
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2'];
const LAST = ['Abbott', 'Baptiste', 'Costa', 'Dube', 'Eze'];
const nameOf = (i: number): string =>
  i === 7 ? 'Zoë Okafor' : `${FIRST[i % FIRST.length]!} ${LAST[Math.floor(i / FIRST.length)]!}`;

test('a crowd of 60: collapsed avatars, a searchable people list, far cursors hidden', async ({
  browser,
  host,
}) => {
  test.setTimeout(180_000);
  // A small map around the origin, so the view fits it.
  const room = await seedRoom(host.url, 'Plenary', (ctx) => {
    for (let i = 0; i < 6; i++)
      addElement(ctx, {
        kind: 'factor',
        label: `Table ${i + 1}`,
        position: [(i % 3) * 220, Math.floor(i / 3) * 160],
      });
  });
  const wsBase = host.url.replace(/^http/, 'ws').replace(/\/$/, '');
  const peers: SyncClient[] = [];
  try {
    for (let i = 0; i < PEERS; i++) {
      const peer = connectSync(wsBase, room.roomId, room.editSecret);
      peers.push(peer);
      await peer.synced;
      const far = i % 3 === 0;
      peer.provider.awareness!.setLocalState({
        user: {
          id: `crowd-${i}`,
          name: nameOf(i),
          color: COLORS[i % COLORS.length]!,
        },
        // Two in three point at the map in view; one in three far away from it.
        cursor: far
          ? { x: 40_000 + i, y: 40_000 }
          : { x: -40 + ((i * 97) % 560), y: -50 + ((i * 61) % 280) },
        selection: [],
        viewport: { x: 220, y: 80, k: 1, w: 1280, h: 800 },
      });
    }

    const ana = await newPerson(browser, 'Ana');
    const { page } = ana;
    await page.goto(room.editLink);
    await expect(page.getByTestId('status-counts')).toContainText('6 elements');

    // The title bar: Ana, six others, and "+54".
    const more = page.getByTestId('avatars-more');
    await expect(more).toHaveText(`+${PEERS - 6}`);
    await expect(
      page.getByRole('list', { name: 'People online' }).getByRole('listitem'),
    ).toHaveCount(8);

    // Far cursors are not drawn; near ones are, at most 25.
    await expect
      .poll(() => editorState(page, (h) => h.cursors().length), { timeout: 30_000 })
      .toBeGreaterThan(10);
    const cursors = await editorState(page, (h) => h.cursors().map((c) => ({ ...c })));
    expect(cursors.length).toBeLessThanOrEqual(25);
    expect(cursors.every((c) => c.x < 1000 && c.y < 1000)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'crowd-60-map.png') });

    // "+54" opens everyone, searchable.
    await more.click();
    await expect(page.getByTestId('people-count')).toHaveText(`${PEERS + 1} people here`);
    const list = page.getByRole('list', { name: 'People in this map' });
    await expect(list.getByRole('listitem')).toHaveCount(PEERS);
    await page.getByRole('searchbox', { name: 'Find someone by name' }).fill('zoe');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('Zoë Okafor');
    await page.screenshot({ path: join(SHOTS, 'crowd-60-people-search.png') });
    await page.getByRole('searchbox', { name: 'Find someone by name' }).fill('nobody');
    await expect(list).toContainText('Nobody here is named “nobody”.');
    await ana.context.close();
  } finally {
    for (const p of peers) p.destroy();
  }
});
