import * as Y from 'yjs';
import { loopsMap, metaMap } from '../schema/doc';
import { LIMITS } from '../schema/limits';
import { stampMigrated } from '../schema/record-migrations';
import { SCHEMA_VERSION } from '../schema/version';
import { DomainError, nowOf, transact, type EditContext } from './context';

/** Stamps a new map's meta (schema version, title, creator). Does nothing to an existing map. */
export function initMap(ctx: EditContext, title: string): void {
  transact(ctx, () => {
    const meta = metaMap(ctx.doc);
    if (meta.has('schemaVersion')) return;
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('title', title.trim().slice(0, LIMITS.titleChars) || 'Untitled map');
    meta.set('createdAt', nowOf(ctx));
    meta.set('createdBy', ctx.userId);
    stampMigrated(ctx.doc);
  });
}

export function setMapTitle(ctx: EditContext, title: string): void {
  const t = title.trim();
  if (!t) throw new DomainError([{ field: 'title', message: 'The title cannot be empty.' }]);
  if (t.length > LIMITS.titleChars)
    throw new DomainError([
      { field: 'title', message: `The title is too long (at most ${LIMITS.titleChars}).` },
    ]);
  transact(ctx, () => metaMap(ctx.doc).set('title', t));
}

/** Turns the map's text-first factor style (factors as words, no boxes) on or off, for everyone. */
export function setTextFactors(ctx: EditContext, on: boolean): void {
  transact(ctx, () => {
    if (on) metaMap(ctx.doc).set('textFactors', true);
    else metaMap(ctx.doc).delete('textFactors');
  });
}

/**
 * Names (or re-notes) a detected feedback loop, keyed by its canonical signature. `replaces`: the
 * key the group's words were kept under before the loop's links were redrawn; what this call
 * does not set (the name, or the note) moves over from there, and the old key goes.
 */
export function setLoopNote(
  ctx: EditContext,
  signature: string,
  note: { name?: string; note?: string; members: readonly string[]; replaces?: string },
): void {
  if (note.name !== undefined && note.name.length > LIMITS.labelChars)
    throw new DomainError([
      { field: 'name', message: `The name is too long (at most ${LIMITS.labelChars}).` },
    ]);
  transact(ctx, () => {
    const loops = loopsMap(ctx.doc);
    const previous =
      note.replaces !== undefined && note.replaces !== signature ? loops.get(note.replaces) : null;
    let m = loops.get(signature);
    if (!(m instanceof Y.Map)) {
      m = new Y.Map<unknown>();
      loops.set(signature, m);
    }
    if (previous instanceof Y.Map) {
      for (const field of ['name', 'note'] as const)
        if (note[field] === undefined && typeof previous.get(field) === 'string')
          m.set(field, previous.get(field));
      loops.delete(note.replaces!);
    }
    if (note.name !== undefined) m.set('name', note.name.trim());
    if (note.note !== undefined) m.set('note', note.note);
    m.set('members', [...note.members]);
    m.set('updatedBy', ctx.userId);
    m.set('updatedAt', nowOf(ctx));
  });
}

/**
 * Forgets what the group said of a loop (its name and note): for a named loop an edit broke and
 * the group does not mean to redraw. Does nothing when the loop has no name or note.
 */
export function forgetLoopNote(ctx: EditContext, signature: string): void {
  if (!loopsMap(ctx.doc).has(signature)) return;
  transact(ctx, () => loopsMap(ctx.doc).delete(signature));
}
