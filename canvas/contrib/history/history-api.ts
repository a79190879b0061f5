import { parseRoomFragment } from '../../../shared/sync/links';

/** The host's room history API (`/api/rooms/:id/versions`), with this tab's room secret. */

export type VersionReason = 'auto' | 'phase' | 'named';

export interface VersionInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly reason: VersionReason;
  readonly present: readonly string[];
  readonly bytes: number;
}

export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryError';
  }
}

/** The secret in this tab's address (`#/r/<room>?k=<secret>`). */
export function currentSecret(roomId: string): string {
  const here = parseRoomFragment(location.hash);
  if (!here || here.roomId !== roomId)
    throw new HistoryError('This tab’s address has no key for the map: open it from its link.');
  return here.secret;
}

async function call(url: string, init: RequestInit, secret: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { ...(init.headers ?? {}), authorization: `Bearer ${secret}` },
      cache: 'no-store',
    });
  } catch {
    throw new HistoryError('The Weavemap host cannot be reached, so its history cannot either.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new HistoryError(body.error ?? `The host answered ${res.status}.`);
  }
  return res;
}

const base = (origin: string, roomId: string) =>
  `${origin}/api/rooms/${encodeURIComponent(roomId)}/versions`;

export async function listVersions(
  origin: string,
  roomId: string,
  secret: string,
): Promise<VersionInfo[]> {
  const res = await call(base(origin, roomId), {}, secret);
  const body = (await res.json()) as { versions?: VersionInfo[] };
  return Array.isArray(body.versions) ? body.versions : [];
}

export async function versionState(
  origin: string,
  roomId: string,
  secret: string,
  versionId: string,
): Promise<Uint8Array> {
  const res = await call(
    `${base(origin, roomId)}/${encodeURIComponent(versionId)}`,
    { headers: { accept: 'application/octet-stream' } },
    secret,
  );
  return new Uint8Array(await res.arrayBuffer());
}

export async function keepVersion(
  origin: string,
  roomId: string,
  secret: string,
  name: string,
  by: string,
): Promise<VersionInfo> {
  const res = await call(
    base(origin, roomId),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, by }),
    },
    secret,
  );
  return (await res.json()) as VersionInfo;
}
