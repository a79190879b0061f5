import * as Y from 'yjs';
import { connectionsMap, elementsMap, elementsRoot, loopsMap, metaMap, sourcesMap } from './doc';
import type { StoredRecord } from './flat';
import { CONNECTION } from './records/connection';
import type { RecordMigration, RecordSpec } from './records/define';
import { ELEMENT } from './records/element';
import { LOOP_NOTE } from './records/loop';
import { SOURCE } from './records/source';

/**
 * Runs the records' own migrations (each record file's `migrations`) on a map made before them.
 * The map keeps, for each record, the last step run on it (meta `migrated/<record>`), so each
 * step runs once; steps are idempotent, so two hosts or clients running one at once converge.
 * Who runs it: the host when it loads a room, and a client on a map it opens (a no-op once the
 * host has run it). Separate from the document codec (`doc.ts`) and from the schema-version
 * steps (`migrations.ts`) that come before it.
 */

/** The origin of a migration's transaction (kept out of undo and the activity feed). */
export const RECORD_MIGRATION_ORIGIN = Symbol('record-migration');

/** A record kind and where its stored records are in a map. */
export interface MigrationTarget {
  readonly spec: Pick<RecordSpec, 'name' | 'migrations'>;
  readonly root: (doc: Y.Doc) => { forEach(f: (record: StoredRecord) => void): void };
}

/** The records of a root of nested maps (anything else there is not a record). */
const nested = (root: { forEach(f: (v: unknown) => void): void }) => ({
  forEach(f: (record: StoredRecord) => void): void {
    root.forEach((v) => {
      if (v instanceof Y.Map) f(v as Y.Map<unknown>);
    });
  },
});

export const MIGRATION_TARGETS: readonly MigrationTarget[] = [
  { spec: ELEMENT, root: elementsMap },
  { spec: CONNECTION, root: connectionsMap },
  { spec: SOURCE, root: (doc) => nested(sourcesMap(doc)) },
  { spec: LOOP_NOTE, root: (doc) => nested(loopsMap(doc)) },
];

/** The meta key holding the last step of `record` run on the map. */
export const migratedKey = (record: string): string => `migrated/${record}`;

/** The last step of `record` run on the map (0: none). */
export function migratedVersion(doc: Y.Doc, record: string): number {
  const v = metaMap(doc).get(migratedKey(record));
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** Notes every record's last step as run: a new map is made in the current shape. */
export function stampMigrated(
  doc: Y.Doc,
  targets: readonly MigrationTarget[] = MIGRATION_TARGETS,
): void {
  const meta = metaMap(doc);
  for (const { spec } of targets) {
    const last = spec.migrations.at(-1)?.version ?? 0;
    if (last > migratedVersion(doc, spec.name)) meta.set(migratedKey(spec.name), last);
  }
}

/** A map with nothing in it yet (a room before its first edit) has nothing to migrate. */
const isEmpty = (doc: Y.Doc): boolean => metaMap(doc).size === 0 && elementsRoot(doc).size === 0;

/** The steps a map still needs, by record. */
export function pendingMigrations(
  doc: Y.Doc,
  targets: readonly MigrationTarget[] = MIGRATION_TARGETS,
): { target: MigrationTarget; steps: readonly RecordMigration[] }[] {
  if (isEmpty(doc)) return [];
  return targets
    .map((target) => {
      const done = migratedVersion(doc, target.spec.name);
      return { target, steps: target.spec.migrations.filter((m) => m.version > done) };
    })
    .filter((p) => p.steps.length > 0);
}

/**
 * Runs every pending step on every stored record, in one transaction with `origin`, and notes
 * what ran in meta. A step that is not additive also moves the schema version. Returns the
 * names of the steps run (`record: name`), none when the map is up to date.
 */
export function migrateRecords(
  doc: Y.Doc,
  origin: unknown = RECORD_MIGRATION_ORIGIN,
  targets: readonly MigrationTarget[] = MIGRATION_TARGETS,
): string[] {
  const pending = pendingMigrations(doc, targets);
  if (pending.length === 0) return [];
  const ran: string[] = [];
  doc.transact(() => {
    const meta = metaMap(doc);
    for (const { target, steps } of pending) {
      const root = target.root(doc);
      for (const step of steps) {
        root.forEach((stored) => step.up(stored));
        const schema = meta.get('schemaVersion');
        if (
          !step.additive &&
          step.schema !== undefined &&
          !(typeof schema === 'number' && schema >= step.schema)
        )
          meta.set('schemaVersion', step.schema);
        ran.push(`${target.spec.name}: ${step.name}`);
      }
      meta.set(migratedKey(target.spec.name), steps.at(-1)!.version);
    }
  }, origin);
  return ran;
}
