import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useHostsPerTest } from '../testing/file-host';
import type { TestHost } from '../testing/host';
import { createRoom, waitFor } from '../testing/host';

const { start, connect, stop } = useHostsPerTest();

/** The server's own copy of a room's map `m`, read through a direct connection. */
const serverMap = (test: TestHost, roomId: string) =>
  test.host.withRoomDoc(roomId, (doc) => doc.getMap('m').toJSON() as Record<string, unknown>);

describe('/sync', () => {
  it('keeps an edit across every client leaving and a restart of the host', async () => {
    const first = await start();
    const room = await createRoom(first, 'Persistence');
    const writer = connect(first, room.roomId, room.editSecret);
    await writer.synced;
    writer.doc.getMap('m').set('factor', 'Soil health');
    await waitFor(() => !writer.provider.hasUnsyncedChanges, 'the host to apply the edit');
    writer.destroy();
    // close() must write everything still waiting in Hocuspocus's debounced store.
    await first.host.close();

    const second = await start({ dataDir: first.dataDir });
    const reader = connect(second, room.roomId, room.viewSecret);
    await reader.synced;
    expect(reader.doc.getMap('m').get('factor')).toBe('Soil health');
  });

  it('flushes a pending store on close() while clients are still connected', async () => {
    const first = await start();
    const room = await createRoom(first);
    const writer = connect(first, room.roomId, room.facilitatorSecret);
    await writer.synced;
    writer.doc.getMap('m').set('phase', 'reflect');
    await waitFor(() => !writer.provider.hasUnsyncedChanges, 'the host to apply the edit');
    await first.host.close();

    const second = await start({ dataDir: first.dataDir });
    expect(await serverMap(second, room.roomId)).toEqual({ phase: 'reflect' });
  });

  it('gives a view secret live updates but never applies its writes', async () => {
    const test = await start();
    const room = await createRoom(test);
    const editor = connect(test, room.roomId, room.editSecret);
    const viewer = connect(test, room.roomId, room.viewSecret);
    await Promise.all([editor.synced, viewer.synced]);

    editor.doc.getMap('m').set('a', 1);
    await waitFor(() => viewer.doc.getMap('m').get('a') === 1, 'the viewer to receive the edit');

    viewer.doc.getMap('m').set('fromViewer', 'should not land');
    viewer.doc.getMap('m').delete('a');
    await waitFor(() => viewer.refusedUpdates() >= 2, 'the host to refuse the viewer updates');

    // The viewer still gets live updates afterwards.
    editor.doc.getMap('m').set('b', 2);
    await waitFor(
      () => viewer.doc.getMap('m').get('b') === 2,
      'the viewer to receive a later edit',
    );

    expect(await serverMap(test, room.roomId)).toEqual({ a: 1, b: 2 });
    expect(editor.doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });

    // Reconnecting (which resends the viewer's whole state) does not sneak the write in either.
    viewer.destroy();
    const again = connect(test, room.roomId, room.viewSecret, viewer.doc);
    await again.synced;
    await waitFor(() => again.refusedUpdates() >= 1, 'the host to refuse the resent state');
    expect(await serverMap(test, room.roomId)).toEqual({ a: 1, b: 2 });

    // And a restart reads back only what editors wrote.
    await stop(test);
    const restarted = await start({ dataDir: test.dataDir });
    expect(await serverMap(restarted, room.roomId)).toEqual({ a: 1, b: 2 });
  });

  it('refuses a wrong secret, another room s secret and an unknown room', async () => {
    const test = await start();
    const room = await createRoom(test);
    const other = await createRoom(test);

    expect(await connect(test, room.roomId, 'not-a-secret').refused).toBe('invalid-secret');
    expect(await connect(test, room.roomId, other.editSecret).refused).toBe('invalid-secret');
    expect(await connect(test, 'AAAAAAAAAAAAAAAA', room.editSecret).refused).toBe('unknown-room');
    expect(await connect(test, '../../etc/passwd', room.editSecret).refused).toBe('unknown-room');

    // A refused client's document never reaches the host.
    const intruderDoc = new Y.Doc();
    intruderDoc.getMap('m').set('vandal', true);
    expect(await connect(test, room.roomId, room.editSecret.slice(1), intruderDoc).refused).toBe(
      'invalid-secret',
    );
    expect(await serverMap(test, room.roomId)).toEqual({});
    // Refusals did not create rooms out of thin air.
    await expect(test.host.withRoomDoc('AAAAAAAAAAAAAAAA', () => 0)).rejects.toThrow(/No room/);
  });

  it('lets host features write into a room through withRoomDoc, seen live by clients', async () => {
    const test = await start();
    const room = await createRoom(test);
    const viewer = connect(test, room.roomId, room.viewSecret);
    await viewer.synced;
    await test.host.withRoomDoc(room.roomId, (doc) => {
      doc.transact(() => doc.getMap('m').set('clip', 'https://example.org/a'), 'test');
    });
    await waitFor(
      () => viewer.doc.getMap('m').get('clip') === 'https://example.org/a',
      'the viewer to see the write',
    );
  });
});
