// Element search by a view link on a big map: bounded per room, chunked, within a budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addElement } from '../../../shared/domain/index';
import type { ElementSearchResponse } from '../routes/elements-search';
import type { CreateRoomResponse } from '../routes/rooms';
import type { TestHost } from '../testing/host';
import { createRoom, startTestHost } from '../testing/host';
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
    expect(res.status).toBe(200);
    const { elements } = (await res.json()) as ElementSearchResponse;
    expect(elements.map((e) => e.label)).toEqual([
      'Factor 999 of the water system',
      'Factor 9990 of the water system',
      'Factor 9991 of the water system',
      'Factor 9992 of the water system',
      'Factor 9993 of the water system',
    ]);
  });

  it('answers 20 concurrent searches by a view link with results or 429, and keeps serving', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => search('water')));
    const statuses = answers.map((res) => res.status);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    const limited = answers.find((res) => res.status === 429);
    expect(limited?.headers.get('retry-after')).toBe('1');
    for (const res of answers.filter((r) => r.status === 200))
      expect(((await res.json()) as ElementSearchResponse).elements).toHaveLength(5);
    expect((await test.api('/api/health')).status).toBe(200);
    // The slots are free again.
    expect((await search('water')).status).toBe(200);
  });

  it('refuses an over-long query before scanning', async () => {
    expect((await search('x'.repeat(201))).status).toBe(400);
  });
});
