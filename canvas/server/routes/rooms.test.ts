import { Database } from '../sqlite-driver';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../paths';
import type { TestHost } from '../testing/host';
import { createRoom, startTestHost } from '../testing/host';

let test: TestHost;

beforeAll(async () => {
  test = await startTestHost({ roomsPerMinute: 1000 });
});
afterAll(() => test.host.close());

const getRoom = (roomId: string, secret?: string) =>
  test.api(
    `/api/rooms/${roomId}`,
    secret === undefined ? {} : { headers: { Authorization: `Bearer ${secret}` } },
  );

describe('POST /api/rooms', () => {
  it('creates a room with three distinct random secrets and fragment links', async () => {
    const room = await createRoom(test, '  Food system  ');
    expect(room.roomId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const secrets = [room.editSecret, room.viewSecret, room.facilitatorSecret];
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(new Set(secrets).size).toBe(3);
    expect(room.editLink).toBe(`${test.host.url}#/r/${room.roomId}?k=${room.editSecret}`);
    expect(room.viewLink).toBe(`${test.host.url}#/r/${room.roomId}?k=${room.viewSecret}`);
    expect(room.facilitatorLink).toBe(
      `${test.host.url}#/r/${room.roomId}?k=${room.facilitatorSecret}`,
    );
    // The secret sits after '#', so it is never part of a request line.
    expect(new URL(room.editLink).pathname).toBe('/');
    const other = await createRoom(test);
    expect(other.roomId).not.toBe(room.roomId);
  });

  it('stores only hashes of the secrets', async () => {
    const room = await createRoom(test, 'Hashes only');
    const db = new Database(join(test.dataDir, DATABASE_FILE), { readonly: true });
    try {
      const row = db.prepare('SELECT * FROM rooms WHERE id = ?').get(room.roomId) as Record<
        string,
        unknown
      >;
      expect(row.title).toBe('Hashes only');
      expect(Object.keys(row).sort()).toEqual(
        ['created_at', 'edit_hash', 'facilitator_hash', 'id', 'title', 'view_hash'].sort(),
      );
      const stored = JSON.stringify(row, (_key, value: unknown) =>
        Buffer.isBuffer(value) ? value.toString('latin1') : value,
      );
      const file = db.prepare('SELECT * FROM rooms').all();
      for (const secret of [room.editSecret, room.viewSecret, room.facilitatorSecret]) {
        expect(stored).not.toContain(secret);
        expect(JSON.stringify(file)).not.toContain(secret);
      }
      expect((row.edit_hash as Buffer).length).toBe(32);
    } finally {
      db.close();
    }
  });

  it('refuses an empty body and bad titles with a field list', async () => {
    // A page on another origin can send an empty POST without the browser asking the host first.
    const empty = await test.api('/api/rooms', { method: 'POST' });
    expect(empty.status).toBe(415);
    expect(((await empty.json()) as { error: string }).error).toMatch(/needs a JSON body/);

    const wrongType = await test.api('/api/rooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 42 }),
    });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toEqual({
      error: 'The title must be a string.',
      fields: ['title'],
    });

    const tooLong = await test.api('/api/rooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'x'.repeat(501) }),
    });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { fields: string[] }).fields).toEqual(['title']);

    const notJson = await test.api('/api/rooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title": ',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'The request body is not valid JSON.' });

    const notAnObject = await test.api('/api/rooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '[1,2]',
    });
    expect(notAnObject.status).toBe(400);

    const wrongMedia = await test.api('/api/rooms', { method: 'POST', body: 'title=x' });
    expect(wrongMedia.status).toBe(415);
  });

  it('answers 413 for a body over 1 MiB and creates nothing', async () => {
    const count = () => {
      const db = new Database(join(test.dataDir, DATABASE_FILE), { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM rooms').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const before = count();
    const response = await test.api('/api/rooms', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /larger than 1048576 bytes/,
    );
    expect(count()).toBe(before);
    // The host still serves.
    expect((await test.api('/api/health')).status).toBe(200);
  });
});

describe('GET /api/rooms/:id', () => {
  it('returns the role each secret grants', async () => {
    const room = await createRoom(test, 'Roles');
    const roles = await Promise.all(
      [room.editSecret, room.viewSecret, room.facilitatorSecret].map(async (secret) => {
        const response = await getRoom(room.roomId, secret);
        expect(response.status).toBe(200);
        return response.json();
      }),
    );
    expect(roles).toEqual([
      { roomId: room.roomId, title: 'Roles', role: 'edit' },
      { roomId: room.roomId, title: 'Roles', role: 'view' },
      { roomId: room.roomId, title: 'Roles', role: 'facilitator' },
    ]);
  });

  it('answers 401 for a missing or wrong secret and 404 for an unknown room, as JSON', async () => {
    const room = await createRoom(test);
    const other = await createRoom(test);

    const missing = await getRoom(room.roomId);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: string }).error).toMatch(/secret/);

    for (const wrong of [
      'nope',
      other.editSecret,
      `${room.editSecret}x`,
      room.editSecret.slice(0, -1),
    ]) {
      const response = await getRoom(room.roomId, wrong);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'The secret is not valid for this room.' });
    }

    const unknown = await getRoom('AAAAAAAAAAAAAAAA', room.editSecret);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'No such room.' });
    const malformed = await getRoom('..%2F..%2Fetc', room.editSecret);
    expect(malformed.status).toBe(404);
  });
});

describe('the rest of /api', () => {
  it('reports health and the host clock', async () => {
    expect(await (await test.api('/api/health')).json()).toEqual({ ok: true });
    const before = Date.now();
    const { now } = (await (await test.api('/api/time')).json()) as { now: number };
    expect(now).toBeGreaterThanOrEqual(before - 5);
    expect(now).toBeLessThanOrEqual(Date.now() + 5);
  });

  it('answers unknown endpoints and wrong methods with JSON errors', async () => {
    const unknown = await test.api('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/No such endpoint/);
    const wrongMethod = await test.api('/api/rooms', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('limits how many rooms one address creates per minute', async () => {
    const limited = await startTestHost({ roomsPerMinute: 2 });
    const create = () =>
      limited.api('/api/rooms', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
    try {
      expect((await create()).status).toBe(201);
      expect((await create()).status).toBe(201);
      const third = await create();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.host.close();
    }
  });
});
