// Test support: start a host in a temporary data dir, wait for conditions, talk to the API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Host, HostOptions } from '../host';
import { startHost } from '../host';
import type { Logger } from '../log';
import type { CreateRoomResponse } from '../routes/rooms';

export interface TestHost {
  host: Host;
  dataDir: string;
  /** Everything the host logged (info, warnings, errors), in order. */
  logs: string[];
  /** `fetch` relative to the host's URL. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** `ws://127.0.0.1:<port>` */
  wsBase: string;
}

export const tempDir = (prefix = 'weavemap-test-'): string => mkdtempSync(join(tmpdir(), prefix));

export async function startTestHost(options: HostOptions = {}): Promise<TestHost> {
  const dataDir = options.dataDir ?? tempDir();
  const logs: string[] = [];
  const logger: Logger = {
    info: (message) => logs.push(message),
    warn: (message) => logs.push(message),
    error: (message, error) => logs.push(`${message} ${String(error ?? '')}`),
  };
  const host = await startHost({
    port: 0,
    staticDir: join(dataDir, 'no-canvas-here'),
    logger,
    ...options,
    dataDir,
  });
  return {
    host,
    dataDir,
    logs,
    api: (path, init) => fetch(new URL(path, host.url), init),
    wsBase: host.url.replace(/^http/, 'ws').replace(/\/$/, ''),
  };
}

export async function createRoom(test: TestHost, title?: string): Promise<CreateRoomResponse> {
  const response = await test.api('/api/rooms', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(title === undefined ? {} : { title }),
  });
  if (response.status !== 201)
    throw new Error(`room creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateRoomResponse;
}

/**
 * Resolves once `check` returns true (checked now, then every 10 ms); rejects with `what`
 * after `timeoutMs`. For conditions that have no event to wait on.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
