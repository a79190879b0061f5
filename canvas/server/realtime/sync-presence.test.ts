import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { useFileHost } from '../testing/file-host';
import { createRoom, waitFor } from '../testing/host';
import type { SyncClient } from '../testing/sync-client';

const test = useFileHost();

const join = test.joinAs;

const names = (client: SyncClient): string[] =>
  [...client.provider.awareness!.getStates().values()]
    .map((s) => (s as { user?: { name?: unknown } }).user?.name)
    .filter((n): n is string => typeof n === 'string')
    .sort();

/**
 * Makes `client`'s provider send presence for other client ids, as a modified client (or a peer
 * relaying the mesh) would: the states go into its awareness as if from elsewhere, and the
 * provider forwards them to the host.
 */
function forge(client: SyncClient, states: [clientId: number, state: unknown][]): void {
  const collector = new Awareness(new Y.Doc());
  for (const [clientId, state] of states) {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const fake = new Awareness(doc);
    // Outbid the real entry's clock.
    for (let i = 0; i < 50; i++) fake.setLocalState({ i });
    fake.setLocalState(state as Record<string, unknown>);
    applyAwarenessUpdate(collector, encodeAwarenessUpdate(fake, [clientId]), 'fake');
    fake.destroy();
  }
  // One message with every forged entry, as one relayed update would carry them.
  const ids = states.map(([clientId]) => clientId);
  applyAwarenessUpdate(client.provider.awareness!, encodeAwarenessUpdate(collector, ids), 'mesh');
  collector.destroy();
}

/** Every state `client` was shown, as it changed, and the client ids it saw removed. */
function record(client: SyncClient): { seen: unknown[]; removed: number[] } {
  const out = { seen: [] as unknown[], removed: [] as number[] };
  const awareness = client.provider.awareness!;
  awareness.on(
    'change',
    ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      for (const id of [...added, ...updated]) out.seen.push(awareness.getStates().get(id));
      out.removed.push(...removed);
    },
  );
  return out;
}

/** A later, legitimate presence change everyone must see: proof the forged ones were handled. */
async function barrier(from: SyncClient, to: SyncClient, name: string): Promise<void> {
  from.provider.awareness!.setLocalState({ user: { id: 'x', name, color: '#000000' } });
  await waitFor(() => names(to).includes(name), `${name} to reach the other client`);
}

describe('presence is a person’s own', () => {
  it('keeps a view link from replacing, adding or removing anyone else’s presence', async () => {
    const room = await createRoom(test, 'Presence');
    const fac = await join(room.roomId, room.facilitatorSecret, 'Facilitator');
    const ana = await join(room.roomId, room.editSecret, 'Ana');
    const mallory = await join(room.roomId, room.viewSecret, 'Watcher');
    await waitFor(
      () => names(fac).join() === 'Ana,Facilitator,Watcher',
      'everyone (the view link too) to show',
    );

    const shownToFac = record(fac);
    const facId = fac.provider.awareness!.clientID;
    const anaId = ana.provider.awareness!.clientID;
    forge(mallory, [[facId, { user: { id: 'm', name: 'Mallory', color: '#ff0000' } }]]);
    forge(
      mallory,
      Array.from({ length: 50 }, (_, i) => [
        1_000_000 + i,
        { user: { id: `f${i}`, name: `Fake ${i}`, color: '#ff0000' } },
      ]),
    );
    removeAwarenessStates(mallory.provider.awareness!, [anaId], 'mesh');
    await barrier(mallory, ana, 'Watcher 2');

    expect(names(ana)).toEqual(['Ana', 'Facilitator', 'Watcher 2']);
    expect(JSON.stringify(shownToFac.seen)).not.toMatch(/Mallory|Fake/);
    expect(shownToFac.removed).not.toContain(anaId);
    expect(names(fac)).toEqual(['Ana', 'Facilitator', 'Watcher 2']);
    expect(test.logs.some((l) => l.includes('presence for another client'))).toBe(true);
  });

  it('shows each person with the role of their link, whatever they claim', async () => {
    const room = await createRoom(test, 'Roles');
    const fac = await join(room.roomId, room.facilitatorSecret, 'Facilitator');
    const watcher = await join(room.roomId, room.viewSecret, 'Watcher');
    watcher.provider.awareness!.setLocalStateField('role', 'facilitator');
    fac.provider.awareness!.setLocalStateField('role', 'view');
    const roleOf = (client: SyncClient, from: SyncClient): unknown =>
      (
        client.provider.awareness!.getStates().get(from.provider.awareness!.clientID) as
          { role?: unknown } | undefined
      )?.role;
    await waitFor(
      () => roleOf(fac, watcher) === 'view' && roleOf(watcher, fac) === 'facilitator',
      'each role to come from the link',
    );
    expect(roleOf(fac, watcher)).toBe('view');
    expect(roleOf(watcher, fac)).toBe('facilitator');
  });

  it('drops presence with invalid fields and floods beyond the rate limit', async () => {
    const room = await createRoom(test, 'Presence fields');
    const ana = await join(room.roomId, room.editSecret, 'Ana');
    const ben = await join(room.roomId, room.editSecret, 'Ben');
    await waitFor(() => names(ana).join() === 'Ana,Ben', 'both to show');

    const shownToAna = record(ana);
    const benAwareness = ben.provider.awareness!;
    benAwareness.setLocalState({ user: { id: 'b', name: 42, color: 'red' } });
    benAwareness.setLocalState({
      user: { id: 'b', name: 'Ben', color: '#00ff00' },
      cursor: { x: 1e300, y: 0 },
    });
    const benId = benAwareness.clientID;
    const benShown = () =>
      ana.provider.awareness!.getStates().get(benId) as
        { user?: { color?: string }; cursor?: unknown } | undefined;
    await waitFor(() => benShown()?.user?.color === '#00ff00', "Ben's valid presence to arrive");
    // The malformed cursor was cleared; Ben still shows.
    expect(benShown()?.cursor).toBeNull();
    expect(JSON.stringify(shownToAna.seen)).not.toMatch(/42|1e\+300/);
    expect(test.logs.some((l) => l.includes('user.name must be text'))).toBe(true);

    // A flood: only about the burst gets through; the host still answers afterwards.
    for (let i = 0; i < 200; i++)
      ben.provider.awareness!.setLocalStateField('cursor', { x: i, y: 0 });
    await waitFor(
      () => test.logs.some((l) => l.includes('rate limit')),
      'the host to drop the flood',
    );
    expect((await test.api('/api/health')).status).toBe(200);
  });
});
