import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { parseServeArgs } from './commands/serve';
import { UsageError } from './commands/types';
import type { TestHost } from './testing/host';
import { createRoom, startTestHost, tempDir, waitFor } from './testing/host';
import { connectSync } from './testing/sync-client';

const hosts: TestHost[] = [];
afterAll(() => Promise.all(hosts.map((test) => test.host.close())));

describe('parseServeArgs', () => {
  it('reads flags in both forms and falls back to WEAVEMAP_* variables', () => {
    expect(parseServeArgs(['--port', '0', '--host=0.0.0.0', '--data', '/tmp/x'], {})).toEqual({
      quiet: false,
      port: 0,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
    });
    expect(
      parseServeArgs(['--quiet'], {
        WEAVEMAP_PORT: '8080',
        WEAVEMAP_HOST: '::1',
        WEAVEMAP_DATA: '/srv/wm',
      }),
    ).toEqual({ quiet: true, port: 8080, host: '::1', dataDir: '/srv/wm' });
    expect(parseServeArgs(['--port', '9000'], { WEAVEMAP_PORT: '8080' }).port).toBe(9000);
    expect(parseServeArgs([], {})).toEqual({ quiet: false });
  });

  it('reads --allow-origin repeated or comma-separated, else WEAVEMAP_ALLOW_ORIGIN', () => {
    const args = ['--allow-origin', 'https://a.example.org, http://b.example.org:8080/'];
    args.push('--allow-origin=HTTPS://C.example.org');
    expect(
      parseServeArgs(args, { WEAVEMAP_ALLOW_ORIGIN: 'https://ignored.example.org' }).allowOrigins,
    ).toEqual(['https://a.example.org', 'http://b.example.org:8080', 'https://c.example.org']);
    expect(
      parseServeArgs([], { WEAVEMAP_ALLOW_ORIGIN: 'https://x.example.org,https://y.example.org' })
        .allowOrigins,
    ).toEqual(['https://x.example.org', 'https://y.example.org']);
    for (const bad of ['https://a.example.org/path', 'example.org', '*', 'null'])
      expect(() => parseServeArgs(['--allow-origin', bad], {}), bad).toThrow(/Not an origin/);
  });

  it('refuses bad values and unknown flags with the usage', () => {
    for (const args of [
      ['--port', 'abc'],
      ['--port', '70000'],
      ['--port'],
      ['--verbose'],
      ['--public-url', 'ftp://x'],
    ]) {
      expect(() => parseServeArgs(args, {}), args.join(' ')).toThrow(UsageError);
    }
  });
});

describe('runCli', () => {
  it('lists commands, and rejects an unknown one with exit code 2', async () => {
    const out: string[] = [];
    const io = {
      out: (line: string) => out.push(line),
      err: (line: string) => out.push(line),
      env: {},
    };
    expect(await runCli(['--help'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/serve\s+run the host/);
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(out.join('\n')).toContain('Unknown command "frobnicate"');
    expect(await runCli(['serve', '--port', 'x'], io)).toBe(2);
  });
});

describe('weavemap serve (as a process)', () => {
  it('prints its URL, serves, and on SIGTERM saves a fresh edit before exiting', async () => {
    const dataDir = tempDir();
    const bin = fileURLToPath(new URL('./bin/weavemap.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let roomId: string;
    try {
      await waitFor(
        () => lines.some((line) => line.startsWith('Weavemap is running at ')),
        'the start line',
        15_000,
      );
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(lines.join('\n'))?.[0];
      expect(url).toBeDefined();
      const base = url as string;
      const ws = base.replace(/^http/, 'ws').replace(/\/$/, '');
      const fake = {
        api: (path: string, init?: RequestInit) => fetch(new URL(path, base), init),
      } as TestHost;
      const room = await createRoom(fake, 'Signal test');
      roomId = room.roomId;

      const client = connectSync(ws, room.roomId, room.editSecret);
      await client.synced;
      client.doc.getMap('m').set('saved', 'on SIGTERM');
      await waitFor(() => !client.provider.hasUnsyncedChanges, 'the host to apply the edit');
      // Hocuspocus would store this after a 2 s debounce; the signal must not lose it.
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      client.destroy();
      expect(lines).toContain('Stopped.');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }

    const again = await startTestHost({ dataDir });
    hosts.push(again);
    expect(await again.host.withRoomDoc(roomId, (doc) => doc.getMap('m').toJSON())).toEqual({
      saved: 'on SIGTERM',
    });
  }, 30_000);
});

describe('weavemap convert', () => {
  it('converts a Gephi file to a native map, and refuses a hostile one writing nothing', async () => {
    const { mkdtempSync, readFileSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join, resolve } = await import('node:path');
    const fixtures = resolve(import.meta.dirname, '../../test/fixtures/formats');
    const dir = mkdtempSync(join(tmpdir(), 'wm-convert-'));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} };
    const target = join(dir, 'lesmis.weavemap.json');
    expect(await runCli(['convert', join(fixtures, 'gephi-lesmis.gexf'), target], io)).toBe(0);
    const file = JSON.parse(readFileSync(target, 'utf8')) as {
      format: string;
      elements: unknown[];
    };
    expect(file.format).toBe('weavemap');
    expect(file.elements.length).toBeGreaterThan(0);
    const refused = join(dir, 'bad.weavemap.json');
    expect(await runCli(['convert', join(fixtures, 'billion-laughs.gexf'), refused], io)).toBe(1);
    expect(existsSync(refused)).toBe(false);
    expect(err.join('\n')).toMatch(/DOCTYPE/);
  });
});
