import type { RoomRole } from '../../shared/sync/links';

/** Calls to the host's rooms API. Errors carry the host's own message. */

export interface CreatedRoom {
  readonly roomId: string;
  readonly editSecret: string;
  readonly viewSecret: string;
  readonly facilitatorSecret: string;
  readonly editLink: string;
  readonly viewLink: string;
  readonly facilitatorLink: string;
}

export interface RoomInfo {
  readonly roomId: string;
  readonly title: string;
  readonly role: RoomRole;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'The Weavemap host cannot be reached. Check your connection.');
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `The host answered ${res.status}.`);
  return body as T;
}

export function createRoom(origin: string, title: string): Promise<CreatedRoom> {
  return call(`${origin}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
}

export function fetchRoomInfo(origin: string, roomId: string, secret: string): Promise<RoomInfo> {
  return call(`${origin}/api/rooms/${encodeURIComponent(roomId)}`, {
    headers: { authorization: `Bearer ${secret}` },
  });
}
