import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, removeElements } from '../../../shared/domain/elements';
import { readSnapshot } from '../../../shared/schema/snapshot';
import {
  advancePhase,
  diffMaps,
  initAgenda,
  openVersion,
  restoreVersion,
  type SessionContext,
} from '../../../shared/session/index';
import type { VersionResponse, VersionStateResponse } from '../routes/versions';
import { useFileHost } from '../testing/file-host';
import { createRoom, waitFor } from '../testing/host';
import type { SyncClient } from '../testing/sync-client';
import { presentNames } from './recorder';

const test = useFileHost({ history: { autoIntervalMs: 150 } });

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

async function listVersions(roomId: string, secret: string): Promise<VersionResponse[]> {
  const res = await test.api(`/api/rooms/${roomId}/versions`, { headers: bearer(secret) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { versions: VersionResponse[] }).versions;
}

function join(secret: string, roomId: string, user: { id: string; name: string }) {
  const client = test.connect(roomId, secret);
  client.provider.awareness?.setLocalStateField('user', user);
  return client;
}

const ctx = (client: SyncClient, userId: string, facilitator = false): SessionContext => ({
  doc: client.doc,
  origin: { user: userId },
  userId,
  facilitator,
});

describe('room history', () => {
  it('keeps named, phase and automatic versions with who was present; restore is undoable', async () => {
    const room = await createRoom(test, 'History');
    const fac = join(room.facilitatorSecret, room.roomId, { id: 'u-fac', name: 'Fiona' });
    const ana = join(room.editSecret, room.roomId, { id: 'u-ana', name: 'Ana' });
    await Promise.all([fac.synced, ana.synced]);
    await waitFor(
      async () => (await test.host.withRoomDoc(room.roomId, presentNames)).join() === 'Ana,Fiona',
      'the host to see both people',
    );

    const trust = addElement(ctx(ana, 'u-ana'), { kind: 'factor', label: 'Trust' });
    await waitFor(() => !ana.provider.hasUnsyncedChanges, 'the host to apply the edit');

    // Named, by an edit link.
    const post = await test.api(`/api/rooms/${room.roomId}/versions`, {
      method: 'POST',
      headers: { ...bearer(room.editSecret), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '  after mapping ', by: 'Ana' }),
    });
    expect(post.status).toBe(201);
    const named = (await post.json()) as VersionResponse;
    expect(named).toMatchObject({
      name: 'after mapping',
      reason: 'named',
      present: ['Ana', 'Fiona'],
    });

    // A phase change keeps a version named after the phase that begins.
    initAgenda(ctx(fac, 'u-fac', true));
    advancePhase(ctx(fac, 'u-fac', true));
    await waitFor(
      async () =>
        (await listVersions(room.roomId, room.viewSecret)).some((v) => v.reason === 'phase'),
      'a phase version',
    );
    const phase = (await listVersions(room.roomId, room.viewSecret)).find(
      (v) => v.reason === 'phase',
    );
    expect(phase?.name).toBe('Phase: Connect');

    // Activity gets an automatic version once the interval has passed.
    removeElements(ctx(ana, 'u-ana'), [trust]);
    addElement(ctx(ana, 'u-ana'), { kind: 'factor', label: 'Staff' });
    await waitFor(
      async () =>
        (await listVersions(room.roomId, room.editSecret)).some((v) => v.reason === 'auto'),
      'an automatic version',
    );
    const list = await listVersions(room.roomId, room.facilitatorSecret);
    expect(list.map((v) => v.id)).toContain(named.id);
    // The answer says what the room takes on disk.
    const listed = (await (
      await test.api(`/api/rooms/${room.roomId}/versions`, { headers: bearer(room.viewSecret) })
    ).json()) as { disk: { document: number; log: number; versions: number; total: number } };
    expect(listed.disk.versions).toBeGreaterThan(0);
    expect(listed.disk.document + listed.disk.log).toBeGreaterThan(0);
    expect(listed.disk.total).toBe(listed.disk.document + listed.disk.log + listed.disk.versions);
    const times = list.map((v) => v.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a)); // newest first

    // The state, as binary and as JSON.
    const bin = await test.api(`/api/rooms/${room.roomId}/versions/${named.id}`, {
      headers: bearer(room.viewSecret),
    });
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
    const state = new Uint8Array(await bin.arrayBuffer());
    const json = (await (
      await test.api(`/api/rooms/${room.roomId}/versions/${named.id}`, {
        headers: { ...bearer(room.viewSecret), Accept: 'application/json' },
      })
    ).json()) as VersionStateResponse;
    expect(Buffer.from(json.state, 'base64').equals(Buffer.from(state))).toBe(true);
    const versionMap = readSnapshot(openVersion(state));
    expect([...versionMap.elements.values()].map((e) => e.label)).toEqual(['Trust']);

    // Restore by the facilitator's client: a new change everyone sees, undone by the facilitator.
    const undo = new Y.UndoManager(
      ['elements', 'connections', 'sources', 'loops', 'meta'].map((k) => fac.doc.getMap(k)),
      { trackedOrigins: new Set([ctx(fac, 'u-fac').origin]) },
    );
    const facCtx = { ...ctx(fac, 'u-fac', true), origin: [...undo.trackedOrigins][0] };
    restoreVersion(facCtx, fac.doc, state);
    await waitFor(() => diffMaps(versionMap, readSnapshot(ana.doc)).same, 'Ana to see the restore');
    expect(readSnapshot(ana.doc).elements.has(trust)).toBe(true);
    undo.undo();
    await waitFor(
      () => [...readSnapshot(ana.doc).elements.values()].map((e) => e.label).join() === 'Staff',
      'Ana to see the restore undone',
    );
    undo.destroy();
  });

  it('answers clear errors', async () => {
    const room = await createRoom(test);
    const post = (secret: string, body: unknown) =>
      test.api(`/api/rooms/${room.roomId}/versions`, {
        method: 'POST',
        headers: { ...bearer(secret), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(room.viewSecret, { name: 'x' })).status).toBe(403);
    expect((await post('wrong', { name: 'x' })).status).toBe(401);
    expect((await post(room.editSecret, { name: '' })).status).toBe(400);
    expect((await post(room.editSecret, { name: 'x'.repeat(201) })).status).toBe(400);
    const missing = await test.api(`/api/rooms/${room.roomId}/versions/nope`, {
      headers: bearer(room.viewSecret),
    });
    expect(missing.status).toBe(404);
    expect(
      (await test.api(`/api/rooms/AAAAAAAAAAAAAAAA/versions`, { headers: bearer('x') })).status,
    ).toBe(404);
  });
});
