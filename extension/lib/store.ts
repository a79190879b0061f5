/**
 * What the clipper keeps, in `browser.storage.local` through WXT storage items: the outbox, the
 * connected maps (with their secrets: extension storage is not readable by web pages) and the
 * settings. The background writes; the popup and options page read and watch.
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, type ClipperSettings, type ConnectedMap } from './maps';
import type { OutboxEntry } from './outbox';

export const outboxItem = storage.defineItem<OutboxEntry[]>('local:outbox', { fallback: [] });
export const mapsItem = storage.defineItem<ConnectedMap[]>('local:maps', { fallback: [] });
export const settingsItem = storage.defineItem<ClipperSettings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
});
