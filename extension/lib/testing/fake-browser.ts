/**
 * Test support: makes WXT's fake browser (an in-memory implementation of the extension APIs) the
 * `browser` that `wxt/browser` and WXT storage use. Import this before anything that imports
 * them, and call `fakeBrowser.reset()` between tests.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

(globalThis as { browser?: unknown }).browser = fakeBrowser;

export { fakeBrowser };
