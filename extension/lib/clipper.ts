/**
 * The background's work: capturing a tab, making clips and answering the popup's and options
 * page's messages; connecting maps is in `connecting.ts`, delivery through the outbox in
 * `delivery.ts` (both re-exported here). entrypoints/background.ts wires these to browser events; the same functions
 * are exposed on the service worker's global (`weavemapClipper`) so that tests can call what a
 * context-menu click calls (menus cannot be clicked in headless Chromium).
 */
import { browser } from 'wxt/browser';
import { describeErrors } from '../../shared/schema/validate';
import type { CaptureRequest, CaptureResult } from './capture';
import { correctClip, makeClip } from './clip-factory';
import { searchElements, type ElementMatch } from './host-api';
import { httpOrigin, parseMapLink } from './maps';
import {
  ClipperError,
  type ChoicesFromPopup,
  type ClipperReplies,
  type ClipperRequest,
} from './protocol';
import { mapsItem, settingsItem } from './store';

import { connectMap, forgetMap } from './connecting';
import { findMap, outbox } from './delivery';

export { outbox, RETRY_ALARM, schedule } from './delivery';
export { CONNECT_SCRIPT_ID, connectMap, forgetMap, registerConnectScript } from './connecting';

/** The last thing worth telling the user about a clip made from a menu (shown by the popup). */
export interface Notice {
  readonly at: number;
  readonly level: 'ok' | 'error';
  readonly message: string;
}

async function setNotice(level: Notice['level'], message: string): Promise<void> {
  const notice: Notice = { at: Date.now(), level, message };
  await browser.storage.local.set({ notice });
}

// ---- clipping ------------------------------------------------------------------------------------

/** Reads a tab with the capture script (needs activeTab from a gesture, or a host permission). */
export async function captureTab(
  tabId: number,
  request: CaptureRequest,
  frameId = 0,
): Promise<CaptureResult> {
  const target = { tabId, frameIds: [frameId] };
  try {
    await browser.scripting.executeScript({
      target,
      func: (r: CaptureRequest) => {
        (globalThis as Record<string, unknown>).__weavemapCaptureRequest = r;
      },
      args: [request],
    });
    const [first] = await browser.scripting.executeScript({ target, files: ['/capture.js'] });
    const result = first?.result as CaptureResult | undefined;
    if (result === undefined || result === null || typeof result !== 'object')
      return { ok: false, error: 'This page could not be read.' };
    return result;
  } catch (error) {
    return {
      ok: false,
      error: `This page cannot be clipped: the browser does not let extensions read it (${
        error instanceof Error ? error.message : String(error)
      }).`,
    };
  }
}

/** Makes a clip from a capture and puts it in the outbox (delivery starts at once). */
export async function submitClip(
  capture: Parameters<typeof makeClip>[0],
  choices: ChoicesFromPopup,
  key: string,
): Promise<{ clipId: string }> {
  const map = await findMap(key);
  if (map === undefined)
    throw new ClipperError('Choose a connected map first (or connect one in the options).');
  const settings = await settingsItem.getValue();
  const made = makeClip(capture, { ...choices, roomId: map.roomId, clippedBy: settings.userName });
  if (!made.ok) throw new ClipperError(describeErrors(made.errors), made.errors);
  await outbox.enqueue(made.clip, map.key);
  void outbox.flush();
  return { clipId: made.clip.clipId };
}

export type MenuKind = 'page' | 'selection' | 'link' | 'image';

export const MENU_ITEMS: readonly { id: string; kind: MenuKind; title: string }[] = [
  { id: 'weavemap-clip-page', kind: 'page', title: 'Clip this page to Weavemap' },
  { id: 'weavemap-clip-selection', kind: 'selection', title: 'Clip quote “%s” to Weavemap' },
  { id: 'weavemap-clip-link', kind: 'link', title: 'Clip this link to Weavemap' },
  { id: 'weavemap-clip-image', kind: 'image', title: 'Clip this image to Weavemap' },
];

export interface MenuClick {
  readonly menuItemId: string | number;
  readonly frameId?: number;
  readonly linkUrl?: string;
  readonly srcUrl?: string;
  readonly selectionText?: string;
}

/**
 * What a context-menu click does: capture the tab, make the clip for the default map, queue it.
 * Returns the clip id, or throws a ClipperError whose message is also left for the popup.
 */
export async function clipFromMenu(info: MenuClick, tabId: number): Promise<{ clipId: string }> {
  try {
    const item = MENU_ITEMS.find((m) => m.id === info.menuItemId);
    if (item === undefined) throw new ClipperError('Unknown menu item.');
    const settings = await settingsItem.getValue();
    const maps = await mapsItem.getValue();
    const map = maps.find((m) => m.key === settings.defaultMap) ?? maps[0];
    if (map === undefined) {
      await browser.runtime.openOptionsPage().catch(() => undefined);
      throw new ClipperError(
        'Connect a map first: use “Connect the clipper” in a map, or paste its edit link here.',
      );
    }
    const request: CaptureRequest = {
      kind: item.kind,
      ...(info.linkUrl !== undefined ? { linkUrl: info.linkUrl } : {}),
      ...(info.srcUrl !== undefined ? { srcUrl: info.srcUrl } : {}),
      ...(info.selectionText !== undefined ? { selectionText: info.selectionText } : {}),
    };
    const captured = await captureTab(tabId, request, info.frameId ?? 0);
    if (!captured.ok) throw new ClipperError(captured.error);
    const result = await submitClip(captured.capture, {}, map.key);
    await setNotice(
      'ok',
      `Clipped “${captured.capture.metadata.title}” to ${map.title || 'the map'}.`,
    );
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await setNotice('error', message);
    throw error instanceof ClipperError ? error : new ClipperError(message);
  }
}

export async function fixAndRetry(
  clipId: string,
  fix?: { title?: string; note?: string; tags?: string[] },
): Promise<void> {
  const entry = await outbox.get(clipId);
  if (entry === undefined) throw new ClipperError('That clip is no longer waiting.');
  if (fix === undefined) {
    await outbox.retry(clipId);
  } else {
    const corrected = correctClip(entry.clip, fix);
    if (!corrected.ok) throw new ClipperError(describeErrors(corrected.errors), corrected.errors);
    await outbox.retry(clipId, corrected.clip);
  }
  void outbox.flush();
}

async function search(key: string, q: string): Promise<ElementMatch[]> {
  const map = await findMap(key);
  if (map === undefined) throw new ClipperError('That map is not connected.');
  try {
    return await searchElements((i, init) => fetch(i, init), map, q);
  } catch (error) {
    throw new ClipperError(error instanceof Error ? error.message : String(error));
  }
}

// ---- messages ------------------------------------------------------------------------------------

export interface MessageSender {
  readonly id?: string;
  readonly url?: string;
  readonly origin?: string;
  readonly frameId?: number;
  readonly tab?: { readonly id?: number };
}

/** Whether a message comes from one of the extension's own pages (popup, options). */
function fromExtensionPage(sender: MessageSender): boolean {
  return (
    sender.id === browser.runtime.id &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(browser.runtime.getURL('/'))
  );
}

/** Handles one message; throws ClipperError with a message for the user. */
export async function handleMessage(
  message: ClipperRequest,
  sender: MessageSender,
): Promise<ClipperReplies[ClipperRequest['type']]> {
  if (message.type === 'connect-from-page') {
    // From the content script on a Weavemap host's page: the host is the page's own origin, never
    // something the message says; only the top frame of a tab may ask.
    if (sender.id !== browser.runtime.id || sender.tab === undefined || sender.frameId !== 0)
      throw new ClipperError('Connect requests come from a Weavemap map’s page.');
    const host = httpOrigin(sender.url ?? '');
    if (host === null) throw new ClipperError('Connect requests come from a Weavemap map’s page.');
    if (typeof message.roomId !== 'string' || typeof message.secret !== 'string')
      throw new ClipperError('The map did not send its id and secret.');
    const map = await connectMap({
      host,
      roomId: message.roomId,
      secret: message.secret,
      ...(typeof message.title === 'string' ? { title: message.title } : {}),
    });
    const settings = await settingsItem.getValue();
    if (settings.userName === '' && typeof message.userName === 'string' && message.userName.trim())
      await settingsItem.setValue({ ...settings, userName: message.userName.trim().slice(0, 200) });
    return map;
  }
  if (!fromExtensionPage(sender)) throw new ClipperError('Not allowed.');
  switch (message.type) {
    case 'capture-tab':
      return captureTab(message.tabId, message.request);
    case 'clip':
      return submitClip(message.capture, message.choices, message.mapKey);
    case 'connect-link': {
      const parsed = parseMapLink(message.link);
      if (!parsed.ok) throw new ClipperError(parsed.error);
      return connectMap({
        host: parsed.link.origin,
        roomId: parsed.link.roomId,
        secret: parsed.link.secret,
      });
    }
    case 'forget':
      await forgetMap(message.key);
      return null;
    case 'set-default': {
      const settings = await settingsItem.getValue();
      await settingsItem.setValue({ ...settings, defaultMap: message.key });
      return null;
    }
    case 'set-name': {
      const settings = await settingsItem.getValue();
      await settingsItem.setValue({ ...settings, userName: message.name.trim().slice(0, 200) });
      return null;
    }
    case 'retry':
      await fixAndRetry(message.clipId, message.fix);
      return null;
    case 'discard':
      await outbox.discard(message.clipId);
      return null;
    case 'retry-all':
      for (const e of await outbox.list()) await outbox.retry(e.clip.clipId);
      void outbox.flush({ all: true });
      return null;
    case 'search':
      return search(message.mapKey, message.q);
  }
}

/** What tests reach through the service worker's global. */
export const testHooks = {
  clipFromMenu,
  connectMap,
  captureTab,
  submitClip,
  outbox,
  flush: (all = false) => outbox.flush({ all }),
};
