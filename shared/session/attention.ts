import { nowOf, transact } from '../domain/context';
import { newId } from '../domain/ids';
import { elementsMap } from '../schema/doc';
import { LIMITS } from '../schema/limits';
import { fail, requireFacilitator, type SessionContext } from './context';
import { KEY, readAttention, sessionMap } from './layout';
import type { AttentionEvent } from './types';

/**
 * "Bring everyone to me" and spotlight are events: the last one is kept in the session as a
 * whole value with a fresh `id` and an incremented `seq`. A client remembers the last event id it
 * acted on (starting with the one present when it joined, so a late joiner is not yanked by an old
 * event) and acts once per new id. Following a person is client-side and not stored.
 */

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

function emit(
  ctx: SessionContext,
  event: Omit<AttentionEvent, 'id' | 'seq' | 'by' | 'byName' | 'at'>,
): AttentionEvent {
  return transact(ctx, () => {
    const session = sessionMap(ctx.doc);
    const prev = readAttention(session.get(KEY.attention));
    const full: AttentionEvent = {
      ...event,
      id: newId(),
      seq: (prev?.seq ?? 0) + 1,
      by: ctx.userId,
      byName: ctx.userName ?? '',
      at: nowOf(ctx),
    };
    session.set(KEY.attention, JSON.parse(JSON.stringify(full)) as unknown);
    return full;
  });
}

/** Moves every participant's viewport to `viewport` (the facilitator's). */
export function summonEveryone(ctx: SessionContext, viewport: Viewport): AttentionEvent {
  requireFacilitator(ctx, 'bring everyone to them');
  const ok = [viewport.x, viewport.y, viewport.k].every(
    (n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= LIMITS.coordinate,
  );
  if (!ok || viewport.k <= 0) fail('viewport', 'The viewport must be finite numbers with k > 0.');
  return emit(ctx, { kind: 'summon', viewport: { x: viewport.x, y: viewport.y, k: viewport.k } });
}

/** Brings everyone to one element and highlights it. */
export function spotlightElement(ctx: SessionContext, elementId: string): AttentionEvent {
  requireFacilitator(ctx, 'spotlight an element');
  if (!elementsMap(ctx.doc).has(elementId)) fail('elementId', `No element with id ${elementId}.`);
  return emit(ctx, { kind: 'spotlight', elementId });
}

/**
 * The event a client should act on now, if any: the current event when its id differs from the
 * last one this client handled.
 */
export function pendingAttention(
  current: AttentionEvent | undefined,
  lastHandledId: string | undefined,
): AttentionEvent | undefined {
  return current && current.id !== lastHandledId ? current : undefined;
}
