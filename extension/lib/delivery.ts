/**
 * Delivery of clips: the outbox (kept in extension storage), which posts each clip to its map's
 * host, and its schedule (the badge, an alarm and a timer for the next try).
 */
import { browser } from 'wxt/browser';
import { postClip } from './host-api';
import type { ConnectedMap } from './maps';
import { countByState, nextDue, Outbox, type OutboxEntry } from './outbox';
import { mapsItem, outboxItem } from './store';

export const RETRY_ALARM = 'weavemap-outbox-retry';

let retryTimer: ReturnType<typeof setTimeout> | undefined;

export async function findMap(key: string): Promise<ConnectedMap | undefined> {
  return (await mapsItem.getValue()).find((m) => m.key === key);
}

export const outbox = new Outbox({
  store: outboxItem,
  send: async (entry) => {
    const map = await findMap(entry.mapKey);
    if (map === undefined)
      return {
        kind: 'refused',
        status: 0,
        reason: 'This map is no longer connected: connect it again, or discard the clip.',
        errors: [],
      };
    return postClip((input, init) => fetch(input, init), map, entry.clip);
  },
  onChange: (entries) => void schedule(entries),
});

/** Badge (how many clips wait; red when one failed) and the next wake-up (alarm and timer). */
export async function schedule(entries: readonly OutboxEntry[]): Promise<void> {
  const { pending, failed } = countByState(entries);
  const total = pending + failed;
  try {
    await browser.action.setBadgeText({ text: total === 0 ? '' : String(total) });
    await browser.action.setBadgeBackgroundColor({ color: failed > 0 ? '#c62828' : '#4363d8' });
  } catch {
    // No action API (never in MV3): the popup still shows the counts.
  }
  const next = nextDue(entries);
  if (retryTimer !== undefined) clearTimeout(retryTimer);
  retryTimer = undefined;
  if (next === null) {
    await browser.alarms.clear(RETRY_ALARM);
    return;
  }
  // The alarm survives the worker being stopped and the browser restarting (Chromium may round it
  // up to 30 s); the timer is exact while the worker lives.
  await browser.alarms.create(RETRY_ALARM, { when: Math.max(next, Date.now() + 1_000) });
  const delay = Math.max(0, next - Date.now());
  retryTimer = setTimeout(() => void outbox.flush(), delay + 50);
}
