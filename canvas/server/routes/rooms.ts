import { LIMITS } from '../../../shared/schema/limits';
import { bearerToken, HttpError, readJson, sendJson } from '../http/json';
import { RateLimiter } from '../http/rate-limit';
import { isRoomId } from '../rooms/secrets';
import type { RouteModule } from './services';

export interface CreateRoomResponse {
  roomId: string;
  editSecret: string;
  viewSecret: string;
  facilitatorSecret: string;
  editLink: string;
  viewLink: string;
  facilitatorLink: string;
}

/** `http://host:port/#/r/<roomId>?k=<secret>`: the secret rides in the fragment, never sent to a server. */
export const roomLink = (baseUrl: string, roomId: string, secret: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/#/r/${encodeURIComponent(roomId)}?k=${encodeURIComponent(secret)}`;

/**
 * Validates a create-room body: a JSON object with an optional string title. The body is required
 * (415 without one): a page on another origin can send an empty or text body without asking the
 * browser's permission (a "simple" request), but not a JSON one.
 */
export function parseCreateRoom(body: unknown): { title: string } {
  if (body === undefined)
    throw new HttpError(
      415,
      'Creating a room needs a JSON body like {"title": "..."} (Content-Type: application/json).',
    );
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'The body must be a JSON object like {"title": "..."}.');
  }
  const title = (body as Record<string, unknown>).title;
  if (title === undefined || title === null) return { title: '' };
  if (typeof title !== 'string') throw new HttpError(400, 'The title must be a string.', ['title']);
  const trimmed = title.trim();
  if (trimmed.length > LIMITS.titleChars) {
    throw new HttpError(400, `The title is longer than ${LIMITS.titleChars} characters.`, [
      'title',
    ]);
  }
  return { title: trimmed };
}

/** `POST /api/rooms` and `GET /api/rooms/:id`. */
export const roomRoutes: RouteModule = (router, services) => {
  const { rooms, limits } = services;
  const creations = new RateLimiter(limits.roomsPerMinute, 60_000);

  router.post('/api/rooms', async ({ req, res }) => {
    const client = req.socket.remoteAddress ?? 'unknown';
    const body = await readJson(req, limits.maxBodyBytes);
    const { title } = parseCreateRoom(body);
    if (!creations.take(client)) {
      const seconds = Math.ceil(creations.retryAfterMs(client) / 1000);
      throw new HttpError(
        429,
        'Too many rooms created from this address; try again shortly.',
        undefined,
        {
          'Retry-After': String(seconds),
        },
      );
    }
    const room = await rooms.create(title);
    const base = services.baseUrl(req);
    const response: CreateRoomResponse = {
      roomId: room.id,
      editSecret: room.editSecret,
      viewSecret: room.viewSecret,
      facilitatorSecret: room.facilitatorSecret,
      editLink: roomLink(base, room.id, room.editSecret),
      viewLink: roomLink(base, room.id, room.viewSecret),
      facilitatorLink: roomLink(base, room.id, room.facilitatorSecret),
    };
    sendJson(res, 201, response);
  });

  router.get('/api/rooms/:id', async ({ req, res, params }) => {
    const id = params.id ?? '';
    const secret = bearerToken(req);
    if (!isRoomId(id) || !(await rooms.exists(id))) throw new HttpError(404, 'No such room.');
    if (!secret) {
      throw new HttpError(
        401,
        'This room needs its secret: send Authorization: Bearer <secret>.',
        undefined,
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    }
    const auth = await rooms.authenticate(id, secret);
    if (!auth)
      throw new HttpError(401, 'The secret is not valid for this room.', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    sendJson(res, 200, { roomId: auth.room.id, title: auth.room.title, role: auth.role });
  });
};
