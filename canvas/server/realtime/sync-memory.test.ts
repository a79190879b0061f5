import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../testing/host';
import { createRoom, tempDir, waitFor } from '../testing/host';
import { connectSync } from '../testing/sync-client';
import { rssMiB, unauthenticatedFrame } from '../testing/memory-attack';

/**
 * The host runs in its own process here, so that its resident memory can be read alone
 * (/proc/<pid>/status) while this process holds the attack's buffers.
 */
let child: ChildProcess;
let base = '';

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
