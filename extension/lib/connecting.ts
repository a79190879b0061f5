/** Connecting maps to the clipper: checking a link's secret with its host, the connect script. */
import { browser } from 'wxt/browser';
import { checkRoom, HostError } from './host-api';
import {
  httpOrigin,
  isLoopback,
  LOOPBACK_PATTERNS,
  mapKey,
  originPattern,
  type ConnectedMap,
} from './maps';
import { outbox } from './delivery';
import { ClipperError, type ConnectInput } from './protocol';
import { mapsItem, settingsItem } from './store';

export const CONNECT_SCRIPT_ID = 'weavemap-connect';
const CONNECT_SCRIPT_FILE = 'content-scripts/weavemap-connect.js';

/** Runs the "Connect the clipper" content script on loopback and on every connected host. */
export async function registerConnectScript(): Promise<void> {
  const patterns = new Set<string>(LOOPBACK_PATTERNS);
  for (const m of await mapsItem.getValue()) {
    const pattern = originPattern(m.host);
    if (patterns.has(pattern)) continue;
    if (await browser.permissions.contains({ origins: [pattern] })) patterns.add(pattern);
  }
  const script = {
    id: CONNECT_SCRIPT_ID,
    matches: [...patterns],
    js: [CONNECT_SCRIPT_FILE],
    runAt: 'document_idle' as const,
  };
  const existing = await browser.scripting.getRegisteredContentScripts({
    ids: [CONNECT_SCRIPT_ID],
  });
  if (existing.length > 0) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
}

/**
 * Connects a map: checks with its host that the secret may add to it (an edit or facilitator
 * secret), stores it, and makes it the default if it is the first. Clips that failed for want of
 * this map (forgotten, or refused for a stale secret) are tried again.
 */
export async function connectMap(input: ConnectInput): Promise<ConnectedMap> {
  const host = httpOrigin(input.host);
  if (host === null) throw new ClipperError('A Weavemap host has an http(s) address.');
  const pattern = originPattern(host);
  if (!isLoopback(host) && !(await browser.permissions.contains({ origins: [pattern] })))
    throw new ClipperError(
      `The clipper needs your permission to reach ${host}: connect from the clipper’s popup or options page and allow it.`,
    );
  let room: Awaited<ReturnType<typeof checkRoom>>;
  try {
    room = await checkRoom((i, init) => fetch(i, init), {
      host,
      roomId: input.roomId,
      secret: input.secret,
    });
  } catch (error) {
    throw new ClipperError(error instanceof HostError ? error.message : String(error));
  }
  if (room.role === 'view')
    throw new ClipperError(
      'That is a view link: it cannot add to the map. Use the map’s edit link (or “Connect the clipper” in the map).',
    );
  const map: ConnectedMap = {
    key: mapKey(host, input.roomId),
    host,
    roomId: input.roomId,
    secret: input.secret,
    title: room.title || input.title?.slice(0, 500) || '',
    role: room.role,
    connectedAt: Date.now(),
  };
  const maps = (await mapsItem.getValue()).filter((m) => m.key !== map.key);
  await mapsItem.setValue([...maps, map]);
  const settings = await settingsItem.getValue();
  if (settings.defaultMap === null || !maps.some((m) => m.key === settings.defaultMap))
    await settingsItem.setValue({ ...settings, defaultMap: map.key });
  await registerConnectScript().catch(() => undefined);
  for (const e of await outbox.list())
    if (
      e.mapKey === map.key &&
      e.state === 'failed' &&
      [0, 401, 403, 404].includes(e.lastStatus ?? -1)
    )
      await outbox.retry(e.clip.clipId);
  void outbox.flush();
  return map;
}

export async function forgetMap(key: string): Promise<void> {
  const maps = (await mapsItem.getValue()).filter((m) => m.key !== key);
  await mapsItem.setValue(maps);
  const settings = await settingsItem.getValue();
  if (settings.defaultMap === key)
    await settingsItem.setValue({ ...settings, defaultMap: maps[0]?.key ?? null });
  await registerConnectScript().catch(() => undefined);
}
