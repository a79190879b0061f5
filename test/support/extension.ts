import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { REPO } from './fixtures';

/**
 * Test support for the Weavemap Clipper: the built extension (`npm run build` puts it in
 * .output/chrome-mv3) loaded unpacked into a persistent Chromium profile, a static server for the
 * fixture pages, and what a context-menu click does (menus cannot be clicked headless, so the
 * test calls the same handler through the service worker).
 *
 * Permissions: the manifest grants loopback hosts (the default self-hosted Weavemap runs on
 * 127.0.0.1), which covers both the test's host and its fixture-page server; no optional
 * permission needs a gesture here.
 */

export const EXTENSION_DIR = join(REPO, '.output', 'chrome-mv3');
export const PAGES_DIR = join(REPO, 'test', 'fixtures', 'pages');

export function assertExtensionBuilt(): void {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(
      `The extension is not built for tests: run \`VITE_TEST_HOOKS=1 npm run build\` (expected ${EXTENSION_DIR}).`,
    );
}

/** A free TCP port on loopback (to restart a host on the same address). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Serves test/fixtures/pages on a loopback port. */
export async function servePages(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(PAGES_DIR, path);
    if (!file.startsWith(PAGES_DIR) || extname(file) !== '.html' || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ExtensionBrowser {
  readonly context: BrowserContext;
  readonly worker: Worker;
  readonly extensionId: string;
}

/** Chromium with the clipper loaded, in the profile at `userDataDir` (reopen it to "restart"). */
export async function launchWithExtension(userDataDir: string): Promise<ExtensionBrowser> {
  assertExtensionBuilt();
  const options = await chromiumLaunchOptions([
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
  ]);
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...options,
    viewport: { width: 1280, height: 800 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId };
}

/** Selects the first occurrence of `text` (inside one text node) on the page. */
export async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(wanted);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not on the page`);
  }, text);
}

/** The few extension APIs the tests call inside the service worker. */
export interface WorkerChrome {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
}

interface ClipperHooks {
  clipFromMenu(info: Record<string, unknown>, tabId: number): Promise<{ clipId: string }>;
  flush(all?: boolean): Promise<unknown>;
  outbox: { list(): Promise<{ clip: { clipId: string }; state: string; lastError?: string }[]> };
}

/**
 * What "Clip quote … to Weavemap" in the page's context menu does: the selection on the tab at
 * `pageUrl`, clipped to the default map. Returns the clip id.
 */
export async function clipSelectionFromMenu(
  worker: Worker,
  pageUrl: string,
  selectionText: string,
): Promise<string> {
  const { clipId } = await worker.evaluate(
    async ({ url, text }) => {
      const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.url === url);
      if (tab?.id === undefined) throw new Error(`No tab at ${url}`);
      const hooks = (globalThis as unknown as { weavemapClipper: ClipperHooks }).weavemapClipper;
      return hooks.clipFromMenu(
        { menuItemId: 'weavemap-clip-selection', frameId: 0, selectionText: text, pageUrl: url },
        tab.id,
      );
    },
    { url: pageUrl, text: selectionText },
  );
  return clipId;
}

/** The clipper's outbox, read in the service worker. */
export function outboxEntries(
  worker: Worker,
): Promise<{ clip: { clipId: string }; state: string; lastError?: string }[]> {
  return worker.evaluate(() =>
    (globalThis as unknown as { weavemapClipper: ClipperHooks }).weavemapClipper.outbox.list(),
  );
}
