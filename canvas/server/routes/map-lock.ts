import type * as Y from 'yjs';
import { isMapLocked } from '../../../shared/session/layout';
import { HttpError } from '../http/json';
import type { Role } from '../rooms/store';

/** Seconds a client told "locked" should wait before trying again. */
export const LOCKED_RETRY_AFTER_S = 30;

/**
 * The whole-map lock for HTTP writes, as /sync enforces it for sockets: while the room's session
 * says `locked`, only the facilitator secret writes; anyone else gets 423 Locked with a reason and
 * a Retry-After. Call it inside `withRoomDoc`, right before writing, so the check and the write
 * see the same document.
 */
export function refuseWhileLocked(doc: Y.Doc, role: Role, what: string): void {
  if (role === 'facilitator' || !isMapLocked(doc)) return;
  throw new HttpError(
    423,
    `The facilitator has locked this map; ${what} can be added once it is unlocked.`,
    undefined,
    { 'Retry-After': String(LOCKED_RETRY_AFTER_S) },
  );
}
