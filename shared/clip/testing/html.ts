/**
 * Test support: parses HTML into a Document with happy-dom (no scripts run, nothing is fetched),
 * the way a content script hands the extractor the page's live Document.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';

const PAGES = new URL('../../../test/fixtures/pages/', import.meta.url);

/** The text of a fixture page under test/fixtures/pages/. */
export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, PAGES)), 'utf8');
}

/** A parsed Document for `html`, as if loaded from `url`. Close the window with `.close()`. */
export function parseHtml(
  html: string,
  url: string,
): { doc: Document; close: () => Promise<void> } {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  // The window's own document, not a DOMParser one: happy-dom's Range collapses on the latter.
  window.document.write(html);
  const doc = window.document as unknown as Document;
  return { doc, close: () => window.happyDOM.close() };
}
