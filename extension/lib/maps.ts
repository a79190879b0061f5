/**
 * The maps the clipper is connected to. A map is a Weavemap host (an http(s) origin), a room id and
 * an edit (or facilitator) secret: the capability the canvas's "Connect the clipper" hands over,
 * or that a pasted edit link carries in its fragment. Kept in the extension's local storage,
 * which web pages cannot read.
 */
import { parseRoomLink, type RoomLink } from '../../shared/sync/links';

export interface ConnectedMap {
  /** `<origin>/r/<roomId>`: one entry per map. */
  readonly key: string;
  /** The host's origin, e.g. `https://maps.example.org` or `http://127.0.0.1:5178`. */
  readonly host: string;
  readonly roomId: string;
  readonly secret: string;
  readonly title: string;
  readonly role: 'edit' | 'facilitator';
  readonly connectedAt: number;
}

export interface ClipperSettings {
  /** Shown as "clipped by" on every source and quote. */
  readonly userName: string;
  /** The map context-menu clips go to (a ConnectedMap key), if any. */
  readonly defaultMap: string | null;
}

export const DEFAULT_SETTINGS: ClipperSettings = { userName: '', defaultMap: null };

export const mapKey = (host: string, roomId: string): string => `${host}/r/${roomId}`;

/** The origin of an http(s) address (no path, no trailing slash), or null for anything else. */
export function httpOrigin(value: string): string | null {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/**
 * The match pattern that covers a host (every port of its name: match patterns ignore ports in
 * Chromium), for permissions.request and content-script registration.
 */
export function originPattern(origin: string): string {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}

/** Hosts the manifest already grants (the default self-hosted Weavemap runs on loopback). */
export const LOOPBACK_PATTERNS = ['http://127.0.0.1/*', 'http://localhost/*'] as const;

export function isLoopback(origin: string): boolean {
  const u = new URL(origin);
  return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost');
}

/** Reads a pasted edit link; a clear message for anything else. */
export function parseMapLink(
  text: string,
): { ok: true; link: RoomLink } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'Paste the map’s edit link.' };
  const link = parseRoomLink(trimmed);
  if (link === null)
    return {
      ok: false,
      error:
        'That is not a Weavemap map link. It looks like http(s)://host/#/r/<map id>?k=<secret>: use “Copy edit link” in the map.',
    };
  return { ok: true, link };
}

/** A short label for a map: its title, else its id, with the host when it is not loopback. */
export function mapLabel(map: Pick<ConnectedMap, 'title' | 'roomId' | 'host'>): string {
  const name = map.title.trim() === '' ? `Map ${map.roomId}` : map.title;
  return isLoopback(map.host) ? name : `${name} (${new URL(map.host).host})`;
}
