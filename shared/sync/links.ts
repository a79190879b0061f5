/**
 * Rooms are capabilities: a link carries its room id and secret in the URL fragment
 * (`http://host:port/#/r/<roomId>?k=<secret>`), so the secret never reaches server logs or
 * referrers. The host keeps only hashes of secrets.
 */

export type RoomRole = 'view' | 'edit' | 'facilitator';

export interface RoomLink {
  readonly origin: string;
  readonly roomId: string;
  readonly secret: string;
}

const ID = /^[A-Za-z0-9_-]{6,64}$/;

export function isRoomId(v: string): boolean {
  return ID.test(v);
}

export function buildRoomLink(origin: string, roomId: string, secret: string): string {
  return `${origin.replace(/\/+$/, '')}/#/r/${encodeURIComponent(roomId)}?k=${encodeURIComponent(secret)}`;
}

/** Reads the room and secret from a fragment such as `#/r/<id>?k=<secret>`. */
export function parseRoomFragment(hash: string): { roomId: string; secret: string } | null {
  const m = /^#?\/r\/([^?/#]+)(?:\?(.*))?$/.exec(hash.trim());
  if (!m) return null;
  const roomId = decodeURIComponent(m[1] ?? '');
  const secret = new URLSearchParams(m[2] ?? '').get('k') ?? '';
  if (!isRoomId(roomId) || !ID.test(secret)) return null;
  return { roomId, secret };
}

/** Parses a whole pasted link (an edit, view or facilitator link). Only http(s) hosts. */
export function parseRoomLink(text: string): RoomLink | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const room = parseRoomFragment(url.hash);
  return room ? { origin: url.origin, ...room } : null;
}

/** WebSocket URL of a host endpoint (`/sync`, `/signal`) for an http(s) origin. */
export function wsUrl(origin: string, path: string): string {
  const u = new URL(path, origin);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}
