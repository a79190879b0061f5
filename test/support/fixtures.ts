import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { startHost, type Host } from '../../canvas/server/host';
import { chromiumLaunchOptions } from './chromium';
import { asKnownUser } from './known-user';

export { expect };

export const REPO = resolve(import.meta.dirname, '..', '..');
export const STATIC_DIR = join(REPO, 'dist', 'canvas');

export function tempDir(prefix = 'weavemap-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A host on a free loopback port with its own data dir, serving the built canvas. */
export function startTestHost(dataDir = tempDir(), port = 0): Promise<Host> {
  return startHost({
    port,
    host: '127.0.0.1',
    dataDir,
    staticDir: STATIC_DIR,
    quiet: !process.env.HOST_LOG,
  });
}

export interface Person {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A separate browser context: its own storage, IndexedDB and network, like another laptop. */
export async function newPerson(
  browser: Browser,
  name: string,
  color = '#4363d8',
): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await asKnownUser(context, name, color);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${name}] page error:`, e.message));
  return { name, context, page };
}

export const test = base.extend<object, { browser: Browser; host: Host }>({
  browser: [
    async ({ playwright }, use) => {
      const browser = await playwright.chromium.launch(await chromiumLaunchOptions());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take a destructuring pattern.
    async ({}, use) => {
      const host = await startTestHost();
      await use(host);
      await host.close();
    },
    { scope: 'worker' },
  ],
});
