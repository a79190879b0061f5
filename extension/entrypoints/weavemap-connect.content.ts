/**
 * Runs on Weavemap host pages (loopback, and each host a map was connected from; registered at
 * runtime by the background). The canvas's "Connect the clipper" command posts
 *   { type: 'weavemap:connect-clipper', requestId, roomId, secret, title?, userName? }
 * to its own window; this script accepts it only from the page itself (same window, same origin)
 * and passes it to the background, which takes the host from the page's address (not from the
 * message) and checks the secret with that host. The reply goes back as
 *   { type: 'weavemap:clipper-connected', requestId, ok, title?, error? }.
 * It also marks the page (`data-weavemap-clipper` on <html>) so the canvas knows the clipper is
 * there.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ConnectedMap } from '../lib/maps';
import type { Reply } from '../lib/protocol';

const str = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.length <= max ? v : undefined;

export default defineContentScript({
  registration: 'runtime',
  main() {
    document.documentElement.dataset.weavemapClipper = 'ready';
    window.addEventListener('message', (event: MessageEvent) => {
      if (event.source !== window || event.origin !== location.origin) return;
      const data = event.data as Record<string, unknown> | null;
      if (typeof data !== 'object' || data === null || data.type !== 'weavemap:connect-clipper')
        return;
      const requestId = str(data.requestId, 100) ?? '';
      const roomId = str(data.roomId, 64);
      const secret = str(data.secret, 200);
      const reply = (body: { ok: boolean; title?: string; error?: string }) =>
        window.postMessage(
          { type: 'weavemap:clipper-connected', requestId, ...body },
          location.origin,
        );
      if (roomId === undefined || secret === undefined) {
        reply({ ok: false, error: 'The map did not send its id and secret.' });
        return;
      }
      const title = str(data.title, 500);
      const userName = str(data.userName, 200);
      browser.runtime
        .sendMessage({
          type: 'connect-from-page',
          roomId,
          secret,
          ...(title !== undefined ? { title } : {}),
          ...(userName !== undefined ? { userName } : {}),
        })
        .then(
          (r: Reply<ConnectedMap> | undefined) =>
            r?.ok
              ? reply({ ok: true, title: r.value.title })
              : reply({ ok: false, error: r?.error ?? 'The clipper did not answer.' }),
          (error: unknown) => reply({ ok: false, error: String(error) }),
        );
    });
  },
});
