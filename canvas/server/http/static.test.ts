import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../testing/host';
import { startTestHost, tempDir } from '../testing/host';

let test: TestHost;
let outside: string;

/** A GET with the path sent exactly as given (fetch would normalise `..` away). */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: test.host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const root = tempDir();
  const dist = join(root, 'dist');
  outside = join(root, 'secret.txt');
  writeFileSync(outside, 'TOP SECRET');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Weavemap</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dist, 'icon.svg'), '<svg/>');
  symlinkSync(outside, join(dist, 'link.txt'));
  test = await startTestHost({ staticDir: dist, dataDir: join(root, 'data') });
});
afterAll(() => test.host.close());

describe('static canvas', () => {
  it('serves files with their MIME type and sensible caching', async () => {
    const index = await rawGet('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body).toContain('<title>Weavemap</title>');

    const script = await rawGet('/assets/index-abc123.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await rawGet('/assets/index-abc123.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await rawGet('/icon.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers 304 when the ETag matches', async () => {
    const first = await rawGet('/assets/index-abc123.js');
    const again = await rawGet('/assets/index-abc123.js', {
      'If-None-Match': String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('falls back to index.html for app routes but not for missing assets', async () => {
    const route = await rawGet('/r/some-room');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>Weavemap</title>');
    const missing = await rawGet('/assets/missing-123.js');
    expect(missing.status).toBe(404);
  });

  it('never serves a file outside the canvas folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/link.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const response = await rawGet(path);
      expect(response.body, path).not.toContain('TOP SECRET');
      expect([200, 400, 404], path).toContain(response.status);
    }
  });

  it('says to run the build when the canvas has not been built', async () => {
    const unbuilt = await startTestHost();
    try {
      const response = await unbuilt.api('/');
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toContain('npm run build');
      // The API works regardless.
      expect((await unbuilt.api('/api/health')).status).toBe(200);
    } finally {
      await unbuilt.host.close();
    }
  });
});
