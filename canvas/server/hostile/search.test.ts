// Element search by a view link on a big map: bounded per room, chunked, within a budget.
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addElement } from '../../../shared/domain/index';
import type { ElementSearchResponse } from '../routes/elements-search';
import type { CreateRoomResponse } from '../routes/rooms';
import type { TestHost } from '../testing/host';
import { createRoom, startTestHost, waitFor } from '../testing/host';
import { statusOf } from '../testing/raw-http';
import { connectSync, type SyncClient } from '../testing/sync-client';

const ELEMENTS = 10_000;
let test: TestHost;
let room: CreateRoomResponse;
let viewer: SyncClient;

beforeAll(async () => {
  test = await startTestHost({ heavyReads: { perRoom: 2, total: 8 } });
  room = await createRoom(test, 'Big map');
  await test.host.withRoomDoc(room.roomId, (doc) => {
    const ctx = { doc, origin: 'test', userId: 'test' };
    doc.transact(() => {
      for (let i = 0; i < ELEMENTS; i++)
        addElement(ctx, { kind: 'factor', label: `Factor ${i} of the water system` });
    });
  });
  // Keeps the document loaded, as during a workshop.
  viewer = connectSync(test.wsBase, room.roomId, room.viewSecret);
  await viewer.synced;
}, 120_000);
afterAll(async () => {
  viewer.destroy();
  await test.host.close();
});

const search = (q: string) =>
  test.api(`/api/rooms/${room.roomId}/elements?q=${encodeURIComponent(q)}&limit=5`, {
    headers: { Authorization: `Bearer ${room.viewSecret}` },
  });

describe('element search under load', () => {
  it('finds the best matches in a map of 10,000 elements', async () => {
    const res = await search('factor 999');
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const { elements } = JSON.parse(text) as ElementSearchResponse;
    expect(elements.map((e) => e.label)).toEqual([
      'Factor 999 of the water system',
      'Factor 9990 of the water system',
      'Factor 9991 of the water system',
      'Factor 9992 of the water system',
      'Factor 9993 of the water system',
    ]);
  });

  it('answers 20 simultaneous searches by a view link: 2 run, 18 get 429, and it keeps serving', async () => {
    // Twenty connections open and each answer a health check first (so the host has accepted
    // and is reading all of them); then every search is written in one tick: the host reads them
    // all in its next poll, before any search can finish.
    const sockets = await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<Socket>((resolve, reject) => {
            const socket = connect({ port: test.host.port, host: '127.0.0.1' }, () =>
              resolve(socket),
            );
            socket.once('error', reject);
          }),
      ),
    );
    const texts = sockets.map(() => '');
    sockets.forEach((socket, i) =>
      socket.on('data', (chunk: Buffer) => (texts[i] += chunk.toString('utf8'))),
    );
    const answered = (i: number) => /\r\n\r\n\{"ok":true\}/.test(texts[i] ?? '');
    const head = (target: string, connection: string) =>
      [
        `GET ${target} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Authorization: Bearer ${room.viewSecret}`,
        `Connection: ${connection}`,
        '',
        '',
      ].join('\r\n');
    for (const socket of sockets) socket.write(head('/api/health', 'keep-alive'));
    await waitFor(() => sockets.every((_, i) => answered(i)), 'every connection to be served');
    texts.fill('');
    const answers = sockets.map(
      (socket, i) =>
        new Promise<string>((resolve) => socket.on('close', () => resolve(texts[i] ?? ''))),
    );
    const request = head(`/api/rooms/${room.roomId}/elements?q=water&limit=5`, 'close');
    for (const socket of sockets) socket.write(request);
    const raw = await Promise.all(answers);
    const statuses = raw.map(statusOf);
    for (const answer of raw.filter((text) => statusOf(text) === 429))
      expect(answer).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(statuses.filter((status) => status === 429)).toHaveLength(18);
    expect((await test.api('/api/health')).status).toBe(200);
    // The slots are free again.
    const again = await search('water');
    expect(again.status).toBe(200);
    expect(((await again.json()) as ElementSearchResponse).elements).toHaveLength(5);
  });

  it('refuses an over-long query before scanning', async () => {
    expect((await search('x'.repeat(201))).status).toBe(400);
  });
});
