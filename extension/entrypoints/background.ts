/**
 * The service worker: context menus, the outbox's delivery (now, on a timer, on an alarm, at
 * browser start and when the network returns), and the messages of the popup, the options page and
 * the connect content script. See lib/clipper.ts for the work itself.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import {
  clipFromMenu,
  handleMessage,
  MENU_ITEMS,
  outbox,
  registerConnectScript,
  RETRY_ALARM,
  schedule,
  testHooks,
  type MessageSender,
} from '../lib/clipper';
import { isClipperRequest, type Reply } from '../lib/protocol';

function createMenus(): void {
  browser.contextMenus.removeAll(() => {
    for (const item of MENU_ITEMS)
      browser.contextMenus.create({
        id: item.id,
        title: item.title,
        contexts: [item.kind],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      });
  });
}

export default defineBackground({
  main() {
    // Tests call what a menu click calls (context menus cannot be clicked headless). Built in
    // only when VITE_TEST_HOOKS=1 (npm run test:e2e), never into the extension people install.
    if (import.meta.env.VITE_TEST_HOOKS === '1')
      (globalThis as Record<string, unknown>).weavemapClipper = testHooks;

    browser.runtime.onInstalled.addListener(() => {
      createMenus();
      void registerConnectScript();
    });
    browser.runtime.onStartup.addListener(() => {
      void registerConnectScript();
      // A new browser session: try everything that waits, whatever its backoff said.
      void outbox.flush({ all: true });
    });
    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (tab?.id === undefined) return;
      clipFromMenu(info, tab.id).catch(() => undefined); // the reason is left for the popup
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === RETRY_ALARM) void outbox.flush();
    });
    globalThis.addEventListener?.('online', () => void outbox.flush({ all: true }));

    browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
      if (!isClipperRequest(message)) return false;
      handleMessage(message, sender as MessageSender).then(
        (value) => sendResponse({ ok: true, value } satisfies Reply<unknown>),
        (error: unknown) =>
          sendResponse({
            ok: false,
            error: error instanceof Error ? error.message : String(error),
            ...(error instanceof Error && 'errors' in error && Array.isArray(error.errors)
              ? { errors: error.errors }
              : {}),
          } satisfies Reply<unknown>),
      );
      return true;
    });

    // Every time the worker starts (it is stopped when idle): deliver what is due, set the wake-up.
    void outbox.list().then(schedule);
    void outbox.flush();
  },
});
