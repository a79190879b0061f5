import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJson, sendJson } from '../http/json';
import { RateLimiter } from '../http/rate-limit';
import type { History } from '../history/recorder';
import { MergeBusyError } from '../history/merger';
import type { VersionInfo } from '../history/store';
import type { Role, RoomDirectory } from '../rooms/store';
import { refuseWhileLocked } from './map-lock';
import { requireRoomRole } from './room-auth';
import type { RouteModule } from './services';

export const MAX_VERSION_NAME = 200;

/** A version as the API lists it. */
export type VersionResponse = Omit<VersionInfo, 'room'>;

/** `GET /api/rooms/:id/versions/:vid` with `Accept: application/json`. */
export interface VersionStateResponse extends VersionResponse {
  /** The encoded Yjs state, base64. */
  state: string;
}

const authorize = (
  rooms: RoomDirectory,
  req: IncomingMessage,
  roomId: string,
  roles: readonly Role[],
) =>
  requireRoomRole(
    rooms,
    req,
    roomId,
    roles,
    () => 'A view link cannot keep versions: use an edit or facilitator link.',
  );

const publicInfo = ({ room: _room, ...rest }: VersionInfo): VersionResponse => rest;

/** Validates `{name, by?}`: a version name (1-200 characters) and the requester's display name. */
export function parseNamedVersion(body: unknown): { name: string; by: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'The body must be a JSON object like {"name": "after mapping"}.');
  const { name, by } = body as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim())
    throw new HttpError(400, 'The version needs a name.', ['name']);
  if (name.trim().length > MAX_VERSION_NAME)
    throw new HttpError(400, `The name is longer than ${MAX_VERSION_NAME} characters.`, ['name']);
  if (by !== undefined && (typeof by !== 'string' || by.length > MAX_VERSION_NAME))
    throw new HttpError(400, `by must be a name of at most ${MAX_VERSION_NAME} characters.`, [
      'by',
    ]);
  return { name: name.trim(), by: typeof by === 'string' ? by.trim() : '' };
}

/**
 * Room history:
 * - `GET /api/rooms/:id/versions` (any secret of the room): the versions, newest first, and
 *   `disk`: the bytes the room takes in the host's database (document, update log, versions).
 * - `GET /api/rooms/:id/versions/:vid` (any secret): the version's encoded Yjs state, as
 *   `application/octet-stream`, or as JSON `{...info, state: base64}` for `Accept: application/json`.
 * - `POST /api/rooms/:id/versions {name, by?}` (edit or facilitator secret): keeps a named version
 *   of the room now; 201 with its info. The people present are read from the host's presence; `by`
 *   (the requester's name) is added to them.
 */
export function versionRoutes(history: History): RouteModule {
  return (router, services) => {
    const { rooms, limits } = services;
    const named = new RateLimiter(30, 60_000);

    router.get('/api/rooms/:id/versions', async ({ req, res, params }) => {
      const roomId = params.id ?? '';
      await authorize(rooms, req, roomId, ['view', 'edit', 'facilitator']);
      sendJson(res, 200, {
        versions: (await history.store.list(roomId)).map(publicInfo),
        disk: await history.store.diskUse(roomId),
      });
    });

    // A version's state can be the size of the room: a heavy read, held until the response is
    // sent so that slow readers cannot pile up copies of big states.
    router.get('/api/rooms/:id/versions/:vid', async ({ req, res, params }) => {
      const roomId = params.id ?? '';
      await authorize(rooms, req, roomId, ['view', 'edit', 'facilitator']);
      await services.heavyReads.run(roomId, async () => {
        const sent = new Promise<void>((resolve) => res.once('close', resolve));
        await sendVersion(req, res, history, roomId, params.vid ?? '');
        await sent;
      });
    });

    router.post('/api/rooms/:id/versions', async ({ req, res, params }) => {
      const roomId = params.id ?? '';
      const role = await authorize(rooms, req, roomId, ['edit', 'facilitator']);
      const { name, by } = parseNamedVersion(await readJson(req, limits.maxBodyBytes));
      if (!named.take(roomId))
        throw new HttpError(
          429,
          'Too many named versions for this room; try again shortly.',
          undefined,
          {
            'Retry-After': String(Math.ceil(named.retryAfterMs(roomId) / 1000)),
          },
        );
      const info = await services.withRoomDoc(roomId, (doc) => {
        refuseWhileLocked(doc, role, 'versions');
        return history.record(roomId, doc, {
          name,
          reason: 'named',
          by,
          alsoPresent: by ? [by] : [],
        });
      });
      sendJson(res, 201, publicInfo(info));
    });
  };
}

async function sendVersion(
  req: IncomingMessage,
  res: ServerResponse,
  history: History,
  roomId: string,
  versionId: string,
): Promise<void> {
  const version = await history.store.read(roomId, versionId).catch((error) => {
    if (error instanceof MergeBusyError)
      throw new HttpError(503, error.message, undefined, { 'Retry-After': '2' });
    throw error;
  });
  if (!version) throw new HttpError(404, 'No such version of this room.');
  const { state, ...info } = version;
  if ((req.headers.accept ?? '').includes('application/json')) {
    const body: VersionStateResponse = {
      ...publicInfo(info),
      state: Buffer.from(state).toString('base64'),
    };
    sendJson(res, 200, body);
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': state.byteLength,
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(Buffer.from(state));
}
