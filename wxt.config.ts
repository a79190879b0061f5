import { defineConfig } from 'wxt';

/**
 * The companion extension (Manifest V3 for Chromium and Firefox). Sources live in extension/; the
 * build lands in .output/<browser>-mv3.
 *
 * Permissions, and why:
 *  - activeTab + scripting: a clip reads the page it was taken on (extension/entrypoints/capture.ts
 *    is injected with scripting.executeScript) only after a gesture on that tab: a context-menu
 *    click, the toolbar button or Alt+Shift+C. No standing access to the pages people read.
 *  - contextMenus, storage (the outbox and the connected maps), alarms (retries that survive a
 *    browser restart).
 *  - host_permissions for loopback only: the default self-hosted Weavemap (`npm start`) runs on
 *    127.0.0.1, so it works out of the box. Every other Weavemap host is an optional host
 *    permission, requested from a click in the popup or the options page when the user connects a
 *    map there (permissions.request needs a user gesture).
 */
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  modules: ['@wxt-dev/module-svelte'],
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Weavemap Clipper',
    description: 'Clip web pages, quotes and links into a shared Weavemap map as evidence.',
    permissions: ['activeTab', 'scripting', 'contextMenus', 'storage', 'alarms'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Clip to Weavemap (Alt+Shift+C)' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Open the Weavemap clipper',
      },
    },
    ...(browser === 'firefox'
      ? {
          // Firefox 128 is the first to grant optional_host_permissions in MV3.
          browser_specific_settings: {
            gecko: {
              id: 'clipper@weavemap.org',
              strict_min_version: '128.0',
              // Clips carry page content to the Weavemap host the user connected.
              data_collection_permissions: { required: ['websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
