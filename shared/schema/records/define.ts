import type { StoredRecord } from '../flat';
import type { FieldError } from '../checks';
import type { AnyField, Field, PackedKey } from '../fields';

/**
 * A custom field the app itself writes and reads (kept in `extra`, like any custom field): never
 * offered for editing; people are told its state in `label`'s words instead.
 */
export interface InternalField {
  /** What it means when set, as people read it: 'Private until revealed'. */
  readonly label: string;
  /** A sentence saying more (who sees what, what ends it). */
  readonly explain?: string;
}

/**
 * One step in a record's history: what changes in every stored record of this kind when a map
 * made before the step is opened (see `record-migrations.ts`, which runs them).
 */
export interface RecordMigration {
  /** 1, 2, … in order; a map keeps the last one run for each record (meta `migrated/<name>`). */
  readonly version: number;
  /** What it does, in a few words (logged, and the name tests use). */
  readonly name: string;
  /**
   * Additive: a client from before the step keeps writing (it keeps a field it does not know
   * as it is). Not additive: the map's schema version moves to `schema`, which opens clients
   * from before it read-only; SCHEMA_VERSION must then be at least `schema`.
   */
  readonly additive: boolean;
  readonly schema?: number;
  /**
   * Changes one stored record (its storage keys: a nested Y.Map, or a flat record of schema v2)
   * in place. Idempotent: two hosts or clients may run it on the same record at once, and their
   * edits merge.
   */
  readonly up: (stored: StoredRecord) => void;
}

/**
 * A record declaration: its fields (see `fields.ts`) and what holds for the record as a whole.
 * `defineRecord` precomputes what the codec and the validators walk, so that reading a record is
 * one pass over its fields.
 */
/** What a record file declares (`defineRecord` adds what is derived from it: `RecordSpec`). */
export interface RecordDecl<
  F extends Record<string, AnyField> = Record<string, AnyField>,
  X extends boolean = boolean,
> {
  /** 'element' */
  readonly name: string;
  /** The words people see: 'Element'. */
  readonly label: string;
  readonly fields: F;
  /** Whether unknown fields (custom ones, newer clients') are kept, in `extra`. */
  readonly extra: X;
  /** Custom fields the app manages (by their key in `extra`): not editable, shown as a state. */
  readonly internal?: Readonly<Record<string, InternalField>>;
  /** Checks across fields, run after the field checks on whole records. */
  readonly refine?: (value: Readonly<Record<string, unknown>>, errors: FieldError[]) => void;
  /** Its migrations, oldest first (none for a record that never changed shape). */
  readonly migrations?: readonly RecordMigration[];
}

export interface RecordSpec<
  F extends Record<string, AnyField> = Record<string, AnyField>,
  X extends boolean = boolean,
> extends RecordDecl<F, X> {
  readonly migrations: readonly RecordMigration[];
  /** Field names. */
  readonly known: ReadonlySet<string>;
  /** Fields every record has, in declaration order, then those it may lack. */
  readonly requiredFields: readonly (readonly [string, AnyField])[];
  readonly optionalFields: readonly (readonly [string, AnyField])[];
  /** Each packed key with the fields in its slots. */
  readonly packed: ReadonlyMap<PackedKey, readonly string[]>;
}

export function defineRecord<F extends Record<string, AnyField>, X extends boolean>(
  decl: RecordDecl<F, X>,
): RecordSpec<F, X> {
  const entries = Object.entries(decl.fields);
  const packed = new Map<PackedKey, string[]>();
  for (const [name, f] of entries) {
    if (typeof f.storage !== 'object') continue;
    const slots = packed.get(f.storage.packed) ?? [];
    slots[f.storage.index] = name;
    packed.set(f.storage.packed, slots);
  }
  const migrations = decl.migrations ?? [];
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`${decl.name}: migration ${m.name} should be version ${i + 1}`);
  });
  return {
    ...decl,
    migrations,
    known: new Set(Object.keys(decl.fields)),
    requiredFields: entries.filter(([, f]) => !f.optional),
    optionalFields: entries.filter(([, f]) => f.optional),
    packed,
  };
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ValueOf<F> = F extends Field<infer T, boolean> ? T : never;
type RequiredKeys<F> = { [K in keyof F]: F[K] extends Field<unknown, false> ? K : never }[keyof F];
type OptionalKeys<F> = { [K in keyof F]: F[K] extends Field<unknown, false> ? never : K }[keyof F];

/** The plain record a declaration describes (what snapshots hold and every layer reads). */
export type RecordOf<S> =
  S extends RecordSpec<infer F, infer X>
    ? Simplify<
        { readonly [K in RequiredKeys<F>]: ValueOf<F[K]> } & {
          readonly [K in OptionalKeys<F>]?: ValueOf<F[K]>;
        } & (X extends true ? { readonly extra: Readonly<Record<string, unknown>> } : unknown)
      >
    : never;

/** Fields the codec manages (stored as the key or packed): the id, provenance, a connection's ends. */
export function managedFields(spec: RecordSpec): ReadonlySet<string> {
  return new Set(
    Object.entries(spec.fields)
      .filter(([, f]) => f.storage !== 'key')
      .map(([name]) => name),
  );
}

/** Fields stored under their own key (what people and importers set), in declaration order. */
export function ownKeyFields(spec: RecordSpec, type?: Field['type']): string[] {
  return Object.entries(spec.fields)
    .filter(([, f]) => f.storage === 'key' && (type === undefined || f.type === type))
    .map(([name]) => name);
}
