// Memory under a /signal flood: frames far over the cap are refused at their header, frames
// before subscribing are capped small, and what the host held is released when the sockets go.
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/host';
import { openRawWebSocket, sendHugeFrame, sendTextFrame } from '../testing/raw-ws';

const MiB = 1024 * 1024;
const SOCKETS = 60;

let child: ChildProcess;
let port = 0;
let url = '';
const replies: ((usage: NodeJS.MemoryUsage) => void)[] = [];

beforeAll(async () => {
  const script = fileURLToPath(new URL('../testing/host-process.ts', import.meta.url));
  child = fork(script, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.on(
      'message',
      (message: { type: string; port?: number; url?: string; usage?: NodeJS.MemoryUsage }) => {
        if (message.type === 'ready') {
          port = message.port ?? 0;
          url = message.url ?? '';
          resolve();
        }
        if (message.type === 'memory' && message.usage) replies.shift()?.(message.usage);
      },
    );
    child.once('exit', (code) => reject(new Error(`the host process exited (${code})`)));
  });
}, 60_000);
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

const memory = (): Promise<NodeJS.MemoryUsage> =>
  new Promise((resolve) => {
    replies.push(resolve);
    child.send({ type: 'memory' });
  });
/** What the host's JavaScript holds: its heap and its buffers. */
const held = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.arrayBuffers;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

const alive = async () => (await fetch(new URL('/api/health', url))).status === 200;

const closedByHost = (socket: Socket): Promise<void> =>
  new Promise((resolve) => {
    if (socket.destroyed) return resolve();
    socket.once('close', () => resolve());
    socket.resume();
  });

describe('/signal memory under a flood', () => {
  it('refuses 60 sockets × one 31 MiB frame at the header and gets its memory back', async () => {
    const before = await memory();
    const sockets = await Promise.all(
      Array.from({ length: SOCKETS }, () => openRawWebSocket(port, '/signal')),
    );
    const sent = await Promise.all(sockets.map((socket) => sendHugeFrame(socket, 31 * MiB)));
    await Promise.all(sockets.map(closedByHost));
    // The host closed every socket long before its frame was through.
    for (const bytes of sent) expect(bytes).toBeLessThan(31 * MiB);
    expect(await alive()).toBe(true);
    const after = await memory();
    expect(held(after) - held(before)).toBeLessThan(16 * MiB);
    console.info(
      `signal flood (31 MiB frames): held ${mib(held(before))} -> ${mib(held(after))}, rss ${mib(before.rss)} -> ${mib(after.rss)}`,
    );
  }, 60_000);

  it('caps frames before subscribing, drops oversized ones after, and releases it all', async () => {
    const before = await memory();
    const sockets = await Promise.all(
      Array.from({ length: SOCKETS }, () => openRawWebSocket(port, '/signal')),
    );
    // Half send a frame just under the socket limit before subscribing: closed at once.
    // The other half subscribe, then send three frames of 500 KiB each: dropped, socket kept.
    const early = sockets.slice(0, SOCKETS / 2);
    const subscribed = sockets.slice(SOCKETS / 2);
    await Promise.all(early.map((socket) => sendHugeFrame(socket, 500 * 1024)));
    await Promise.all(early.map(closedByHost));
    for (const socket of subscribed) {
      sendTextFrame(socket, JSON.stringify({ type: 'subscribe', topics: ['flood'] }));
      for (let i = 0; i < 3; i++) await sendHugeFrame(socket, 500 * 1024);
    }
    expect(subscribed.every((socket) => !socket.destroyed)).toBe(true);
    const during = await memory();
    for (const socket of subscribed) socket.destroy();
    expect(await alive()).toBe(true);
    // The host lets go once it has seen the sockets close.
    let after = await memory();
    await waitFor(async () => {
      after = await memory();
      return held(after) - held(before) < 16 * MiB;
    }, 'the host to release the flood’s memory');
    console.info(
      `signal flood (500 KiB frames): held ${mib(held(before))} -> ${mib(held(during))} during -> ${mib(held(after))}, rss ${mib(before.rss)} -> ${mib(after.rss)}`,
    );
  }, 60_000);
});
