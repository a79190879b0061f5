import * as Y from 'yjs';
import { DomainError, transact, type EditContext } from '../domain/context';
import {
  connectionsRoot,
  elementsRoot,
  loopsMap,
  metaMap,
  sourcesMap,
  storesFlat,
} from '../schema/doc';
import { migrate } from '../schema/migrations';
import { readSnapshot } from '../schema/snapshot';
import type { MapSnapshot } from '../schema/types';

/**
 * History: comparing a version with the map, and bringing a version back as a new change.
 */

export interface IdDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** What changed from map `a` to map `b`, by id, over all record kinds and per kind. */
export interface MapDiff extends IdDiff {
  readonly elements: IdDiff;
  readonly connections: IdDiff;
  readonly sources: IdDiff;
  readonly loops: IdDiff;
  /** No record differs and the title is the same. */
  readonly same: boolean;
}

/** JSON with object keys sorted, so that equal records compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = (v as Record<string, unknown>)[k];
      return out;
    }
    return v;
  });
}

function diffRecords<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): IdDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [id, rb] of b) {
    const ra = a.get(id);
    if (ra === undefined) added.push(id);
    else if (ra !== rb && canonical(ra) !== canonical(rb)) changed.push(id);
  }
  for (const id of a.keys()) if (!b.has(id)) removed.push(id);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

/**
 * The difference from map `a` to map `b` (for the History view: `a` the version, `b` the live
 * map shows what was added, removed and changed since). Ids are sorted.
 */
export function diffMaps(a: MapSnapshot, b: MapSnapshot): MapDiff {
  const elements = diffRecords(a.elements, b.elements);
  const connections = diffRecords(a.connections, b.connections);
  const sources = diffRecords(a.sources, b.sources);
  const loops = diffRecords(a.loops, b.loops);
  const all = [elements, connections, sources, loops];
  const added = all.flatMap((d) => d.added);
  const removed = all.flatMap((d) => d.removed);
  const changed = all.flatMap((d) => d.changed);
  return {
    added,
    removed,
    changed,
    elements,
    connections,
    sources,
    loops,
    same: added.length + removed.length + changed.length === 0 && a.meta.title === b.meta.title,
  };
}

/** A version's encoded state as a document of its own (read-only use: History view, restore). */
export function openVersion(versionState: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, versionState);
  } catch {
    throw new DomainError([{ field: 'version', message: 'This is not a readable map version.' }]);
  }
  return doc;
}

/** A fresh copy of a stored value: Y types are rebuilt (a Y type can live in one place only). */
function copyValue(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const m = new Y.Map<unknown>();
    value.forEach((v, k) => m.set(k, copyValue(v)));
    return m;
  }
  if (value instanceof Y.Array) {
    const a = new Y.Array<unknown>();
    a.push(value.toArray().map(copyValue));
    return a;
  }
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

const plain = (v: unknown): unknown => (v instanceof Y.AbstractType ? v.toJSON() : v);

/**
 * Makes `target` hold what `source` holds, record by record and key by key, writing only what
 * differs (records are copied as stored, so nothing about their layout is interpreted here).
 */
function syncRecords(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const id of [...target.keys()]) if (!source.has(id)) target.delete(id);
  source.forEach((rec, id) => {
    const cur = target.get(id);
    if (!(rec instanceof Y.Map) || !(cur instanceof Y.Map)) {
      if (canonical(plain(rec)) !== canonical(plain(cur))) target.set(id, copyValue(rec));
      return;
    }
    for (const k of [...cur.keys()]) if (!rec.has(k)) cur.delete(k);
    rec.forEach((v, k) => {
      if (canonical(plain(v)) !== canonical(plain(cur.get(k)))) cur.set(k, copyValue(v));
    });
  });
}

/**
 * Brings a version back as ONE new transaction with `ctx.origin`: everyone sees it as an edit,
 * the person's UndoManager can undo it, and history is never rewritten. Elements, connections,
 * sources, loop names and the title become what they were in the version; the facilitation state
 * (phases, votes, reflections, actions) is left as it is. Returns what changed (from the map
 * before the restore to the map after it).
 */
export function restoreVersion(
  ctx: EditContext,
  currentDoc: Y.Doc,
  versionState: Uint8Array,
): MapDiff {
  if (ctx.doc !== currentDoc)
    throw new DomainError([{ field: 'doc', message: 'The edit context is for another document.' }]);
  const version = openVersion(versionState);
  try {
    const before = readSnapshot(currentDoc);
    const target = readSnapshot(version);
    const diff = diffMaps(before, target);
    if (diff.same) return diff;
    transact(ctx, () => {
      // A version from before schema v2 is brought to the layout the map stores now.
      if (storesFlat(currentDoc) && !storesFlat(version)) migrate(version);
      syncRecords(elementsRoot(currentDoc), elementsRoot(version));
      syncRecords(connectionsRoot(currentDoc), connectionsRoot(version));
      syncRecords(sourcesMap(currentDoc) as Y.Map<unknown>, sourcesMap(version) as Y.Map<unknown>);
      syncRecords(loopsMap(currentDoc) as Y.Map<unknown>, loopsMap(version) as Y.Map<unknown>);
      const title = metaMap(version).get('title');
      if (typeof title === 'string' && title && metaMap(currentDoc).get('title') !== title)
        metaMap(currentDoc).set('title', title);
    });
    return diff;
  } finally {
    version.destroy();
  }
}
