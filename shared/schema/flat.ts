import * as Y from 'yjs';

/**
 * Schema v2's storage of elements and connections ("flat"; docs/architecture.md, "Doc load").
 * A record is not a Y.Map of its own but keys of its root map:
 *  - `<id>`: the record as created, a JSON string of its storage entries (the same entries
 *    schema v1 keeps as keys of the record's Y.Map: fields, `_c`, `_e`);
 *  - `<id>.<key>`: each later edit of one storage key (`<id>.label`, `<id>._u`), its plain
 *    value, or `null` for a cleared field. Two people editing different fields of one record
 *    write different keys, so both edits survive, as with v1's nested maps.
 * Ids are letters, digits, `_` and `-` (`checks.id`), so the first `.` ends the id. An edit key
 * whose record is gone (a concurrent delete) is ignored by readers.
 *
 * A root may hold records of both schemas while a v1 document is open in a newer client: a
 * Y.Map value is a v1 record and is read and edited as one. `StoredRecord` is what both look
 * like to the codec (`doc.ts`) and the domain.
 */

/** One stored record, v1 (its Y.Map) or v2 (`FlatRecord`): its storage keys and values. */
export interface StoredRecord {
  get(key: string): unknown;
  has(key: string): boolean;
  set(key: string, value: unknown): unknown;
  delete(key: string): void;
  forEach(f: (value: unknown, key: string) => void): void;
}

export const EDIT_SEPARATOR = '.';

/** The record id a key of a flat root belongs to (the key itself for a record's base key). */
export function recordIdOfKey(key: string): string {
  const dot = key.indexOf(EDIT_SEPARATOR);
  return dot < 0 ? key : key.slice(0, dot);
}

/** The storage key an edit key writes (`label` for `<id>.label`), or undefined for a base key. */
export function editedKeyOf(key: string): string | undefined {
  const dot = key.indexOf(EDIT_SEPARATOR);
  return dot < 0 ? undefined : key.slice(dot + 1);
}

export const editKey = (id: string, key: string): string => `${id}${EDIT_SEPARATOR}${key}`;

/** A record's base value from its storage entries. */
export function encodeBase(entries: readonly (readonly [string, unknown])[]): string {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) o[k] = v;
  return JSON.stringify(o);
}

/** A base value's entries, or undefined when it is not a JSON object. */
export function parseBase(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which edit keys each record of a flat root has (id -> storage keys), so one record is read
 * without a pass over the whole root. Built on first use with one pass, then kept after each
 * transaction (remote and local), before its observers run, and by `FlatRecord.set` (reads later
 * in the same transaction).
 */
const EDIT_INDEX = new WeakMap<Y.Map<unknown>, Map<string, Set<string>>>();

function noteEdit(index: Map<string, Set<string>>, key: string, present: boolean): void {
  const dot = key.indexOf(EDIT_SEPARATOR);
  if (dot < 0) return;
  const id = key.slice(0, dot);
  let keys = index.get(id);
  if (present) {
    if (!keys) index.set(id, (keys = new Set()));
    keys.add(key.slice(dot + 1));
  } else if (keys) {
    keys.delete(key.slice(dot + 1));
    if (keys.size === 0) index.delete(id);
  }
}

function editIndex(root: Y.Map<unknown>): Map<string, Set<string>> {
  let index = EDIT_INDEX.get(root);
  if (index) return index;
  const built = new Map<string, Set<string>>();
  for (const key of root.keys()) noteEdit(built, key, true);
  // Before any observer runs (an observer may read a record the same transaction edited).
  const changedKeys = (tr: Y.Transaction) =>
    (tr.changed as Map<unknown, Set<string | null>>).get(root) ?? [];
  root.doc?.on('beforeObserverCalls', (tr: Y.Transaction) => {
    for (const key of changedKeys(tr)) if (key !== null) noteEdit(built, key, root.has(key));
  });
  EDIT_INDEX.set(root, (index = built));
  return index;
}

/**
 * A connection's ends (`_e`) are fixed when it is made (the host refuses an edit of them), and
 * deleting an element scans every connection's ends: they are kept per root, by id, so that such
 * a scan parses each base once, not at every delete. An entry is redone when its base changed.
 */
const ENDS_KEY = '_e';
const ENDS = new WeakMap<Y.Map<unknown>, Map<string, { raw: unknown; ends: unknown }>>();

function fixedEnds(root: Y.Map<unknown>, id: string): unknown {
  let byId = ENDS.get(root);
  if (!byId) ENDS.set(root, (byId = new Map()));
  const raw = root.get(id);
  const cached = byId.get(id);
  if (cached && cached.raw === raw) return cached.ends;
  const ends = parseBase(raw)?.[ENDS_KEY];
  byId.set(id, { raw, ends });
  return ends;
}

/** A v2 record as a `StoredRecord`: reads its base overlaid by its edits, writes edit keys. */
export class FlatRecord implements StoredRecord {
  readonly #root: Y.Map<unknown>;
  readonly #id: string;
  #base: Record<string, unknown> | undefined;

  constructor(root: Y.Map<unknown>, id: string) {
    this.#root = root;
    this.#id = id;
  }

  #baseEntries(): Record<string, unknown> {
    return (this.#base ??= parseBase(this.#root.get(this.#id)) ?? {});
  }

  get(key: string): unknown {
    if (key === ENDS_KEY) return fixedEnds(this.#root, this.#id);
    const k = editKey(this.#id, key);
    if (this.#root.has(k)) {
      const v = this.#root.get(k);
      return v === null ? undefined : v;
    }
    return Object.hasOwn(this.#baseEntries(), key) ? this.#baseEntries()[key] : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: unknown): this {
    const k = editKey(this.#id, key);
    this.#root.set(k, value);
    noteEdit(editIndex(this.#root), k, true);
    return this;
  }

  /** Clears a field: an explicit `null`, so that it overrides the value the record was created with. */
  delete(key: string): void {
    if (this.has(key)) this.set(key, null);
  }

  forEach(f: (value: unknown, key: string) => void): void {
    const merged = { ...this.#baseEntries() };
    for (const k of editIndex(this.#root).get(this.#id) ?? []) {
      const v = this.#root.get(editKey(this.#id, k));
      if (v !== undefined) merged[k] = v;
    }
    for (const k in merged) if (merged[k] !== null && merged[k] !== undefined) f(merged[k], k);
  }
}

/**
 * The records of one root (`elements`, `connections`) as a collection of `StoredRecord`s,
 * whichever schema each is stored in: what the domain and the session read and write through.
 */
export class RecordRoot {
  constructor(
    readonly map: Y.Map<unknown>,
    /** Whether new records are written flat (schema v2) or as nested maps (v1). */
    readonly flat: boolean,
  ) {}

  has(id: string): boolean {
    if (id.includes(EDIT_SEPARATOR)) return false;
    const v = this.map.get(id);
    return v instanceof Y.Map || typeof v === 'string';
  }

  get(id: string): StoredRecord | undefined {
    if (id.includes(EDIT_SEPARATOR)) return undefined;
    const v = this.map.get(id);
    if (v instanceof Y.Map) return v as Y.Map<unknown>;
    return typeof v === 'string' ? new FlatRecord(this.map, id) : undefined;
  }

  forEach(f: (record: StoredRecord, id: string) => void): void {
    this.map.forEach((v, key) => {
      if (v instanceof Y.Map) f(v as Y.Map<unknown>, key);
      else if (typeof v === 'string' && !key.includes(EDIT_SEPARATOR))
        f(new FlatRecord(this.map, key), key);
    });
  }

  keys(): string[] {
    const out: string[] = [];
    this.map.forEach((v, key) => {
      if (v instanceof Y.Map || (typeof v === 'string' && !key.includes(EDIT_SEPARATOR)))
        out.push(key);
    });
    return out;
  }

  values(): StoredRecord[] {
    const out: StoredRecord[] = [];
    this.forEach((r) => out.push(r));
    return out;
  }

  get size(): number {
    return this.keys().length;
  }

  /** Writes a new record from its storage entries (`encodeRecord`). */
  create(id: string, entries: readonly (readonly [string, unknown])[]): void {
    if (this.flat) {
      this.map.set(id, encodeBase(entries));
      return;
    }
    const m = new Y.Map<unknown>();
    for (const [k, v] of entries) m.set(k, v);
    this.map.set(id, m);
  }

  /** Removes records and, for flat ones, their edit keys (one pass over the root). */
  deleteMany(ids: Iterable<string>): void {
    const gone = new Set(ids);
    if (gone.size === 0) return;
    const keys: string[] = [];
    this.map.forEach((_, key) => {
      if (gone.has(recordIdOfKey(key))) keys.push(key);
    });
    for (const key of keys) this.map.delete(key);
  }

  delete(id: string): void {
    this.deleteMany([id]);
  }
}
