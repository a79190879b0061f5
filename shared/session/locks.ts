import { nowOf, transact } from '../domain/context';
import { elementsMap } from '../schema/doc';
import { requireFacilitator, type SessionContext } from './context';
import { KEY, sessionMap } from './layout';
import type { SessionSnapshot } from './types';

export { isMapLocked } from './layout';

/**
 * Locks. The whole-map lock (`session.locked`) is enforced by the host: while it is on, the host
 * applies no update from an edit-link connection, so the stored map does not change except by
 * facilitators. Element locks are kept by well-behaved clients only (the UI refuses the edit);
 * an edit-link holder with a modified client can still change a locked element.
 */

/** Locks or unlocks the whole map (facilitator). */
export function setMapLocked(ctx: SessionContext, locked: boolean): void {
  requireFacilitator(ctx, locked ? 'lock the map' : 'unlock the map');
  transact(ctx, () => {
    const s = sessionMap(ctx.doc);
    if (locked) {
      s.set(KEY.locked, true);
      s.set(KEY.lockedBy, ctx.userId);
    } else {
      s.delete(KEY.locked);
      s.delete(KEY.lockedBy);
    }
  });
}

/** Locks elements against edits by participants (facilitator). Unknown ids are skipped. */
export function lockElements(ctx: SessionContext, ids: Iterable<string>): void {
  requireFacilitator(ctx, 'lock elements');
  transact(ctx, () => {
    const s = sessionMap(ctx.doc);
    const elements = elementsMap(ctx.doc);
    for (const id of ids) {
      if (!elements.has(id) || s.has(KEY.lock + id)) continue;
      s.set(KEY.lock + id, { by: ctx.userId, at: nowOf(ctx) });
    }
  });
}

export function unlockElements(ctx: SessionContext, ids: Iterable<string>): void {
  requireFacilitator(ctx, 'unlock elements');
  transact(ctx, () => {
    const s = sessionMap(ctx.doc);
    for (const id of ids) s.delete(KEY.lock + id);
  });
}

/**
 * Whether this person may change an element now: facilitators always; participants not while
 * the map or the element is locked. (View-link holders never; that is the link's role.)
 */
export function canEditElement(
  session: Pick<SessionSnapshot, 'locked' | 'elementLocks'>,
  elementId: string,
  facilitator: boolean,
): boolean {
  if (facilitator) return true;
  return !session.locked && !session.elementLocks.has(elementId);
}

/** Whether this person may change the map at all now (add elements, connect, ...). */
export function canEditMap(
  session: Pick<SessionSnapshot, 'locked'>,
  facilitator: boolean,
): boolean {
  return facilitator || !session.locked;
}
