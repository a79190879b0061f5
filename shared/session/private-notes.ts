import * as Y from 'yjs';
import { transact } from '../domain/context';
import { writeNewElement, type NewElement } from '../domain/elements';
import { elementsMap, readElement, writeField } from '../schema/doc';
import type { ConnectionRecord, ElementRecord, MapSnapshot, SourceRecord } from '../schema/types';
import { requireFacilitator, type SessionContext } from './context';
import { HIDDEN_FIELD, KEY, sessionMap } from './layout';

/**
 * Private mode, for a brainstorm: notes written while it is on carry `hiddenUntilReveal: true`
 * (and their author, `createdBy`), and `visibleTo` leaves them out of what others are shown
 * until the facilitator reveals them.
 *
 * Hidden is NOT encrypted: the notes are in the shared document that every participant's
 * browser holds; a participant with developer tools can read them. Use it to avoid anchoring
 * the group, not to keep secrets.
 */

export function setPrivateMode(ctx: SessionContext, on: boolean): void {
  requireFacilitator(ctx, on ? 'turn private mode on' : 'turn private mode off');
  transact(ctx, () => {
    if (on) sessionMap(ctx.doc).set(KEY.private, true);
    else sessionMap(ctx.doc).delete(KEY.private);
  });
}

export function isPrivateMode(doc: Y.Doc): boolean {
  return sessionMap(doc).get(KEY.private) === true;
}

/**
 * Adds a note (kind `note`) the way the session wants it: hidden until revealed while private
 * mode is on, an ordinary note otherwise. Returns its id.
 */
export function addSessionNote(ctx: SessionContext, input: Omit<NewElement, 'kind'>): string {
  return transact(ctx, () => {
    const hidden = isPrivateMode(ctx.doc);
    const extra = { ...(input.extra ?? {}) };
    if (hidden) extra[HIDDEN_FIELD] = true;
    return writeNewElement(ctx, { ...input, kind: 'note', extra });
  });
}

export function isHidden(element: ElementRecord): boolean {
  return element.extra[HIDDEN_FIELD] === true;
}

/**
 * The map as `userId` may see it: hidden notes of others are left out (with their connections
 * and their evidence links), unless the viewer is a facilitator, who sees them to moderate.
 */
export function visibleTo(
  snapshot: MapSnapshot,
  userId: string,
  isFacilitator: boolean,
): MapSnapshot {
  if (isFacilitator) return snapshot;
  const hidden = new Set<string>();
  for (const [id, e] of snapshot.elements)
    if (isHidden(e) && e.createdBy !== userId) hidden.add(id);
  if (hidden.size === 0) return snapshot;
  const elements = new Map<string, ElementRecord>();
  for (const [id, e] of snapshot.elements) if (!hidden.has(id)) elements.set(id, e);
  const connections = new Map<string, ConnectionRecord>();
  for (const [id, c] of snapshot.connections) {
    if (hidden.has(c.from) || hidden.has(c.to)) hidden.add(id);
    else connections.set(id, c);
  }
  const sources = new Map<string, SourceRecord>();
  for (const [id, s] of snapshot.sources) {
    const linked = s.linkedTo.filter((t) => !hidden.has(t));
    sources.set(id, linked.length === s.linkedTo.length ? s : { ...s, linkedTo: linked });
  }
  return { ...snapshot, elements, connections, sources };
}

/** Ids of notes still hidden. */
export function hiddenNotes(snapshot: MapSnapshot): string[] {
  return [...snapshot.elements.values()].filter(isHidden).map((e) => e.id);
}

/** Shows every hidden note to everyone (facilitator). Returns how many were revealed. */
export function revealPrivateNotes(ctx: SessionContext): number {
  requireFacilitator(ctx, 'reveal private notes');
  return transact(ctx, () => {
    let n = 0;
    elementsMap(ctx.doc).forEach((el, id) => {
      if (isHidden(readElement(el, id))) {
        writeField(el, HIDDEN_FIELD, undefined);
        n += 1;
      }
    });
    return n;
  });
}
