/**
 * Injected into the tab a clip is taken on (scripting.executeScript, after a gesture that grants
 * activeTab: a context-menu click, the toolbar button, Alt+Shift+C). Reads the page's metadata and
 * the selection with shared/clip and returns them; it changes nothing on the page. The request
 * (which kind of clip, the link or image address) is set just before by a one-line injection.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { capturePage, type CaptureRequest, type CaptureResult } from '../lib/capture';

const REQUEST_KEY = '__weavemapCaptureRequest';

export default defineUnlistedScript((): CaptureResult => {
  const g = globalThis as Record<string, unknown>;
  const request = (g[REQUEST_KEY] as CaptureRequest | undefined) ?? { kind: 'page' };
  delete g[REQUEST_KEY];
  const selection = window.getSelection();
  const range =
    selection !== null && selection.rangeCount > 0 && !selection.isCollapsed
      ? selection.getRangeAt(0)
      : null;
  return capturePage(document, location.href, request, range);
});
