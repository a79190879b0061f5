import * as C from './checks';
import type { Vocabulary } from './vocab/vocabulary';

/**
 * The building blocks of a record declaration (`records/<record>.ts`). A field says, once:
 * its type (what `read` returns), how a stored or imported value is read, the default when it
 * is absent, its check (forms, importers, clipboard, the host), where it is stored, whether and
 * how people edit it, and the words they see for it. Everything else is derived from these.
 */

/** Where a field lives in a record's Y.Map (see `doc.ts`, the only code that knows the keys). */
export type Storage =
  /** its own key, named like the field (editable fields: concurrent edits both survive) */
  | 'key'
  /** the record's key in its parent map */
  | 'id'
  /** one slot of a packed key: values that never change, stored together */
  | { readonly packed: PackedKey; readonly index: number };

/** The packed storage keys (names; `doc.ts` maps them to the keys written). */
export type PackedKey = 'created' | 'ends' | 'updated';

type Rec = Readonly<Record<string, unknown>>;

/** How people edit a field in the Inspector (absent: they do not edit it there). */
export interface Edit {
  readonly control: 'text' | 'textarea' | 'tags' | 'choice' | 'number' | 'flag' | 'color';
  /** Shown only for records this holds for (actor type: only for actors). */
  readonly when?: (record: Rec) => boolean;
  /** The menu entry meaning "no value" for an optional choice. */
  readonly unset?: string;
  readonly placeholder?: string;
}

/** What kind of value a field holds, for code that treats fields by kind (merges, forms). */
export type ValueType =
  'id' | 'text' | 'list' | 'choice' | 'number' | 'flag' | 'who' | 'when' | 'other';

export interface Field<T = unknown, O extends boolean = boolean> {
  readonly type: ValueType;
  /** Whether a record may lack it (`field?: T`). */
  readonly optional: O;
  /** The words people see for it ("Leverage level (Meadows)"). */
  readonly label: string;
  /** A stored or imported value as this field's type, or undefined when it is not one. */
  readonly read: (stored: unknown, record: Rec) => T | undefined;
  /** The value of a required field that is absent or unreadable. */
  readonly fallback?: (record: Rec) => T;
  /** The check forms, importers, the clipboard and the host run. */
  readonly check?: C.Check;
  /** What only stored records are checked for, on top of `check` (the host's update check). */
  readonly storedCheck?: C.Check;
  /** A value that is not stored because it is the default ('' text, no tags). */
  readonly sparse?: (value: unknown, record: Rec) => boolean;
  readonly storage: Storage;
  readonly vocab?: Vocabulary;
  readonly edit?: Edit;
  /**
   * For a field added after custom fields of its name could exist: a stored value this holds
   * for is not this field's value and is kept as a custom field, as older clients saw it.
   */
  readonly custom?: (stored: unknown) => boolean;
}

export type AnyField = Field<unknown, boolean>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const nonEmpty = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const isString = (t: unknown): t is string => typeof t === 'string';
/** A stored list that is all strings is returned as is (read-only): no copy on load. */
const strings = (v: unknown): readonly string[] | undefined =>
  Array.isArray(v) ? (v.every(isString) ? v : v.filter(isString)) : undefined;

/** The record's id (its key in the parent map). */
export const idField = (label = 'Id'): Field<string, false> => ({
  type: 'id',
  optional: false,
  label,
  read: str,
  fallback: () => '',
  check: C.id,
  storage: 'id',
});

/** Text, always present ('' when absent, and '' is not stored). */
export const text = (
  label: string,
  max: number,
  opts: { required?: boolean; edit?: Edit; sparse?: boolean } = {},
): Field<string, false> => ({
  type: 'text',
  optional: false,
  label,
  read: str,
  fallback: () => '',
  check: C.text(max, opts),
  ...(opts.sparse === false ? {} : { sparse: (v) => v === '' }),
  storage: 'key',
  ...(opts.edit ? { edit: opts.edit } : {}),
});

/** Text that a record may lack (an empty one counts as absent). */
export const optionalText = (
  label: string,
  max: number,
  opts: { edit?: Edit } = {},
): Field<string, true> => ({
  type: 'text',
  optional: true,
  label,
  read: nonEmpty,
  check: C.text(max),
  storage: 'key',
  ...(opts.edit ? { edit: opts.edit } : {}),
});

/** An http(s) address. */
export const url = <O extends boolean>(label: string, optional: O): Field<string, O> => ({
  type: 'text',
  optional,
  label,
  read: optional ? nonEmpty : str,
  ...(optional ? {} : { fallback: () => '' }),
  check: C.httpUrl({ required: !optional }),
  storage: 'key',
});

/** Tags: a list of words, none when absent (and none is not stored). */
export const tagList = (
  label: string,
  opts: { edit?: Edit } = {},
): Field<readonly string[], false> => ({
  type: 'list',
  optional: false,
  label,
  read: strings,
  fallback: () => [],
  check: C.tags,
  sparse: (v) => Array.isArray(v) && v.length === 0,
  storage: 'key',
  ...(opts.edit ? { edit: opts.edit } : {}),
});

/** A list of strings (authors, member ids), none when absent. */
export const stringList = (
  label: string,
  opts: { check?: C.Check; storedCheck?: C.Check; unique?: boolean } = {},
): Field<readonly string[], false> => ({
  type: 'list',
  optional: false,
  label,
  read: opts.unique
    ? (v) => {
        const s = strings(v);
        return s && [...new Set(s)];
      }
    : strings,
  fallback: () => [],
  ...(opts.check ? { check: opts.check } : {}),
  ...(opts.storedCheck ? { storedCheck: opts.storedCheck } : {}),
  storage: 'key',
});

/** One value of a vocabulary. */
export function choice<V extends string | number>(
  label: string,
  vocab: Vocabulary<V>,
  opts: {
    fallback: (record: Rec) => NoInfer<V>;
    required?: boolean;
    edit?: Edit;
    sparse?: (v: unknown, r: Rec) => boolean;
  },
): Field<V, false>;
export function choice<V extends string | number>(
  label: string,
  vocab: Vocabulary<V>,
  opts?: { edit?: Edit; custom?: (stored: unknown) => boolean },
): Field<V, true>;
export function choice<V extends string | number>(
  label: string,
  vocab: Vocabulary<V>,
  opts: {
    fallback?: (record: Rec) => V;
    required?: boolean;
    edit?: Edit;
    sparse?: (v: unknown, r: Rec) => boolean;
    custom?: (stored: unknown) => boolean;
  } = {},
): Field<V, boolean> {
  const allowed = vocab.values as readonly unknown[];
  return {
    type: 'choice',
    optional: !opts.fallback,
    label,
    read: (v) => (allowed.includes(v) ? (v as V) : undefined),
    ...(opts.fallback ? { fallback: opts.fallback } : {}),
    check: C.oneOf(vocab.values, { required: opts.required ?? false }),
    ...(opts.sparse ? { sparse: opts.sparse } : {}),
    storage: 'key',
    vocab,
    ...(opts.edit ? { edit: opts.edit } : {}),
    ...(opts.custom ? { custom: opts.custom } : {}),
  };
}

/** A yes/no that is stored only when true. */
export const flag = (label: string, opts: { edit?: Edit } = {}): Field<boolean, true> => ({
  type: 'flag',
  optional: true,
  label,
  read: (v) => (v === true ? true : undefined),
  check: C.boolean,
  storage: 'key',
  ...(opts.edit ? { edit: opts.edit } : {}),
});

/** An optional number; `check` says which. */
export const optionalNumber = (
  label: string,
  check: C.Check,
  opts: {
    edit?: Edit;
    read?: (v: unknown) => number | undefined;
    custom?: (v: unknown) => boolean;
    sparse?: (v: unknown, r: Rec) => boolean;
  } = {},
): Field<number, true> => ({
  type: 'number',
  optional: true,
  label,
  read: opts.read ?? ((v) => (typeof v === 'number' ? v : undefined)),
  check,
  storage: 'key',
  ...(opts.edit ? { edit: opts.edit } : {}),
  ...(opts.custom ? { custom: opts.custom } : {}),
  ...(opts.sparse ? { sparse: opts.sparse } : {}),
});

/** Who made or changed a record (a user id or name). */
export const who = (label: string, storage: Storage, maxChars: number): Field<string, false> => ({
  type: 'who',
  optional: false,
  label,
  read: str,
  fallback: () => '',
  storedCheck: C.storedText(maxChars),
  storage,
});

/** When (ms since 1970). */
export const when = (
  label: string,
  storage: Storage,
  opts: { fallback?: (r: Rec) => number; sparse?: (v: unknown, r: Rec) => boolean } = {},
): Field<number, false> => ({
  type: 'when',
  optional: false,
  label,
  read: num,
  fallback: opts.fallback ?? (() => 0),
  storedCheck: C.storedNumber,
  ...(opts.sparse ? { sparse: opts.sparse } : {}),
  storage,
});

/** A slot of a packed storage key. */
export const packed = (key: PackedKey, index = 0): Storage => ({ packed: key, index });
