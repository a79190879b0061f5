// Hostile clients trying to end the host process with one request, upgrade or frame.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteModule } from '../routes/services';
import type { TestHost } from '../testing/host';
import { startTestHost, tempDir } from '../testing/host';
import { rawRequest, statusOf, upgradeRequest } from '../testing/raw-http';
import { openSignal } from '../testing/signal-client';

let test: TestHost;

/** Routes that fail the ways a bug would: a throw, a non-Error throw, a late rejection. */
const buggyRoutes: RouteModule = (router) => {
  router.get('/api/test/throws', () => {
    throw new Error('a bug in a handler');
  });
  router.get('/api/test/throws-a-value', () => {
    throw 42;
  });
  router.get('/api/test/fails-mid-response', async ({ res }) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.write('partial');
    await Promise.resolve();
    throw new Error('failed after the headers');
  });
};

beforeAll(async () => {
  const staticDir = tempDir('weavemap-hostile-static-');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Weavemap</title>');
  test = await startTestHost({ staticDir, routes: [buggyRoutes] });
});
afterAll(() => test.host.close());

async function expectAlive(): Promise<void> {
  const res = await test.api('/api/health');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
}

const request = (target: string, headers: string[] = []): string =>
  [`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headers, '', ''].join(
    '\r\n',
  );

describe('requests that once ended the process', () => {
  const targets = [
    '//',
    '//evil.example.org/x',
    '///',
    '//api/health',
    '/api//rooms',
    '*',
    'http://[::1',
    'http://',
    'ftp://example.org/',
    'mailto:x@example.org',
    '/%ZZ',
    '/api/rooms/%ZZ',
    '/api/rooms/%E0%A4%A',
    `/${'a/'.repeat(2000)}`,
    `/api/rooms?${'q='.repeat(2000)}`,
  ];

  it.each(targets)('answers GET %s with a status below 500 and keeps serving', async (target) => {
    const answer = await rawRequest(test.host.port, request(target));
    const status = statusOf(answer);
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    await expectAlive();
  });

  it.each(['//', '//evil.example.org/sync', '*', 'http://[::1', '/%ZZ', '/sync/'])(
    'answers a WebSocket upgrade to %s with a 4xx and keeps serving',
    async (target) => {
      const answer = await rawRequest(test.host.port, upgradeRequest(target));
      const status = statusOf(answer);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      await expectAlive();
    },
  );

  it('logs a refused request target', async () => {
    await rawRequest(test.host.port, request('http://[::1'));
    expect(test.logs.some((line) => /400 Bad request: the request target/.test(line))).toBe(true);
  });

  it('answers a garbled request line with 400', async () => {
    const answer = await rawRequest(test.host.port, 'GET\u0000/ HTTP/1.1\r\n\r\n');
    expect(statusOf(answer)).toBe(400);
    await expectAlive();
  });
});

describe('a handler that throws', () => {
  it('answers 500 with a log line for a thrown error or value, and keeps serving', async () => {
    for (const path of ['/api/test/throws', '/api/test/throws-a-value']) {
      const res = await test.api(path);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'Internal error; see the host log.' });
      expect(test.logs.some((line) => line.includes(`GET "${path}"`))).toBe(true);
    }
    await expectAlive();
  });

  it('cuts a response that fails after its headers, logs it, and keeps serving', async () => {
    const answer = await rawRequest(test.host.port, request('/api/test/fails-mid-response'));
    expect(statusOf(answer)).toBe(200);
    // Chunked and never finished: the terminating zero-length chunk is missing.
    expect(answer).not.toMatch(/\r\n0\r\n\r\n$/);
    expect(test.logs.some((line) => line.includes('failed mid-response'))).toBe(true);
    await expectAlive();
  });
});

describe('/signal frames that once ended the process', () => {
  /** About 120 KB of nesting: JSON.stringify of it overflowed the stack. */
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('drops a deeply nested publish from a subscriber and keeps relaying', async () => {
    const attacker = await openSignal(`${test.wsBase}/signal`);
    const member = await openSignal(`${test.wsBase}/signal`);
    attacker.send({ type: 'subscribe', topics: ['deep'] });
    member.send({ type: 'subscribe', topics: ['deep'] });
    await Promise.all([attacker.roundTrip(), member.roundTrip()]);

    attacker.send(`{"type":"publish","topic":"deep","data":${deep(60_000)}}`);
    attacker.send(deep(60_000));
    attacker.send(`{"type":"publish","topic":"deep","data":${deep(17)}}`);
    expect(await attacker.roundTrip()).toEqual([]);
    expect(test.logs.some((line) => line.includes('nested deeper than 16 levels'))).toBe(true);
    await expectAlive();

    // A y-webrtc-shaped message (5 levels) still goes through.
    const signal = { type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 x' } };
    const data = { type: 'signal', from: 'a', to: 'b', token: 1, signal };
    attacker.send({ type: 'publish', topic: 'deep', data });
    expect(await member.next()).toEqual({ type: 'publish', topic: 'deep', data, clients: 2 });
    attacker.ws.close();
    member.ws.close();
  });

  it('closes a socket that sends a big frame before subscribing, and keeps serving', async () => {
    const attacker = await openSignal(`${test.wsBase}/signal`);
    attacker.send(`{"type":"publish","topic":"deep","data":${deep(60_000)}}`);
    expect((await attacker.closed).code).toBe(1006);
    expect(test.logs.some((line) => /sent \d+ bytes before subscribing/.test(line))).toBe(true);
    await expectAlive();
  });

  it('relays only what y-webrtc reads from a publish', async () => {
    const a = await openSignal(`${test.wsBase}/signal`);
    const b = await openSignal(`${test.wsBase}/signal`);
    a.send({ type: 'subscribe', topics: ['fields'] });
    b.send({ type: 'subscribe', topics: ['fields'] });
    await Promise.all([a.roundTrip(), b.roundTrip()]);
    a.send({ type: 'publish', topic: 'fields', data: 'x', clients: 999, extra: 'y'.repeat(1000) });
    expect(await b.next()).toEqual({ type: 'publish', topic: 'fields', data: 'x', clients: 2 });
    a.ws.close();
    b.ws.close();
  });
});
