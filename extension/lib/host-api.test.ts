import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateClip, type Clip } from '../../shared/clip/clip';
import { backoffDelay, parseRetryAfter } from './backoff';
import { checkRoom, HostError, postClip, searchElements } from './host-api';

/** A real HTTP server whose answer each test sets. */
let server: Server;
let base = '';
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_q, res) => res.end();
const seen: { auth?: string; body: string; url?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, body, url: req.url });
      answer(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (answer = (_q, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  });

const clip = (() => {
  const r = validateClip({
    clipId: 'host-api-test-clip-0001',
    kind: 'page',
    url: 'https://example.org/',
    metadata: { title: 'Example' },
    clippedBy: 'Ana',
    clippedAt: 1,
  });
  if (!r.ok) throw new Error('bad clip');
  return r.clip;
})() as Clip;

const map = () => ({ host: base, roomId: 'RoomRoomRoomRoom', secret: 'sekrit-sekrit-sekrit' });

describe('postClip', () => {
  it('sends the clip with the bearer secret and reads a 201 as delivered', async () => {
    json(201, { sourceId: 'src1', quoteId: null, created: true });
    expect(await postClip(fetch, map(), clip)).toEqual({
      kind: 'delivered',
      status: 201,
      sourceId: 'src1',
      created: true,
    });
    const last = seen.at(-1)!;
    expect(last.url).toBe('/api/rooms/RoomRoomRoomRoom/clips');
    expect(last.auth).toBe('Bearer sekrit-sekrit-sekrit');
    expect(JSON.parse(last.body).clipId).toBe(clip.clipId);
  });

  it('retries a 5xx (with its Retry-After), a 429 and a 2xx that is not a Weavemap answer', async () => {
    json(503, { error: 'The host is shutting down.' }, { 'Retry-After': '5' });
    expect(await postClip(fetch, map(), clip)).toEqual({
      kind: 'retry',
      reason: 'The host is shutting down.',
      retryAfterMs: 5_000,
    });
    json(429, {});
    expect((await postClip(fetch, map(), clip)).kind).toBe('retry');
    json(423, { error: 'The facilitator has locked this map.' }, { 'Retry-After': '30' });
    expect(await postClip(fetch, map(), clip)).toEqual({
      kind: 'retry',
      reason: 'The facilitator has locked this map.',
      retryAfterMs: 30_000,
    });
    answer = (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>Sign in to the Wi-Fi</html>');
    };
    expect(await postClip(fetch, map(), clip)).toMatchObject({
      kind: 'retry',
      reason: expect.stringMatching(/not as a Weavemap host/),
    });
  });

  it('keeps a 4xx as refused with the host’s reason and field errors', async () => {
    json(400, {
      error: 'metadata.title: too long.',
      fields: ['metadata.title'],
      errors: [{ field: 'metadata.title', message: 'too long.' }],
    });
    expect(await postClip(fetch, map(), clip)).toEqual({
      kind: 'refused',
      status: 400,
      reason: 'metadata.title: too long.',
      errors: [{ field: 'metadata.title', message: 'too long.' }],
    });
  });

  it('retries when nothing answers, or when the answer is too slow', async () => {
    const closed = { ...map(), host: 'http://127.0.0.1:1' };
    expect(await postClip(fetch, closed, clip)).toMatchObject({
      kind: 'retry',
      reason: expect.stringMatching(/Cannot reach/),
    });
    answer = () => {}; // never answers
    expect(await postClip(fetch, map(), clip, Date.now(), 200)).toMatchObject({
      kind: 'retry',
      reason: expect.stringMatching(/did not answer/),
    });
  });
});

describe('checkRoom and searchElements', () => {
  it('reads the role, and says clearly what is wrong with a link', async () => {
    json(200, { roomId: 'RoomRoomRoomRoom', title: 'Water', role: 'edit' });
    expect(await checkRoom(fetch, map())).toEqual({ title: 'Water', role: 'edit' });
    json(401, { error: 'The secret is not valid for this room.' });
    await expect(checkRoom(fetch, map())).rejects.toThrow(/secret is not valid/);
    json(404, { error: 'No such room.' });
    await expect(checkRoom(fetch, map())).rejects.toBeInstanceOf(HostError);
  });

  it('returns element matches and drops malformed ones', async () => {
    json(200, { elements: [{ id: 'e1', label: 'Aquifer', kind: 'factor' }, { id: 3 }] });
    expect(await searchElements(fetch, map(), 'aqu')).toEqual([
      { id: 'e1', label: 'Aquifer', kind: 'factor' },
    ]);
    expect(seen.at(-1)?.url).toBe('/api/rooms/RoomRoomRoomRoom/elements?q=aqu');
  });
});

describe('backoff', () => {
  it('doubles from 1-2 s up to a 2.5-5 min cap, with jitter', () => {
    expect(backoffDelay(1, 0)).toBe(1_000);
    expect(backoffDelay(1, 1)).toBe(2_000);
    expect(backoffDelay(3, 0)).toBe(4_000);
    expect(backoffDelay(30, 0)).toBe(150_000);
    expect(backoffDelay(1000, 1)).toBe(300_000);
    expect(backoffDelay(1, 0, undefined, 60_000)).toBe(60_000);
    expect(parseRetryAfter('7', 0)).toBe(7_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 0)).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
