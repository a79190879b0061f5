import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, connect, updateElement } from '../domain/index';
import { initMap } from '../domain/map';
import { testContext } from '../domain/test-context';
import { guardedEdits } from '../sync/testing/guarded-edits';
import { connectionsMap, connectionsRoot, elementsMap, elementsRoot, metaMap } from './doc';
import { checkCompatibility } from './migrations';
import {
  MIGRATION_TARGETS,
  RECORD_MIGRATION_ORIGIN,
  migrateRecords,
  migratedKey,
  migratedVersion,
  pendingMigrations,
  type MigrationTarget,
} from './record-migrations';
import { CONNECTION } from './records/connection';
import { readSnapshot } from './snapshot';
import { SCHEMA_VERSION } from './version';

/**
 * A map saved before connections' migration 1: an imported confidence column, spelled its own
 * way, kept as a custom field.
 */
function oldMap() {
  const ctx = testContext('ana');
  initMap(ctx, 'Before');
  const a = addElement(ctx, { kind: 'factor', label: 'A' });
  const b = addElement(ctx, { kind: 'factor', label: 'B' });
  const c = addElement(ctx, { kind: 'factor', label: 'C' });
  const high = connect(ctx, { from: a, to: b, kind: 'causal' });
  const odd = connect(ctx, { from: b, to: c, kind: 'causal' });
  ctx.doc.transact(() => {
    (connectionsMap(ctx.doc).get(high) as Y.Map<unknown>).set('confidence', ' High ');
    (connectionsMap(ctx.doc).get(odd) as Y.Map<unknown>).set('confidence', 'probably');
    for (const t of MIGRATION_TARGETS) metaMap(ctx.doc).delete(migratedKey(t.spec.name));
  });
  return { ctx, a, high, odd };
}

const copy = (doc: Y.Doc): Y.Doc => {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
};
const json = (doc: Y.Doc) => ({
  meta: metaMap(doc).toJSON(),
  elements: elementsRoot(doc).toJSON(),
  connections: connectionsRoot(doc).toJSON(),
});

describe('record migrations', () => {
  it('each record file numbers its steps from 1, in order', () => {
    for (const t of MIGRATION_TARGETS)
      t.spec.migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(CONNECTION.migrations.map((m) => m.name)).toEqual([
      'confidence spelled another way becomes the field',
    ]);
  });

  it('migrates an old map once, in one transaction with its own origin', () => {
    const { ctx, high, odd } = oldMap();
    expect(readSnapshot(ctx.doc).connections.get(high)?.confidence).toBeUndefined();
    expect(readSnapshot(ctx.doc).connections.get(high)?.extra).toEqual({ confidence: ' High ' });
    const transactions: unknown[] = [];
    ctx.doc.on('afterTransaction', (tr: Y.Transaction) => transactions.push(tr.origin));

    expect(migrateRecords(ctx.doc)).toEqual([
      'connection: confidence spelled another way becomes the field',
    ]);
    expect(transactions).toEqual([RECORD_MIGRATION_ORIGIN]);
    const after = readSnapshot(ctx.doc).connections;
    expect(after.get(high)?.confidence).toBe('high');
    expect(after.get(high)?.extra).toEqual({});
    // Not a confidence word: it stays the custom field it was.
    expect(after.get(odd)?.extra).toEqual({ confidence: 'probably' });
    expect(migratedVersion(ctx.doc, 'connection')).toBe(1);

    // Once: a second run finds nothing pending and writes nothing.
    const updates: Uint8Array[] = [];
    ctx.doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(pendingMigrations(ctx.doc)).toEqual([]);
    expect(migrateRecords(ctx.doc)).toEqual([]);
    expect(updates).toEqual([]);
  });

  it('leaves an empty document (a room before its first edit) alone', () => {
    const doc = new Y.Doc();
    expect(migrateRecords(doc)).toEqual([]);
    expect(metaMap(doc).size).toBe(0);
  });

  it('two hosts migrating the same map at once converge on what one would have made', () => {
    const { ctx } = oldMap();
    const alone = copy(ctx.doc);
    migrateRecords(alone);
    const [one, two] = [copy(ctx.doc), copy(ctx.doc)] as const;
    migrateRecords(one);
    migrateRecords(two);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two, Y.encodeStateVector(one)));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one, Y.encodeStateVector(two)));
    expect(json(one)).toEqual(json(two));
    expect(json(one)).toEqual(json(alone));
    expect(readSnapshot(one)).toEqual(readSnapshot(alone));
    expect(migrateRecords(one)).toEqual([]);
  });

  it('after an additive step the map stays at this schema version, and a client from before it keeps writing', () => {
    const { ctx, a, high } = oldMap();
    const host = ctx.doc;
    migrateRecords(host);
    expect(checkCompatibility(host)).toEqual({ status: 'current', version: SCHEMA_VERSION });
    // A client from before the step writes as it always did: it knows nothing of `migrated/…`
    // and keeps a confidence it cannot read as a custom field.
    const attempt = guardedEdits(host);
    expect(
      attempt('edit', (doc) => updateElement(testContext('old', doc), a, { label: 'A again' })),
    ).toBeNull();
    expect(
      attempt('edit', (doc) => (connectionsMap(doc).get(high) as Y.Map<unknown>).set('note', 'x')),
    ).toBeNull();
    expect(readSnapshot(host).elements.get(a)?.label).toBe('A again');
  });

  it('the host refuses what the schema forbids: a step record going back, or a bad value', () => {
    const { ctx, high } = oldMap();
    migrateRecords(ctx.doc);
    const attempt = guardedEdits(ctx.doc);
    expect(attempt('edit', (doc) => metaMap(doc).set(migratedKey('connection'), 0))).toMatch(
      /can only move forward/,
    );
    expect(attempt('edit', (doc) => metaMap(doc).delete(migratedKey('connection')))).toMatch(
      /can only move forward/,
    );
    expect(attempt('edit', (doc) => metaMap(doc).set(migratedKey('element'), 1.5))).toMatch(
      /can only move forward/,
    );
    // Fields are checked as before: a strength outside 0..1 is refused.
    expect(
      attempt('edit', (doc) =>
        (connectionsMap(doc).get(high) as Y.Map<unknown>).set('strength', 5),
      ),
    ).toMatch(/strength/);
    // What a migration writes passes: a client that migrated a map of its own (offline).
    const { ctx: other } = oldMap();
    const host = copy(other.doc);
    expect(
      guardedEdits(host)('edit', (doc) => {
        migrateRecords(doc);
      }),
    ).toBeNull();
    expect(migratedVersion(host, 'connection')).toBe(1);
  });

  it('a step that is not additive moves the schema version, which opens older clients read-only', () => {
    const { ctx } = oldMap();
    const next = SCHEMA_VERSION + 1;
    const renamed: MigrationTarget = {
      spec: {
        name: 'element',
        migrations: [
          {
            version: 1,
            name: 'label becomes title',
            additive: false,
            schema: next,
            up(stored) {
              if (stored.has('label')) {
                stored.set('title', stored.get('label'));
                stored.delete('label');
              }
            },
          },
        ],
      },
      root: elementsMap,
    };
    expect(migrateRecords(ctx.doc, RECORD_MIGRATION_ORIGIN, [renamed])).toEqual([
      'element: label becomes title',
    ]);
    expect(metaMap(ctx.doc).get('schemaVersion')).toBe(next);
    // This code is now the older client: it opens the map read-only.
    expect(checkCompatibility(ctx.doc).status).toBe('newer');
  });
});
