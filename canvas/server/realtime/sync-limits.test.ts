import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useHostsPerTest } from '../testing/file-host';
import { createRoom, waitFor } from '../testing/host';

const { start, connect } = useHostsPerTest();

/** A map shaped like schema v1: `elements` and `connections` of nested Y.Maps. */
function buildMap(elementCount: number, connectionCount: number): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const elements = doc.getMap<Y.Map<unknown>>('elements');
    const connections = doc.getMap<Y.Map<unknown>>('connections');
    for (let i = 0; i < elementCount; i++) {
      const id = `el${i.toString(36).padStart(8, '0')}`;
      elements.set(
        id,
        new Y.Map<unknown>([
          ['id', id],
          ['kind', i % 3 === 0 ? 'actor' : 'factor'],
          ['label', `Element number ${i} with a realistic label`],
          ['description', 'A short description of this factor in the system.'],
          ['tags', ['food', 'soil']],
          ['position', [(i % 50) * 180, Math.floor(i / 50) * 120]],
          ['createdBy', 'tester'],
          ['createdAt', 1_700_000_000_000 + i],
        ]),
      );
    }
    for (let i = 0; i < connectionCount; i++) {
      const id = `cn${i.toString(36).padStart(8, '0')}`;
      const from = `el${(i % elementCount).toString(36).padStart(8, '0')}`;
      const to = `el${((i * 7 + 1) % elementCount).toString(36).padStart(8, '0')}`;
      connections.set(
        id,
        new Y.Map<unknown>([
          ['id', id],
          ['from', from],
          ['to', to],
          ['kind', 'causal'],
          ['polarity', i % 2 === 0 ? '+' : '-'],
          ['direction', 'directed'],
          ['createdAt', 1_700_000_000_000 + i],
        ]),
      );
    }
  });
  return doc;
}

describe('/sync message limits', () => {
  it('syncs a map of 2,000 elements and 4,000 connections with the default cap', async () => {
    const test = await start();
    const room = await createRoom(test);
    const map = buildMap(2000, 4000);
    const bytes = Y.encodeStateAsUpdate(map).byteLength;
    expect(bytes).toBeGreaterThan(500_000);

    const uploader = connect(test, room.roomId, room.editSecret, map);
    await uploader.synced;
    await waitFor(() => !uploader.provider.hasUnsyncedChanges, 'the host to apply the map', 15_000);

    const started = Date.now();
    const reader = connect(test, room.roomId, room.viewSecret);
    await reader.synced;
    const elapsed = Date.now() - started;
    expect(reader.doc.getMap('elements').size).toBe(2000);
    expect(reader.doc.getMap('connections').size).toBe(4000);
    console.info(`[sync-limits] a ${bytes}-byte map reached a new client in ${elapsed} ms`);
  });

  it('refuses an update over the cap, logs it, keeps the room intact and keeps serving', async () => {
    const test = await start({ maxSyncMessageBytes: 256 * 1024 });
    const room = await createRoom(test);

    const normal = connect(test, room.roomId, room.editSecret);
    await normal.synced;
    normal.doc.getMap('m').set('before', 1);
    await waitFor(() => !normal.provider.hasUnsyncedChanges, 'the first edit to land');

    const big = connect(test, room.roomId, room.editSecret);
    await big.synced;
    big.doc.getMap('m').set('huge', 'x'.repeat(400 * 1024));
    await waitFor(
      () => test.logs.some((line) => line.includes('refused a message over 262144 bytes')),
      'the host to log the refusal',
    );
    big.destroy();

    // The host still serves: edits flow and new clients sync, without the oversized write.
    normal.doc.getMap('m').set('after', 2);
    const late = connect(test, room.roomId, room.viewSecret);
    await late.synced;
    await waitFor(
      () => late.doc.getMap('m').get('after') === 2,
      'a later edit to reach a new client',
    );
    expect(late.doc.getMap('m').has('huge')).toBe(false);
    expect(await test.host.withRoomDoc(room.roomId, (doc) => doc.getMap('m').toJSON())).toEqual({
      before: 1,
      after: 2,
    });
    expect((await test.api('/api/health')).status).toBe(200);
  });
});
