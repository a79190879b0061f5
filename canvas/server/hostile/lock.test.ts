// The whole-map lock over HTTP: clips and versions are writes, refused while the map is locked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshot } from '../../../shared/schema/snapshot';
import { setMapLocked } from '../../../shared/session/index';
import type { CreateRoomResponse } from '../routes/rooms';
import type { TestHost } from '../testing/host';
import { createRoom, startTestHost } from '../testing/host';

let test: TestHost;
let room: CreateRoomResponse;

beforeAll(async () => {
  test = await startTestHost();
  room = await createRoom(test, 'Locked');
});
afterAll(() => test.host.close());

const lock = (locked: boolean) =>
  test.host.withRoomDoc(room.roomId, (doc) =>
    setMapLocked({ doc, origin: 'test', userId: 'fac', facilitator: true }, locked),
  );

let serial = 0;
const clip = (secret: string) =>
  test.api(`/api/rooms/${room.roomId}/clips`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
    body: JSON.stringify({
      clipId: `locked-clip-${++serial}`.padEnd(20, 'x'),
      kind: 'page',
      url: `https://example.org/page-${serial}`,
      metadata: { title: `Page ${serial}` },
      clippedBy: 'Ana',
      clippedAt: 1,
    }),
  });

const version = (secret: string, name: string) =>
  test.api(`/api/rooms/${room.roomId}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
    body: JSON.stringify({ name }),
  });

const sourceCount = () =>
  test.host.withRoomDoc(room.roomId, (doc) => readSnapshot(doc).sources.size);

const versionNames = async () => {
  const res = await test.api(`/api/rooms/${room.roomId}/versions`, {
    headers: { Authorization: `Bearer ${room.viewSecret}` },
  });
  return ((await res.json()) as { versions: { name: string }[] }).versions.map((v) => v.name);
};

describe('HTTP writes under the whole-map lock', () => {
  it('refuses clips and versions from an edit link with 423 while locked; the facilitator writes', async () => {
    await lock(true);
    const sourcesBefore = await sourceCount();

    const refusedClip = await clip(room.editSecret);
    expect(refusedClip.status).toBe(423);
    expect(refusedClip.headers.get('retry-after')).toBe('30');
    expect(((await refusedClip.json()) as { error: string }).error).toMatch(/locked this map/);
    const refusedVersion = await version(room.editSecret, 'during the lock (edit)');
    expect(refusedVersion.status).toBe(423);
    expect(await sourceCount()).toBe(sourcesBefore);
    expect(await versionNames()).not.toContain('during the lock (edit)');

    expect((await clip(room.facilitatorSecret)).status).toBe(201);
    expect((await version(room.facilitatorSecret, 'during the lock (facilitator)')).status).toBe(
      201,
    );
    expect(await sourceCount()).toBe(sourcesBefore + 1);
    expect(await versionNames()).toContain('during the lock (facilitator)');
  });

  it('accepts them again once unlocked', async () => {
    await lock(false);
    expect((await clip(room.editSecret)).status).toBe(201);
    expect((await version(room.editSecret, 'after the lock')).status).toBe(201);
  });
});
