/**
 * "Connect the clipper": hands this map (the page's own origin, the room id and the secret from the
 * link) to the Weavemap Clipper extension through its content script on this page, which accepts
 * the message only from this window and this origin (see extension/entrypoints/
 * weavemap-connect.content.ts). Nothing is sent anywhere else: postMessage targets this origin.
 */
import { parseRoomFragment } from '../../../shared/sync/links';

export interface ClipperAnswer {
  readonly ok: boolean;
  readonly title?: string;
  readonly error?: string;
}

/** Whether the clipper's content script has marked this page. */
export function clipperPresent(doc: Document = document): boolean {
  return doc.documentElement.dataset.weavemapClipper === 'ready';
}

export const NOT_INSTALLED =
  'The Weavemap Clipper did not answer on this page. Install it (or reload this page after installing), or open the clipper’s popup on this tab and choose “Connect this map”, or paste this map’s edit link in the clipper’s options.';

/**
 * Sends the connect request and waits for the clipper's answer (`timeoutMs`), resolving with a
 * clear reason when nothing answers.
 */
export function connectClipper(
  win: Window,
  details: { title: string; userName: string },
  timeoutMs = 4_000,
): Promise<ClipperAnswer> {
  const room = parseRoomFragment(win.location.hash);
  if (room === null)
    return Promise.resolve({ ok: false, error: 'This page is not a map link with its secret.' });
  const requestId = crypto.randomUUID();
  return new Promise((resolve) => {
    const done = (answer: ClipperAnswer) => {
      clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      resolve(answer);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.source !== win || event.origin !== win.location.origin) return;
      const d = event.data as Record<string, unknown> | null;
      if (d === null || typeof d !== 'object' || d.type !== 'weavemap:clipper-connected') return;
      if (d.requestId !== requestId) return;
      done({
        ok: d.ok === true,
        ...(typeof d.title === 'string' ? { title: d.title } : {}),
        ...(typeof d.error === 'string' ? { error: d.error } : {}),
      });
    };
    const timer = setTimeout(() => done({ ok: false, error: NOT_INSTALLED }), timeoutMs);
    win.addEventListener('message', onMessage);
    win.postMessage(
      {
        type: 'weavemap:connect-clipper',
        requestId,
        roomId: room.roomId,
        secret: room.secret,
        title: details.title,
        userName: details.userName,
      },
      win.location.origin,
    );
  });
}
