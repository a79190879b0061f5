import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createRoom, startTestHost, type TestHost } from '../testing/host';
import { authFrame, syncStep1Frame } from '../testing/sync-frames';

/**
 * A person who joins and then only watches sends nothing (in a crowd there are no presence
 * heartbeats). Hocuspocus counts only messages as signs of life, so it used to close such a
 * socket after its timeout (4408), and the person joined again with a full sync: with many
 * rooms, a reconnect storm. The host now counts the WebSocket pongs its keep-alive gets.
 * Time is counted in the host's pings (every `keepAliveMs`), not slept.
 */
// Roomy against a busy machine: keepAlive closes a socket whose pong misses the next round.
const KEEPALIVE_MS = 250;
const TIMEOUT_MS = 1500;

let host: TestHost | undefined;
afterEach(async () => {
  await host?.host.close();
  host = undefined;
});

/** Opens a socket to /sync and sends `frames` on open. */
function open(test: TestHost, frames: Uint8Array[]): WebSocket {
  const ws = new WebSocket(`${test.wsBase}/sync`);
  ws.on('open', () => {
    for (const f of frames) ws.send(f);
  });
  return ws;
}

/** Resolves with the close code, or with 'open' after the host pinged `pings` times. */
function outcome(ws: WebSocket, pings: number): Promise<number | 'open'> {
  return new Promise((resolve) => {
    let seen = 0;
    ws.on('ping', () => {
      if (++seen >= pings) resolve('open');
    });
    ws.on('close', (code) => resolve(code));
  });
}

describe('/sync keeps quiet people', () => {
  // 18 pings take 18 × 250 ms: three times the 1.5 s timeout, which Hocuspocus checks every 1.5 s.
  const pings = Math.ceil((3 * TIMEOUT_MS) / KEEPALIVE_MS);

  it('keeps an authenticated socket that answers pings but sends nothing', async () => {
    host = await startTestHost({ keepAliveMs: KEEPALIVE_MS, syncIdleTimeoutMs: TIMEOUT_MS });
    const room = await createRoom(host);
    const ws = open(host, [
      authFrame(room.roomId, room.editSecret),
      syncStep1Frame(room.roomId, new Y.Doc()),
    ]);
    expect(await outcome(ws, pings)).toBe('open');
    ws.terminate();
  });

  it('still closes a socket that never authenticates', async () => {
    host = await startTestHost({ keepAliveMs: KEEPALIVE_MS, syncIdleTimeoutMs: TIMEOUT_MS });
    const ws = open(host, []);
    expect(await outcome(ws, pings)).toBe(4408);
  });
});
