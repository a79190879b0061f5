import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../testing/host';
import { createRoom, tempDir, waitFor } from '../testing/host';
import { connectSync } from '../testing/sync-client';

/**
 * The host runs in its own process here, so that its resident memory can be read alone
 * (/proc/<pid>/status) while this process holds the attack's buffers.
 */
let child: ChildProcess;
let base = '';

const rssMiB = (pid: number): number => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

beforeAll(async () => {
  const bin = fileURLToPath(new URL('../bin/weavemap.mjs', import.meta.url));
  child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', tempDir()], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  await waitFor(
    () => lines.some((l) => l.startsWith('Weavemap is running at ')),
    'the host',
    20_000,
  );
  base = /http:\/\/127\.0\.0\.1:\d+\//.exec(lines.join('\n'))![0];
}, 30_000);
afterAll(async () => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

const MiB = 1024 * 1024;
const chunk = Buffer.alloc(MiB);

/**
 * Opens a /sync WebSocket that never authenticates and sends one binary frame of `mib` MiB, over
 * a raw TCP socket (masked with a zero key, so that this process spends no time masking).
 * Resolves with what the host answered: "closed" once it dropped the socket, or "took it all".
 */
function unauthenticatedFrame(port: number, mib: number): Promise<'closed' | 'took it all'> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    let upgraded = false;
    let sent = 0;
    let closed = false;
    const sendBody = () => {
      while (!closed && sent < mib) {
        sent += 1;
        if (!socket.write(chunk)) return void socket.once('drain', sendBody);
      }
      if (sent >= mib && !closed) resolve('took it all');
    };
    socket.on('data', (data) => {
      if (upgraded || !data.toString('latin1').startsWith('HTTP/1.1 101')) return;
      upgraded = true;
      const header = Buffer.alloc(14);
      header[0] = 0x82; // final binary frame
      header[1] = 0x80 | 127; // masked, 64-bit length
      header.writeBigUInt64BE(BigInt(mib * MiB), 2);
      // bytes 10..13: the mask key, zero
      socket.write(header);
      sendBody();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      resolve('closed');
    });
    socket.write(
      `GET /sync HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

describe('/sync before authentication', () => {
  it('refuses 60 unauthenticated 31 MiB frames at their header, and the host’s memory stays put', async () => {
    const pid = child.pid!;
    const api = { api: (path: string, init?: RequestInit) => fetch(new URL(path, base), init) };
    const room = await createRoom(api as TestHost, 'Memory');
    const wsBase = base.replace(/^http/, 'ws').replace(/\/$/, '');
    const before = rssMiB(pid);

    const port = Number(new URL(base).port);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, () => unauthenticatedFrame(port, 31)),
    );
    const after = rssMiB(pid);
    console.info(
      `[sync-memory] host RSS ${before.toFixed(0)} MiB before, ${after.toFixed(0)} MiB after 60 × 31 MiB unauthenticated frames`,
    );
    // Dropped as soon as the frame header said how big it is: not one frame was taken whole.
    expect(outcomes.filter((o) => o === 'took it all')).toEqual([]);
    expect(after - before).toBeLessThan(64);

    // An editor still syncs, and may send a big document once authenticated.
    const editor = connectSync(wsBase, room.roomId, room.editSecret);
    try {
      await editor.synced;
      editor.doc.getMap('m').set('big', 'x'.repeat(1024 * 1024));
      await waitFor(() => !editor.provider.hasUnsyncedChanges, 'the host to take a 1 MiB edit');
    } finally {
      editor.destroy();
    }
    expect((await fetch(new URL('/api/health', base))).status).toBe(200);
  }, 60_000);
});
