// Pages on other origins trying to use the host through a visitor's browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CreateRoomResponse } from '../routes/rooms';
import type { TestHost } from '../testing/host';
import { createRoom, startTestHost } from '../testing/host';

const ALLOWED = 'https://maps.example.org';
const FOREIGN = 'https://evil.example.net';
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
// Another host of the cluster (`--peers`): its pages move their /sync socket here when it dies.
const PEER = 'http://127.0.0.1:5179';

let test: TestHost;
let own: string;
let room: CreateRoomResponse;

beforeAll(async () => {
  test = await startTestHost({
    allowOrigins: [ALLOWED],
    peers: [PEER],
    roomsPerMinute: 1000,
  });
  own = new URL(test.host.url).origin;
  room = await createRoom(test, 'Origins');
});
afterAll(() => test.host.close());

const createFrom = (origin: string | undefined, body = '{}', type = 'application/json') =>
  test.api('/api/rooms', {
    method: 'POST',
    headers: { 'Content-Type': type, ...(origin ? { Origin: origin } : {}) },
    body,
  });

/** Opens a WebSocket to `path` with `origin`; resolves with the handshake's HTTP status. */
function handshake(path: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${test.wsBase}${path}`, origin ? { origin } : {});
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', (error) => {
      if (ws.readyState !== ws.CLOSED) reject(error);
    });
  });
}

const clipFrom = (origin: string) =>
  test.api(`/api/rooms/${room.roomId}/clips`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${room.editSecret}`,
      Origin: origin,
    },
    body: JSON.stringify({
      clipId: `origin-clip-${origin.length}-${Date.now()}`.padEnd(20, 'x'),
      kind: 'page',
      url: 'https://example.org/',
      metadata: { title: 'Example' },
      clippedBy: 'Ana',
      clippedAt: 1,
    }),
  });

describe('room creation', () => {
  it('admits the host’s own pages, the allowlist and clients without Origin', async () => {
    for (const origin of [own, ALLOWED, undefined])
      expect((await createFrom(origin)).status, String(origin)).toBe(201);
  });

  it('refuses any other origin (403), whatever the body', async () => {
    for (const origin of [FOREIGN, EXTENSION, 'null', 'http://127.0.0.1:1', 'not a url']) {
      const res = await createFrom(origin);
      expect(res.status, origin).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/not allowed/);
    }
    // The shape of a `no-cors` form post from another page.
    expect((await createFrom(FOREIGN, 'title=x', 'text/plain')).status).toBe(403);
  });

  it('needs a JSON body even without Origin (what a no-cors POST can send is refused)', async () => {
    expect((await test.api('/api/rooms', { method: 'POST' })).status).toBe(415);
    expect((await createFrom(undefined, '{}', 'text/plain')).status).toBe(415);
    expect((await createFrom(own, '', 'application/x-www-form-urlencoded')).status).toBe(415);
  });
});

describe('sockets', () => {
  it('refuses /sync and /signal handshakes from other origins and extensions (403)', async () => {
    for (const path of ['/sync', '/signal']) {
      for (const origin of [FOREIGN, EXTENSION, 'null'])
        expect(await handshake(path, origin), `${path} ${origin}`).toBe(403);
    }
    expect(test.logs.some((line) => line.includes(`origin ${FOREIGN} is not allowed`))).toBe(true);
  });

  it('opens them for the host’s own pages, the allowlist, the cluster’s other hosts and clients without Origin', async () => {
    for (const path of ['/sync', '/signal']) {
      for (const origin of [own, ALLOWED, PEER, undefined])
        expect(await handshake(path, origin), `${path} ${String(origin)}`).toBe(101);
    }
  });
});

describe('clips', () => {
  it('accepts a clip from the browser extension and the host’s pages, not from other sites', async () => {
    expect((await clipFrom(EXTENSION)).status).toBe(201);
    expect((await clipFrom('moz-extension://0b5e4a52-5d58-4e3c-9c57-1f1bfa7e2d10')).status).toBe(
      201,
    );
    expect((await clipFrom(own)).status).toBe(201);
    expect((await clipFrom(FOREIGN)).status).toBe(403);
  });
});
