import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, connect } from '../../../shared/domain/index';
import { initMap } from '../../../shared/domain/map';
import { testContext } from '../../../shared/domain/test-context';
import { connectionsMap, metaMap } from '../../../shared/schema/doc';
import { migratedKey, migratedVersion } from '../../../shared/schema/record-migrations';
import { readSnapshot } from '../../../shared/schema/snapshot';
import { useHostsPerTest } from '../testing/file-host';
import { createRoom } from '../testing/host';

const { start, connect: join, stop } = useHostsPerTest();

describe('record migrations on the host', () => {
  it('runs pending steps once when it loads a room, before anyone reads it', async () => {
    const first = await start();
    const room = await createRoom(first, 'Old map');
    // The room as an older host left it: a confidence imported as " High ", no migration noted.
    const ids = await first.host.withRoomDoc(room.roomId, (doc) => {
      const ctx = testContext('ana', doc);
      initMap(ctx, 'Old map');
      const a = addElement(ctx, { kind: 'factor', label: 'A' });
      const b = addElement(ctx, { kind: 'factor', label: 'B' });
      const c = connect(ctx, { from: a, to: b, kind: 'causal' });
      doc.transact(() => {
        (connectionsMap(doc).get(c) as Y.Map<unknown>).set('confidence', ' High ');
        metaMap(doc).delete(migratedKey('connection'));
      });
      return { c };
    });
    await stop(first);

    const second = await start({ dataDir: first.dataDir });
    const reader = join(second, room.roomId, room.viewSecret);
    await reader.synced;
    expect(readSnapshot(reader.doc).connections.get(ids.c)?.confidence).toBe('high');
    expect(migratedVersion(reader.doc, 'connection')).toBe(1);
    expect(second.logs.filter((l) => l.includes('migrated room'))).toHaveLength(1);
    await stop(second);

    // Stored: the next load finds nothing to do.
    const third = await start({ dataDir: first.dataDir });
    const again = join(third, room.roomId, room.viewSecret);
    await again.synced;
    expect(readSnapshot(again.doc).connections.get(ids.c)?.confidence).toBe('high');
    expect(third.logs.filter((l) => l.includes('migrated room'))).toEqual([]);
  });
});
