import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearerToken, HttpError, readJson, sendJson } from './http/json';
import { HostClosingError } from './realtime/sync';
import type { RouteModule } from './routes/services';
import type { TestHost } from './testing/host';
import { createRoom, startTestHost } from './testing/host';
import { connectSync } from './testing/sync-client';

const hosts: TestHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((test) => test.host.close()));
});

/** A feature route written the way the clips endpoint will be: auth, then a direct write. */
const noteRoutes: RouteModule = (router, { rooms, withRoomDoc, limits }) => {
  router.post('/api/rooms/:id/notes', async ({ req, res, params }) => {
    const id = params.id ?? '';
    const auth = await rooms.authenticate(id, bearerToken(req) ?? '');
    if (!auth || auth.role === 'view') throw new HttpError(401, 'An edit secret is needed.');
    const body = (await readJson(req, limits.maxBodyBytes)) as { text?: unknown } | undefined;
    if (typeof body?.text !== 'string')
      throw new HttpError(400, 'text must be a string.', ['text']);
    const text = body.text;
    await withRoomDoc(id, (doc) =>
      doc.transact(() => doc.getArray<string>('notes').push([text]), 'notes-api'),
    );
    sendJson(res, 201, { ok: true });
  });
  router.get('/api/rooms/:id/boom', async ({ params }) => {
    await withRoomDoc(params.id ?? '', () => undefined);
  });
};

describe('host', () => {
  it('lets a feature module add routes that write into a room, persisted and seen live', async () => {
    const test = await startTestHost({ routes: [noteRoutes] });
    hosts.push(test);
    const room = await createRoom(test);
    const viewer = connectSync(test.wsBase, room.roomId, room.viewSecret);
    await viewer.synced;
    const seen = new Promise<void>((resolve) =>
      viewer.doc.getArray('notes').observe(() => {
        if (viewer.doc.getArray('notes').toArray().includes('from the API')) resolve();
      }),
    );

    const post = (secret: string, body: unknown) =>
      test.api(`/api/rooms/${room.roomId}/notes`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(room.viewSecret, { text: 'nope' })).status).toBe(401);
    expect(await (await post(room.editSecret, { text: 3 })).json()).toEqual({
      error: 'text must be a string.',
      fields: ['text'],
    });
    expect((await post(room.editSecret, { text: 'from the API' })).status).toBe(201);
    await seen;
    viewer.destroy();

    // withRoomDoc on an unknown room turns into a JSON 404.
    const unknown = await test.api('/api/rooms/AAAAAAAAAAAAAAAA/boom');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'No such room.' });

    await test.host.close();
    hosts.splice(0);
    const again = await startTestHost({ dataDir: test.dataDir });
    hosts.push(again);
    expect(
      await again.host.withRoomDoc(room.roomId, (doc) => doc.getArray('notes').toArray()),
    ).toEqual(['from the API']);
  });

  it('refuses WebSocket upgrades on other paths and stops cleanly, once', async () => {
    const test = await startTestHost();
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${test.wsBase}/elsewhere`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(refused).toBe(404);

    const room = await createRoom(test);
    await Promise.all([test.host.close(), test.host.close()]);
    await expect(test.host.withRoomDoc(room.roomId, () => 0)).rejects.toBeInstanceOf(
      HostClosingError,
    );
    await expect(fetch(new URL('/api/health', test.host.url))).rejects.toThrow();
  });
});
