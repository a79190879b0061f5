import { describe, expect, it } from 'vitest';
import { addElement } from '../../../shared/domain/elements';
import { readSnapshot } from '../../../shared/schema/snapshot';
import { isMapLocked, setMapLocked, type SessionContext } from '../../../shared/session/index';
import { useFileHost } from '../testing/file-host';
import { createRoom, waitFor } from '../testing/host';
import type { SyncClient } from '../testing/sync-client';

const test = useFileHost();

const ctx = (client: SyncClient, userId: string, facilitator = false): SessionContext => ({
  doc: client.doc,
  origin: { user: userId },
  userId,
  facilitator,
});

const labels = (doc: SyncClient['doc']): string[] =>
  [...readSnapshot(doc).elements.values()].map((e) => e.label).sort();

const storedLabels = (roomId: string): Promise<string[]> =>
  test.host.withRoomDoc(roomId, (doc) => labels(doc));

describe('whole-map lock, enforced by the host', () => {
  it('refuses participants while locked, keeps facilitators writing, and lets participants back after', async () => {
    const room = await createRoom(test, 'Lock');
    const fac = test.connect(room.roomId, room.facilitatorSecret);
    const ana = test.connect(room.roomId, room.editSecret);
    const ben = test.connect(room.roomId, room.editSecret);
    await Promise.all([fac.synced, ana.synced, ben.synced]);

    addElement(ctx(ana, 'ana'), { kind: 'factor', label: 'Before the lock' });
    await waitFor(() => labels(ben.doc).includes('Before the lock'), 'Ben to see the first edit');

    setMapLocked(ctx(fac, 'fac', true), true);
    await waitFor(() => isMapLocked(ana.doc) && isMapLocked(ben.doc), 'everyone to see the lock');

    // Ana's client ignores the lock (a modified client): the host must refuse her write.
    const refusedBefore = ana.refusedUpdates();
    addElement(ctx(ana, 'ana'), { kind: 'factor', label: 'During the lock (Ana)' });
    await waitFor(() => ana.refusedUpdates() > refusedBefore, 'the host to refuse Ana');
    addElement(ctx(ana, 'ana'), { kind: 'factor', label: 'During the lock (Ana, again)' });
    await waitFor(() => ana.refusedUpdates() > refusedBefore + 1, 'the host to refuse Ana again');

    addElement(ctx(fac, 'fac'), { kind: 'factor', label: 'During the lock (facilitator)' });
    await waitFor(
      () => labels(ben.doc).includes('During the lock (facilitator)'),
      "Ben to receive the facilitator's edit",
    );
    expect(labels(ben.doc)).not.toContain('During the lock (Ana)');
    expect(await storedLabels(room.roomId)).toEqual([
      'Before the lock',
      'During the lock (facilitator)',
    ]);

    // A participant cannot lift the lock either.
    setMapLocked(ctx(ben, 'ben', true), false);
    await waitFor(() => ben.refusedUpdates() > 0, 'the host to refuse Ben unlocking');
    expect(await test.host.withRoomDoc(room.roomId, (doc) => isMapLocked(doc))).toBe(true);

    setMapLocked(ctx(fac, 'fac', true), false);
    await waitFor(() => !isMapLocked(ana.doc), 'Ana to see the unlock');
    addElement(ctx(ana, 'ana'), { kind: 'factor', label: 'After the lock' });
    await waitFor(
      async () => (await storedLabels(room.roomId)).includes('After the lock'),
      "the host to store Ana's new edit",
    );
    // What Ana's client wrote during the lock reaches the map only now, as after an offline
    // spell (the host asked her client to sync again), so no later edit waits on it.
    await waitFor(
      () =>
        labels(ben.doc).includes('After the lock') &&
        labels(ben.doc).includes('During the lock (Ana)') &&
        labels(ben.doc).includes('During the lock (Ana, again)'),
      'Ben to converge',
    );
    expect(await storedLabels(room.roomId)).toEqual(labels(ana.doc));
    // The host has everything Ana wrote, so her client must not keep showing "Saving…".
    await waitFor(
      () => ana.provider.unsyncedChanges === 0,
      "Ana's client to count no unsaved change",
    );
  });
});
