import * as Y from 'yjs';
import type {
  ConnectionRecord,
  ElementRecord,
  LoopNoteRecord,
  MetaRecord,
  SourceRecord,
} from './types';
import type { PackedKey } from './fields';
import { MAP_ROOT_KEYS, ROOT } from './roots';
import { buildRecord } from './records/read';
import type { RecordSpec } from './records/define';
import { ELEMENT } from './records/element';
import { CONNECTION } from './records/connection';
import { SOURCE } from './records/source';
import { LOOP_NOTE } from './records/loop';
import { META } from './records/meta';
import { parseBase, RecordRoot, type StoredRecord } from './flat';

/**
 * The storage codec: the shape of the live Yjs document. One nested Y.Map per record, so that
 * two people editing different fields of one element both keep their edit. This is the only
 * code that knows the storage keys; it reads and writes records as their declarations
 * (`records/<record>.ts`) say, keeping fields it does not know in `extra`.
 */

/** The map's record roots (see `roots.ts` for every root of the document). */
export const ROOT_KEYS = MAP_ROOT_KEYS;

/** One stored record: a nested Y.Map (schema v1, sources, loop notes) or a flat one (v2). */
export type RecordMap = StoredRecord;

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.meta);
/** The `elements` root as Yjs holds it (observers, undo, the host's checks). */
export const elementsRoot = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.elements);
export const connectionsRoot = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.connections);
export const sourcesMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.sources);
export const loopsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.loops);

/**
 * Whether the document stores elements and connections flat (schema 2 and later; a document
 * without a version unless its first element is a nested map, as in maps from before versions).
 * A v1 document keeps its nested maps until it is migrated (`flat.ts`, `migrations.ts`).
 */
export function storesFlat(doc: Y.Doc): boolean {
  const v = metaMap(doc).get('schemaVersion');
  if (typeof v === 'number') return v >= 2;
  for (const first of elementsRoot(doc).values()) return !(first instanceof Y.Map);
  return true;
}

/** The element records, whichever schema stores them (`flat.ts`). */
export const elementsMap = (doc: Y.Doc): RecordRoot =>
  new RecordRoot(elementsRoot(doc), storesFlat(doc));
export const connectionsMap = (doc: Y.Doc): RecordRoot =>
  new RecordRoot(connectionsRoot(doc), storesFlat(doc));

/** Field names of each record (anything else is a custom field, kept in `extra`). */
export const knownFields = {
  element: ELEMENT.known,
  connection: CONNECTION.known,
  source: SOURCE.known,
  meta: META.known,
} as const;

/**
 * Storage layout. A map is loaded far more often than it is written, and load time grows with
 * the number of Yjs items, so each record keeps one key per *editable* field (so concurrent
 * edits to different fields both survive) and packs what never changes into one key (the
 * fields a declaration stores with `packed(...)`):
 *  - `_c`: [createdBy, createdAt] (elements), `_e`: [from, to, createdBy, createdAt] (connections)
 *  - `_u`: updatedAt, written only by later edits
 *  - the id is the key in the parent map; fields at their default ('' text, no tags, the kind's
 *    default direction: a field's `sparse`) are not stored.
 * Measured (npm run bench, "load"): this halves document size and load time against one key
 * per field.
 */
export const STORAGE_KEYS: Readonly<Record<PackedKey, string>> = {
  created: '_c',
  ends: '_e',
  updated: '_u',
};
const PACKED_BY_KEY = new Map<string, PackedKey>(
  (Object.entries(STORAGE_KEYS) as [PackedKey, string][]).map(([name, key]) => [key, name]),
);
const RESERVED_STORAGE = new Set([...PACKED_BY_KEY.keys(), 'id']);

/** Custom field names a record cannot use (they name storage keys). */
export function isReservedFieldName(name: string): boolean {
  return RESERVED_STORAGE.has(name);
}

/** Whether a storage key is a packed one (the host checks those apart from fields). */
export function packedKeyName(key: string): PackedKey | undefined {
  return PACKED_BY_KEY.get(key);
}

const SPECS = { element: ELEMENT, connection: CONNECTION } as const;

/**
 * The storage entries for a new element or connection record (fields as in its declaration,
 * custom fields included at top level). Undefined values and defaults are left out.
 */
export function encodeRecord(
  type: 'element' | 'connection',
  fields: Record<string, unknown>,
): [string, unknown][] {
  const spec: RecordSpec = SPECS[type];
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const f = spec.fields[k];
    if (f && (f.storage !== 'key' || f.sparse?.(v, fields))) continue;
    out.push([k, Array.isArray(v) ? [...v] : v]);
  }
  const norm: Record<string, unknown> = {};
  for (const [key, slots] of spec.packed) {
    const values = slots.map((name) => {
      const f = spec.fields[name]!;
      const v = f.read(fields[name], norm);
      return (norm[name] = v === undefined ? f.fallback!(norm) : v);
    });
    if (slots.length > 1) out.push([STORAGE_KEYS[key], values]);
    else if (!spec.fields[slots[0]!]!.sparse?.(values[0], norm))
      out.push([STORAGE_KEYS[key], values[0]]);
  }
  return out;
}

/** Records when a record was last edited (the `updated` storage key). */
export function markUpdated(map: RecordMap, at: number): void {
  map.set(STORAGE_KEYS.updated, at);
}

/**
 * Writes one edited field: undefined, or a default value of `spec`'s field, removes the key.
 * Returns whether anything changed.
 */
export function writeField(
  map: RecordMap,
  key: string,
  value: unknown,
  spec?: RecordSpec,
): boolean {
  const cur = map.get(key);
  const sparse = spec?.fields[key]?.sparse;
  if (value === undefined || (sparse && sparse(value, { kind: map.get('kind') }))) {
    if (!map.has(key)) return false;
    map.delete(key);
    return true;
  }
  if (JSON.stringify(cur) === JSON.stringify(value)) return false;
  map.set(key, Array.isArray(value) ? [...value] : value);
  return true;
}

/** The two ends of a stored connection. */
export function connectionEnds(map: RecordMap): [string, string] {
  const e = map.get(STORAGE_KEYS.ends);
  if (Array.isArray(e)) return [String(e[0] ?? ''), String(e[1] ?? '')];
  return [String(map.get('from') ?? ''), String(map.get('to') ?? '')];
}

/**
 * A stored record's fields as plain values (nested Y types become JSON, packed keys are
 * unpacked into their fields) and its unknown fields.
 */
export function unpackStored(
  spec: RecordSpec,
  map: Pick<StoredRecord, 'forEach'>,
): { stored: Record<string, unknown>; extra: Record<string, unknown> } {
  const stored: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  map.forEach((raw, key) => {
    const value = raw instanceof Y.AbstractType ? (raw.toJSON() as unknown) : raw;
    putStored(spec, key, value, stored, extra);
  });
  return { stored, extra };
}

function putStored(
  spec: RecordSpec,
  key: string,
  value: unknown,
  stored: Record<string, unknown>,
  extra: Record<string, unknown>,
): void {
  const packed = PACKED_BY_KEY.get(key);
  if (packed !== undefined) {
    const slots = spec.packed.get(packed) ?? STANDARD_SLOTS[packed];
    if (slots.length === 1) stored[slots[0]!] = value;
    else if (Array.isArray(value))
      for (let i = 0; i < slots.length; i++) stored[slots[i]!] = value[i];
  } else if (spec.known.has(key)) stored[key] = value;
  else extra[key] = value;
}

/**
 * Every record of an element or connection root, in one pass, whichever schema stores each:
 * what a snapshot is built from on load. A flat record is its base overlaid by its edit keys
 * (`flat.ts`); an edit key whose record is gone is ignored.
 */
export function readRecordRoot<T>(
  spec: RecordSpec,
  root: Y.Map<unknown>,
  read: (map: RecordMap, id: string) => T,
): Map<string, T> {
  const out = new Map<string, T>();
  // Edits first (few, on a map just loaded), so that each record is then built in one go from
  // its parsed base, which becomes the record's stored fields (no copy: load allocates less).
  const edits = new Map<string, [string, unknown][]>();
  root.forEach((value, key) => {
    const dot = key.indexOf('.');
    if (dot < 0) return;
    const id = key.slice(0, dot);
    let list = edits.get(id);
    if (!list) edits.set(id, (list = []));
    list.push([key.slice(dot + 1), value]);
  });
  root.forEach((value, key) => {
    if (value instanceof Y.Map) {
      out.set(key, read(value as Y.Map<unknown>, key));
      return;
    }
    if (typeof value !== 'string' || key.includes('.')) return;
    const stored = parseBase(value) ?? {};
    const own = edits.get(key);
    if (own) for (const [k, v] of own) stored[k] = v;
    const extra: Record<string, unknown> = {};
    for (const k in stored) {
      const v = stored[k];
      if (v === null || v === undefined) {
        stored[k] = undefined;
        continue;
      }
      const packed = PACKED_BY_KEY.get(k);
      if (packed !== undefined) {
        const slots = spec.packed.get(packed) ?? STANDARD_SLOTS[packed];
        if (slots.length === 1) stored[slots[0]!] = v;
        else if (Array.isArray(v)) for (let i = 0; i < slots.length; i++) stored[slots[i]!] = v[i];
      } else if (!spec.known.has(k)) extra[k] = v;
    }
    const rec = buildRecord(spec, key, stored, extra);
    // Most records have no custom field: they share one empty `extra` (records are read-only).
    if (spec.extra && isEmptyObject(rec.extra)) rec.extra = NO_EXTRA;
    out.set(key, rec as T);
  });
  return out;
}

const NO_EXTRA: Readonly<Record<string, unknown>> = Object.freeze({});
function isEmptyObject(o: unknown): boolean {
  for (const _ in o as object) return false;
  return true;
}

export const readAllElements = (doc: Y.Doc): Map<string, ElementRecord> =>
  readRecordRoot(ELEMENT, elementsRoot(doc), readElement);
export const readAllConnections = (doc: Y.Doc): Map<string, ConnectionRecord> =>
  readRecordRoot(CONNECTION, connectionsRoot(doc), readConnection);
/** What a packed key holds in records that do not declare it (it is never a custom field). */
const STANDARD_SLOTS: Readonly<Record<PackedKey, readonly string[]>> = {
  created: ['createdBy', 'createdAt'],
  ends: ['from', 'to', 'createdBy', 'createdAt'],
  updated: ['updatedAt'],
};

/** A stored record as its declaration describes it. */
export function readStored(
  spec: RecordSpec,
  map: Pick<StoredRecord, 'forEach'>,
  id: string,
): Record<string, unknown> {
  const { stored, extra } = unpackStored(spec, map);
  return buildRecord(spec, id, stored, extra);
}

export const readElement = (map: RecordMap, id: string): ElementRecord =>
  readStored(ELEMENT, map, id) as unknown as ElementRecord;

export const readConnection = (map: RecordMap, id: string): ConnectionRecord =>
  readStored(CONNECTION, map, id) as unknown as ConnectionRecord;

export const readSource = (map: Y.Map<unknown>, id: string): SourceRecord =>
  readStored(SOURCE, map, id) as unknown as SourceRecord;

export const readLoopNote = (map: Y.Map<unknown>, signature: string): LoopNoteRecord =>
  readStored(LOOP_NOTE, map, signature) as unknown as LoopNoteRecord;

export const readMeta = (doc: Y.Doc): MetaRecord =>
  readStored(META, metaMap(doc), '') as unknown as MetaRecord;
