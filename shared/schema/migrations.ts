import * as Y from 'yjs';
import { SCHEMA_VERSION } from './version';
import { connectionsRoot, elementsRoot, metaMap } from './doc';
import { encodeBase } from './flat';

/**
 * Named, tested migrations. Each moves a document from one schema version to the next inside
 * one transaction. A document newer than SCHEMA_VERSION is never migrated: it opens read-only.
 */
export interface Migration {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly migrate: (doc: Y.Doc) => void;
}

/**
 * v0 -> v1: documents from before the schema was versioned kept an element's coordinates in two
 * keys, `x` and `y`. v1 keeps one `position: [x, y]` key, so a move is one write (alternating
 * x/y writes grow the document about 70% faster). Also stamps the schema version.
 */
export const positionsAsPairs: Migration = {
  name: 'v0-to-v1: positions as [x, y] pairs',
  from: 0,
  to: 1,
  migrate(doc) {
    elementsRoot(doc).forEach((el) => {
      if (!(el instanceof Y.Map)) return;
      const x = el.get('x');
      const y = el.get('y');
      if (el.get('position') === undefined && (typeof x === 'number' || typeof y === 'number')) {
        el.set('position', [typeof x === 'number' ? x : 0, typeof y === 'number' ? y : 0]);
      }
      if (el.has('x')) el.delete('x');
      if (el.has('y')) el.delete('y');
    });
    metaMap(doc).set('schemaVersion', 1);
  },
};

/**
 * v1 -> v2: elements and connections stored flat (`flat.ts`; docs/architecture.md, "Doc load"):
 * each record's nested Y.Map becomes one key of its root holding its storage entries as JSON,
 * its later edits keys `<id>.<key>` of the root. About a third of the Yjs items, so a map
 * decodes and loads in about half the time. Stored entries are copied as they are (nested Y
 * types as their JSON). An edit an older client makes meanwhile to a record's nested map is
 * lost with the map; the version stamp then opens such clients read-only.
 */
export const flatRecords: Migration = {
  name: 'v1-to-v2: elements and connections stored flat',
  from: 1,
  to: 2,
  migrate(doc) {
    for (const root of [elementsRoot(doc), connectionsRoot(doc)]) {
      const nested: [string, Y.Map<unknown>][] = [];
      root.forEach((v, id) => {
        if (v instanceof Y.Map) nested.push([id, v as Y.Map<unknown>]);
      });
      for (const [id, map] of nested) {
        const entries: [string, unknown][] = [];
        map.forEach((v, k) => entries.push([k, v instanceof Y.AbstractType ? v.toJSON() : v]));
        root.set(id, encodeBase(entries));
      }
    }
    metaMap(doc).set('schemaVersion', 2);
  },
};

export const MIGRATIONS: readonly Migration[] = [positionsAsPairs, flatRecords];

export type Compatibility =
  | { readonly status: 'current'; readonly version: number }
  | {
      readonly status: 'needs-migration';
      readonly version: number;
      readonly steps: readonly Migration[];
    }
  | { readonly status: 'newer'; readonly version: number; readonly message: string };

/** The version a document declares; an empty document counts as current (it is new). */
export function documentVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('schemaVersion');
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  const empty = metaMap(doc).size === 0 && elementsRoot(doc).size === 0;
  return empty ? SCHEMA_VERSION : 0;
}

export function checkCompatibility(doc: Y.Doc): Compatibility {
  const version = documentVersion(doc);
  if (version === SCHEMA_VERSION) return { status: 'current', version };
  if (version > SCHEMA_VERSION)
    return {
      status: 'newer',
      version,
      message: `This map was saved by a newer Weavemap (schema ${version}; this version reads up to ${SCHEMA_VERSION}). It is open read-only so nothing is lost: update Weavemap to edit it.`,
    };
  const steps = MIGRATIONS.filter((m) => m.from >= version && m.to <= SCHEMA_VERSION);
  return { status: 'needs-migration', version, steps };
}

/** Runs the migrations a document needs, in one transaction. Returns the names of those run. */
export function migrate(doc: Y.Doc, origin: unknown = 'migration'): string[] {
  const compat = checkCompatibility(doc);
  if (compat.status !== 'needs-migration') return [];
  doc.transact(() => {
    for (const step of compat.steps) step.migrate(doc);
  }, origin);
  return compat.steps.map((s) => s.name);
}
