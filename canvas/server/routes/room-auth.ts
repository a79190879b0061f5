import type { IncomingMessage } from 'node:http';
import { bearerToken, HttpError } from '../http/json';
import { isRoomId } from '../rooms/secrets';
import type { Role, RoomDirectory } from '../rooms/store';

const unauthorized = (message: string) =>
  new HttpError(401, message, undefined, { 'WWW-Authenticate': 'Bearer' });

/**
 * Checks a room route's room and bearer secret: 404 for an unknown room, 401 for a missing or
 * wrong secret, 403 (with `forbidden`'s words) when the secret's role is not one of `roles`.
 * Returns the role.
 */
export async function requireRoomRole(
  rooms: RoomDirectory,
  req: IncomingMessage,
  roomId: string,
  roles: readonly Role[],
  forbidden: (role: Role) => string = (role) => `The ${role} secret cannot do this.`,
): Promise<Role> {
  if (!isRoomId(roomId) || !(await rooms.exists(roomId))) throw new HttpError(404, 'No such room.');
  const secret = bearerToken(req);
  if (!secret)
    throw unauthorized('This room needs its secret: send Authorization: Bearer <secret>.');
  const auth = await rooms.authenticate(roomId, secret);
  if (!auth) throw unauthorized('The secret is not valid for this room.');
  if (!roles.includes(auth.role)) throw new HttpError(403, forbidden(auth.role));
  return auth.role;
}
