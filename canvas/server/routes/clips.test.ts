import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addElement } from '../../../shared/domain/index';
import { readSnapshot } from '../../../shared/schema/snapshot';
import { LIMITS } from '../../../shared/schema/limits';
import type { CreateRoomResponse } from './rooms';
import type { TestHost } from '../testing/host';
import { createRoom, startTestHost, waitFor } from '../testing/host';
import { connectSync } from '../testing/sync-client';
import type { ClipRefusal, ClipResponse } from './clips';
import type { ElementSearchResponse } from './elements-search';

let test: TestHost;
let room: CreateRoomResponse;

beforeAll(async () => {
  test = await startTestHost({ roomsPerMinute: 1000 });
  room = await createRoom(test, 'Clips');
});
afterAll(() => test.host.close());

let serial = 0;
const clipId = () => `test-clip-${Date.now()}-${++serial}`.padEnd(20, 'x');

function aClip(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clipId: clipId(),
    kind: 'selection',
    url: 'https://www.example.org/reports/water?utm_campaign=spring',
    metadata: {
      title: 'Water in the valley',
      authors: ['Grace Hopper'],
      siteName: 'Example Institute',
      publishedAt: '2023-11-02',
      type: 'report',
    },
    quote: { exact: 'Aquifers recharge slowly', prefix: 'We found. ', suffix: ' and unevenly.' },
    note: '',
    tags: [],
    clippedBy: 'Ana',
    clippedAt: 1_700_000_000_000,
    ...over,
  };
}

const post = (roomId: string, secret: string | undefined, body: unknown, raw?: string) =>
  test.api(`/api/rooms/${roomId}/clips`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(secret === undefined ? {} : { Authorization: `Bearer ${secret}` }),
    },
    body: raw ?? JSON.stringify(body),
  });

describe('POST /api/rooms/:id/clips', () => {
  it('stores a clip as a source with its quote, seen live by a peer', async () => {
    const peer = connectSync(test.wsBase, room.roomId, room.viewSecret);
    await peer.synced;
    const body = aClip();
    const res = await post(room.roomId, room.editSecret, body);
    expect(res.status).toBe(201);
    const result = (await res.json()) as ClipResponse;
    expect(result).toMatchObject({ created: true, quoteId: body.clipId, replayed: false });
    await waitFor(
      () => readSnapshot(peer.doc).sources.has(result.sourceId),
      'the source at a peer',
    );
    const source = readSnapshot(peer.doc).sources.get(result.sourceId);
    expect(source?.title).toBe('Water in the valley');
    expect(source?.quotes.map((q) => q.exact)).toEqual(['Aquifers recharge slowly']);
    peer.destroy();
  });

  it('answers a replayed clip id with 200 and the same result, writing nothing more', async () => {
    const body = aClip({ newElement: { label: 'Slow recharge', kind: 'factor' } });
    const first = await post(room.roomId, room.editSecret, body);
    expect(first.status).toBe(201);
    const a = (await first.json()) as ClipResponse;
    const [second, third] = await Promise.all([
      post(room.roomId, room.editSecret, body),
      post(room.roomId, room.facilitatorSecret, body),
    ]);
    expect(second.status).toBe(200);
    expect(third.status).toBe(200);
    expect(await second.json()).toEqual({ ...a, replayed: true });
    const counts = await test.host.withRoomDoc(room.roomId, (doc) => {
      const snap = readSnapshot(doc);
      return {
        quotes: snap.sources.get(a.sourceId)?.quotes.filter((q) => q.id === body.clipId).length,
        elements: [...snap.elements.values()].filter((e) => e.label === 'Slow recharge').length,
      };
    });
    expect(counts).toEqual({ quotes: 1, elements: 1 });
  });

  it('adds a second clip of the same page to the existing source, not a duplicate', async () => {
    const fresh = await createRoom(test, 'Dedupe');
    const a = (await (await post(fresh.roomId, fresh.editSecret, aClip())).json()) as ClipResponse;
    const res = await post(
      fresh.roomId,
      fresh.editSecret,
      aClip({
        url: 'https://WWW.example.org/reports/water#section-2',
        quote: { exact: 'Wells run dry in August', prefix: '', suffix: '' },
      }),
    );
    expect(res.status).toBe(201);
    const b = (await res.json()) as ClipResponse;
    expect(b).toMatchObject({ sourceId: a.sourceId, created: false });
    const sources = await test.host.withRoomDoc(fresh.roomId, (doc) => [
      ...readSnapshot(doc).sources.values(),
    ]);
    expect(sources).toHaveLength(1);
    expect(sources[0]?.quotes.map((q) => q.exact)).toEqual([
      'Aquifers recharge slowly',
      'Wells run dry in August',
    ]);
  });

  it('attaches to elements that exist and reports ids that do not', async () => {
    const fresh = await createRoom(test, 'Attach');
    const el = await test.host.withRoomDoc(fresh.roomId, (doc) =>
      addElement({ doc, origin: 'test', userId: 'test' }, { kind: 'factor', label: 'Aquifer' }),
    );
    const res = await post(
      fresh.roomId,
      fresh.editSecret,
      aClip({ attachTo: [el, 'DeletedElement01'] }),
    );
    const r = (await res.json()) as ClipResponse;
    expect(r.skippedTargets).toEqual(['DeletedElement01']);
    const linked = await test.host.withRoomDoc(
      fresh.roomId,
      (doc) => readSnapshot(doc).sources.get(r.sourceId)?.linkedTo,
    );
    expect(linked).toEqual([el]);
  });

  it('refuses a bad clip with field-level errors and stores nothing', async () => {
    const fresh = await createRoom(test, 'Refusals');
    const res = await post(
      fresh.roomId,
      fresh.editSecret,
      aClip({
        url: 'javascript:alert(1)',
        metadata: { title: 'x'.repeat(LIMITS.titleChars + 1) },
        quote: { exact: 'q'.repeat(LIMITS.quoteBytes + 1) },
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as ClipRefusal;
    expect(body.fields).toEqual(expect.arrayContaining(['url', 'metadata.title', 'quote.exact']));
    expect(body.errors.find((e) => e.field === 'url')?.message).toMatch(/http\(s\)/);
    const selection = await post(fresh.roomId, fresh.editSecret, aClip({ quote: undefined }));
    expect(((await selection.json()) as ClipRefusal).fields).toEqual(['quote']);
    const notJson = await post(fresh.roomId, fresh.editSecret, undefined, '{"clipId":');
    expect(notJson.status).toBe(400);
    const wrongRoom = await post(fresh.roomId, fresh.editSecret, aClip({ roomId: room.roomId }));
    expect(((await wrongRoom.json()) as ClipRefusal).fields).toEqual(['roomId']);
    const size = await test.host.withRoomDoc(fresh.roomId, (doc) => readSnapshot(doc).sources.size);
    expect(size).toBe(0);
  });

  it('caps the body size', async () => {
    const res = await post(room.roomId, room.editSecret, aClip({ note: 'n'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
  });

  it('refuses a wrong or missing secret (401), an unknown room (404), a view secret (403)', async () => {
    const missing = await post(room.roomId, undefined, aClip());
    expect(missing.status).toBe(401);
    const wrong = await post(room.roomId, 'not-the-secret-at-all', aClip());
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    const unknown = await post('AAAAAAAAAAAAAAAA', room.editSecret, aClip());
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'No such room.' });
    const view = await post(room.roomId, room.viewSecret, aClip());
    expect(view.status).toBe(403);
    expect(((await view.json()) as { error: string }).error).toMatch(/view link/);
  });

  it('refuses a quote beyond the cap of a source with 422 and the reason', async () => {
    const fresh = await createRoom(test, 'Full source');
    for (let i = 0; i < LIMITS.quotesPerSource; i++) {
      const ok = await post(
        fresh.roomId,
        fresh.editSecret,
        aClip({ quote: { exact: `finding ${i}`, prefix: '', suffix: '' } }),
      );
      expect(ok.status).toBe(201);
    }
    const full = await post(fresh.roomId, fresh.editSecret, aClip());
    expect(full.status).toBe(422);
    expect(((await full.json()) as ClipRefusal).error).toMatch(/50 quotes/);
  });
});

describe('GET /api/rooms/:id/elements', () => {
  it('finds elements by label, best match first, for any secret of the room', async () => {
    const fresh = await createRoom(test, 'Search');
    await test.host.withRoomDoc(fresh.roomId, (doc) => {
      const ctx = { doc, origin: 'test', userId: 'test' };
      for (const label of ['Water quality', 'Groundwater', 'Drinking water', 'Wéather', 'Soil'])
        addElement(ctx, { kind: 'factor', label });
    });
    const search = async (q: string, secret = fresh.viewSecret) => {
      const res = await test.api(`/api/rooms/${fresh.roomId}/elements?q=${encodeURIComponent(q)}`, {
        headers: { Authorization: `Bearer ${secret}` },
      });
      return ((await res.json()) as ElementSearchResponse).elements.map((e) => e.label);
    };
    expect(await search('water')).toEqual(['Water quality', 'Drinking water', 'Groundwater']);
    expect(await search('WEATH', fresh.editSecret)).toEqual(['Wéather']);
    expect(await search('')).toHaveLength(5);
    const bad = await test.api(`/api/rooms/${fresh.roomId}/elements?q=a`, {
      headers: { Authorization: 'Bearer wrong' },
    });
    expect(bad.status).toBe(401);
    const tooMany = await test.api(`/api/rooms/${fresh.roomId}/elements?limit=500`, {
      headers: { Authorization: `Bearer ${fresh.editSecret}` },
    });
    expect(tooMany.status).toBe(400);
  });
});
