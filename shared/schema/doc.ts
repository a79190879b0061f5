import * as Y from 'yjs';
import type {
  ConnectionRecord,
  ElementRecord,
  LoopNoteRecord,
  MetaRecord,
  QuoteRecord,
  SourceRecord,
} from './types';
import { ACTOR_TYPES, CONNECTION_KINDS, DIRECTIONS, ELEMENT_KINDS, POLARITIES } from './types';
import { isWeight } from './validate';

/**
 * The shape of the live Yjs document: one nested Y.Map per record, so that two people editing
 * different fields of one element both keep their edit. Readers here turn Y types into the
 * plain records of `types.ts`, keeping fields they do not know in `extra`.
 */

export const ROOT_KEYS = ['meta', 'elements', 'connections', 'sources', 'loops'] as const;

export type RecordMap = Y.Map<unknown>;

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('meta');
export const elementsMap = (doc: Y.Doc): Y.Map<RecordMap> => doc.getMap('elements');
export const connectionsMap = (doc: Y.Doc): Y.Map<RecordMap> => doc.getMap('connections');
export const sourcesMap = (doc: Y.Doc): Y.Map<RecordMap> => doc.getMap('sources');
export const loopsMap = (doc: Y.Doc): Y.Map<RecordMap> => doc.getMap('loops');

const ELEMENT_FIELDS = new Set([
  'id',
  'kind',
  'label',
  'description',
  'tags',
  'position',
  'actorType',
  'leverageLevel',
  'color',
  'pinned',
  'parent',
  'createdBy',
  'createdAt',
  'updatedAt',
]);
const CONNECTION_FIELDS = new Set([
  'id',
  'from',
  'to',
  'kind',
  'polarity',
  'delay',
  'direction',
  'strength',
  'weight',
  'label',
  'description',
  'tags',
  'proposed',
  'createdBy',
  'createdAt',
  'updatedAt',
]);
const SOURCE_FIELDS = new Set([
  'id',
  'url',
  'canonicalUrl',
  'title',
  'siteName',
  'authors',
  'publishedAt',
  'doi',
  'description',
  'language',
  'primaryLanguage',
  'type',
  'favicon',
  'quotes',
  'linkedTo',
  'tags',
  'note',
  'clippedBy',
  'clippedAt',
]);
const META_FIELDS = new Set(['schemaVersion', 'title', 'createdAt', 'createdBy']);

export const knownFields = {
  element: ELEMENT_FIELDS,
  connection: CONNECTION_FIELDS,
  source: SOURCE_FIELDS,
  meta: META_FIELDS,
} as const;

/**
 * Storage layout. A map is loaded far more often than it is written, and load time grows with
 * the number of Yjs items, so each record keeps one key per *editable* field (so concurrent
 * edits to different fields both survive) and packs what never changes into one key:
 *  - `_c`: [createdBy, createdAt] (elements), `_e`: [from, to, createdBy, createdAt] (connections)
 *  - `_u`: updatedAt, written only by later edits
 *  - the id is the key in the parent map; fields at their default ('' text, no tags, the kind's
 *    default direction) are not stored.
 * Measured (npm run bench, "load"): this halves document size and load time against one key
 * per field.
 */
export const STORAGE_KEYS = { created: '_c', ends: '_e', updated: '_u' } as const;
const RESERVED_STORAGE = new Set(['_c', '_e', '_u', 'id']);

/** Custom field names a record cannot use (they name storage keys). */
export function isReservedFieldName(name: string): boolean {
  return RESERVED_STORAGE.has(name);
}

const EMPTY_DEFAULTS: Record<string, unknown> = { label: '', description: '', tags: [] };

function isDefault(key: string, value: unknown, kind?: unknown): boolean {
  if (key === 'direction') return value === (kind === 'causal' ? 'directed' : 'undirected');
  if (key === 'weight') return value === 1 && (kind === 'causal' || kind === 'relationship');
  if (!(key in EMPTY_DEFAULTS)) return false;
  return Array.isArray(value) ? value.length === 0 : value === EMPTY_DEFAULTS[key];
}

/**
 * The storage entries for a new element or connection record (fields as in `types.ts`, custom
 * fields included at top level). Undefined values and defaults are left out.
 */
export function encodeRecord(
  type: 'element' | 'connection',
  fields: Record<string, unknown>,
): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (
      v === undefined ||
      k === 'id' ||
      k === 'createdBy' ||
      k === 'createdAt' ||
      k === 'updatedAt'
    )
      continue;
    if (type === 'connection' && (k === 'from' || k === 'to')) continue;
    if (isDefault(k, v, fields.kind)) continue;
    out.push([k, Array.isArray(v) ? [...v] : v]);
  }
  const by = typeof fields.createdBy === 'string' ? fields.createdBy : '';
  const at = typeof fields.createdAt === 'number' ? fields.createdAt : 0;
  if (type === 'connection') out.push(['_e', [fields.from, fields.to, by, at]]);
  else out.push(['_c', [by, at]]);
  if (typeof fields.updatedAt === 'number' && fields.updatedAt !== at)
    out.push(['_u', fields.updatedAt]);
  return out;
}

/** Writes one edited field: a default value removes the key. Returns whether anything changed. */
/** Records when a record was last edited (the `updated` storage key). */
export function markUpdated(map: RecordMap, at: number): void {
  map.set(STORAGE_KEYS.updated, at);
}

export function writeField(map: RecordMap, key: string, value: unknown): boolean {
  const cur = map.get(key);
  if (value === undefined || isDefault(key, value, map.get('kind'))) {
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
  const e = map.get('_e');
  if (Array.isArray(e)) return [String(e[0] ?? ''), String(e[1] ?? '')];
  return [String(map.get('from') ?? ''), String(map.get('to') ?? '')];
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback = 0): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;
const strings = (v: unknown): readonly string[] =>
  Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;

/** A Y.Map's entries as plain values (nested Y types become JSON). */
function plainEntries(map: Y.Map<unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  map.forEach((value, key) => {
    out.push([key, value instanceof Y.AbstractType ? value.toJSON() : value]);
  });
  return out;
}

function splitExtra(
  entries: [string, unknown][],
  known: ReadonlySet<string>,
): { fields: Record<string, unknown>; extra: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (k === '_c' && Array.isArray(v)) {
      fields.createdBy = v[0];
      fields.createdAt = v[1];
    } else if (k === '_e' && Array.isArray(v)) {
      fields.from = v[0];
      fields.to = v[1];
      fields.createdBy = v[2];
      fields.createdAt = v[3];
    } else if (k === '_u') fields.updatedAt = v;
    else (known.has(k) ? fields : extra)[k] = v;
  }
  if (fields.updatedAt === undefined) fields.updatedAt = fields.createdAt;
  return { fields, extra };
}

export function readElement(map: RecordMap, id: string): ElementRecord {
  const { fields: f, extra } = splitExtra(plainEntries(map), ELEMENT_FIELDS);
  const pos = f.position;
  const position: readonly [number, number] =
    Array.isArray(pos) && pos.length === 2 ? [num(pos[0]), num(pos[1])] : [0, 0];
  const kind = oneOf(f.kind, ELEMENT_KINDS) ?? 'note';
  const rec: Record<string, unknown> = {
    id,
    kind,
    label: str(f.label),
    description: str(f.description),
    tags: strings(f.tags),
    position,
    createdBy: str(f.createdBy),
    createdAt: num(f.createdAt),
    updatedAt: num(f.updatedAt),
    extra,
  };
  const actorType = oneOf(f.actorType, ACTOR_TYPES);
  if (actorType) rec.actorType = actorType;
  if (typeof f.leverageLevel === 'number') rec.leverageLevel = f.leverageLevel;
  if (typeof f.color === 'string' && f.color) rec.color = f.color;
  if (f.pinned === true) rec.pinned = true;
  if (typeof f.parent === 'string' && f.parent) rec.parent = f.parent;
  return rec as unknown as ElementRecord;
}

export function readConnection(map: RecordMap, id: string): ConnectionRecord {
  const { fields: f, extra } = splitExtra(plainEntries(map), CONNECTION_FIELDS);
  const kind = oneOf(f.kind, CONNECTION_KINDS) ?? 'relationship';
  const rec: Record<string, unknown> = {
    id,
    from: str(f.from),
    to: str(f.to),
    kind,
    direction: oneOf(f.direction, DIRECTIONS) ?? (kind === 'causal' ? 'directed' : 'undirected'),
    label: str(f.label),
    description: str(f.description),
    tags: strings(f.tags),
    createdBy: str(f.createdBy),
    createdAt: num(f.createdAt),
    updatedAt: num(f.updatedAt),
    extra,
  };
  const polarity = oneOf(f.polarity, POLARITIES);
  if (polarity) rec.polarity = polarity;
  if (f.delay === true) rec.delay = true;
  if (typeof f.strength === 'number') rec.strength = f.strength;
  if (isWeight(f.weight)) {
    if (f.weight !== 1) rec.weight = f.weight;
  } else if (f.weight !== undefined) {
    // A custom field `weight` from before weight was a field, that is not a weight: kept as is.
    (extra as Record<string, unknown>).weight = f.weight;
  }
  if (f.proposed === true) rec.proposed = true;
  return rec as unknown as ConnectionRecord;
}

function readQuote(v: unknown, i: number): QuoteRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const q = v as Record<string, unknown>;
  const rec: Record<string, unknown> = {
    id: str(q.id, `q${i}`),
    exact: str(q.exact),
    prefix: str(q.prefix),
    suffix: str(q.suffix),
    note: str(q.note),
    clippedBy: str(q.clippedBy),
    clippedAt: num(q.clippedAt),
  };
  if (typeof q.start === 'number') rec.start = q.start;
  if (typeof q.end === 'number') rec.end = q.end;
  return rec as unknown as QuoteRecord;
}

export function readSource(map: RecordMap, id: string): SourceRecord {
  const { fields: f, extra } = splitExtra(plainEntries(map), SOURCE_FIELDS);
  const quotes = Array.isArray(f.quotes)
    ? f.quotes.map(readQuote).filter((q): q is QuoteRecord => q !== undefined)
    : [];
  const rec: Record<string, unknown> = {
    id,
    url: str(f.url),
    title: str(f.title),
    authors: strings(f.authors),
    quotes,
    linkedTo: [...new Set(strings(f.linkedTo))],
    tags: strings(f.tags),
    note: str(f.note),
    clippedBy: str(f.clippedBy),
    clippedAt: num(f.clippedAt),
    extra,
  };
  for (const k of [
    'canonicalUrl',
    'siteName',
    'publishedAt',
    'doi',
    'description',
    'language',
    'primaryLanguage',
    'type',
    'favicon',
  ] as const) {
    if (typeof f[k] === 'string' && f[k] !== '') rec[k] = f[k];
  }
  return rec as unknown as SourceRecord;
}

export function readLoopNote(map: RecordMap, signature: string): LoopNoteRecord {
  return {
    signature,
    name: str(map.get('name')),
    note: str(map.get('note')),
    members: strings(map.get('members')),
    updatedBy: str(map.get('updatedBy')),
    updatedAt: num(map.get('updatedAt')),
  };
}

export function readMeta(doc: Y.Doc): MetaRecord {
  const { fields: f, extra } = splitExtra(plainEntries(metaMap(doc)), META_FIELDS);
  return {
    schemaVersion: num(f.schemaVersion, 0),
    title: str(f.title),
    createdAt: num(f.createdAt),
    createdBy: str(f.createdBy),
    extra,
  };
}
