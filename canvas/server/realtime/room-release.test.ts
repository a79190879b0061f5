import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addElement } from '../../../shared/domain/index';
import { elementsMap } from '../../../shared/schema/doc';
import type { TestHost } from '../testing/host';
import { createRoom, startTestHost, waitFor } from '../testing/host';
import type { SyncClient } from '../testing/sync-client';
import { connectSync } from '../testing/sync-client';

let test: TestHost;

beforeAll(async () => {
  test = await startTestHost();
});
afterAll(async () => {
  await test.host.close();
});

const none = { documents: 0, storage: 0, contract: 0, presence: 0, history: 0 };

async function open(roomId: string, secret: string, name: string): Promise<SyncClient> {
  const client = connectSync(test.wsBase, roomId, secret);
  await client.synced;
  client.provider.awareness!.setLocalState({
    user: { id: `id-${name}`, name, color: '#1f77b4' },
    cursor: { x: 1, y: 2 },
    selection: [],
    viewport: { x: 0, y: 0, k: 1 },
  });
  addElement({ doc: client.doc, origin: 'test', userId: name }, { kind: 'factor', label: name });
  return client;
}

describe('idle rooms are released', () => {
  it('holds a room in every part of the host while someone is in it, and nothing once they all left', async () => {
    expect(test.host.roomsInMemory()).toEqual(none);
    const rooms = await Promise.all([createRoom(test), createRoom(test), createRoom(test)]);
    const clients = await Promise.all(
      rooms.flatMap((r, i) => [
        open(r.roomId, r.editSecret, `a${i}`),
        open(r.roomId, r.editSecret, `b${i}`),
      ]),
    );
    await waitFor(
      () => clients.every((c) => elementsMap(c.doc).size === 2),
      'both cards in every room',
    );
    expect(test.host.roomsInMemory()).toEqual({
      documents: 3,
      storage: 3,
      contract: 3,
      presence: 3,
      history: 3,
    });

    // One room empties: only it is released.
    clients[0]!.destroy();
    clients[1]!.destroy();
    await waitFor(() => test.host.roomsInMemory().documents === 2, 'the first room unloaded');
    await waitFor(
      () => Object.values(test.host.roomsInMemory()).every((n) => n === 2),
      'every part released the first room',
    );

    for (const c of clients.slice(2)) c.destroy();
    await waitFor(
      () => Object.values(test.host.roomsInMemory()).every((n) => n === 0),
      'every room released',
    );
    expect(test.host.roomsInMemory()).toEqual(none);

    // A released room comes back whole when someone opens it again.
    const again = connectSync(test.wsBase, rooms[1]!.roomId, rooms[1]!.editSecret);
    await again.synced;
    expect(elementsMap(again.doc).size).toBe(2);
    expect(test.host.roomsInMemory().documents).toBe(1);
    again.destroy();
  });
});
