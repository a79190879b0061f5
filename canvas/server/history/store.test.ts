import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Database } from '../sqlite-driver';
import { tempDir } from '../testing/host';
import { CHECKPOINT_EVERY } from './chain';
import { HOURLY_UNTIL_MS, KEEP_ALL_MS } from './prune';
import { VersionStore, type NewVersion } from './store';

const stores: VersionStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function open(file = join(tempDir(), 'h.sqlite'), maxAuto?: number): VersionStore {
  const store = new VersionStore(file, maxAuto);
  stores.push(store);
  return store;
}

const version = (doc: Y.Doc, extra: Partial<NewVersion> = {}): NewVersion => ({
  room: 'room',
  name: '',
  createdBy: 'host',
  reason: 'auto',
  present: [],
  doc,
  ...extra,
});

/** The document a version's state opens as, compared by content and by identity (sv + deletes). */
function expectSameDoc(state: Uint8Array, expected: Uint8Array): void {
  const a = new Y.Doc();
  const b = new Y.Doc();
  Y.applyUpdate(a, state);
  Y.applyUpdate(b, expected);
  expect(a.getMap('m').toJSON()).toEqual(b.getMap('m').toJSON());
  expect(a.getArray('a').toJSON()).toEqual(b.getArray('a').toJSON());
  expect(Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))).toBe(true);
}

/** A document with some bulk, edited a little at a time. */
function bigDoc(keys = 1000): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = 0; i < keys; i++) doc.getMap('m').set(`k${i}`, `value number ${i} `.repeat(4));
  });
  return doc;
}

function edit(doc: Y.Doc, i: number): void {
  doc.transact(() => {
    doc.getMap('m').set(`k${i % 1000}`, `edited ${i}`);
    doc.getMap('m').delete(`k${(i * 7) % 1000}`);
    doc.getArray('a').push([i]);
  });
}

describe('version store', () => {
  it('stores a version as a delta of the one before, reading back the full state', () => {
    const store = open();
    const doc = bigDoc();
    const states: [string, Uint8Array][] = [];
    for (let i = 0; i < CHECKPOINT_EVERY + 8; i++) {
      if (i > 0) edit(doc, i);
      const info = store.add(version(doc))!;
      states.push([info.id, Y.encodeStateAsUpdate(doc)]);
    }
    const list = store.list('room').reverse();
    expect(list[0]!.stored).toBe('full');
    expect(list[1]!.stored).toBe('delta');
    expect(list[1]!.bytes).toBeLessThan(list[0]!.bytes / 20);
    // A checkpoint again after CHECKPOINT_EVERY links, so no read merges more than that.
    expect(list[CHECKPOINT_EVERY]!.stored).toBe('full');
    expect(list.filter((v) => v.stored === 'full')).toHaveLength(2);
    for (const [id, expected] of states) expectSameDoc(store.get('room', id)!.state, expected);
  });

  it('reads a version through the merge thread, as get() does, and caches it', async () => {
    const store = open();
    const doc = bigDoc();
    store.add(version(doc));
    edit(doc, 1);
    const delta = store.add(version(doc))!;
    expect(delta.stored).toBe('delta');
    const read = await store.read('room', delta.id);
    expect(Buffer.from(read!.state).equals(Buffer.from(store.get('room', delta.id)!.state))).toBe(
      true,
    );
    expect((await store.read('room', delta.id))!.state).toBe(read!.state);
    expect(await store.read('room', 'missing')).toBeUndefined();
  });

  it('skips an automatic version of an unchanged document, keeps a named one', () => {
    const store = open();
    const doc = bigDoc();
    expect(store.add(version(doc, { dedupe: true }))).toBeDefined();
    expect(store.add(version(doc, { dedupe: true }))).toBeUndefined();
    expect(store.add(version(doc, { dedupe: true, reason: 'phase' }))).toBeUndefined();
    const named = store.add(version(doc, { reason: 'named', name: 'kept' }))!;
    expect(named.stored).toBe('delta');
    expect(store.list('room')).toHaveLength(2);
    edit(doc, 1);
    expect(store.add(version(doc, { dedupe: true }))).toBeDefined();
  });

  it('thins old versions by age and keeps every remaining one readable', () => {
    const store = open(undefined, 1000);
    const now = 1_800_000_000_000;
    const doc = bigDoc(300);
    const states = new Map<string, Uint8Array>();
    const span = 3 * KEEP_ALL_MS;
    const step = 20 * 60_000;
    let i = 0;
    for (let t = now - span; t <= now; t += step) {
      edit(doc, ++i);
      const named = i % 50 === 0;
      const info = store.add(
        version(doc, named ? { reason: 'named', name: `n${i}`, createdAt: t } : { createdAt: t }),
      )!;
      states.set(info.id, Y.encodeStateAsUpdate(doc));
    }
    const before = store.list('room');
    const bytesBefore = store.diskUse('room').versions;
    const dropped = store.prune('room', now);
    const after = store.list('room');
    expect(before.length - after.length).toBe(dropped);

    const age = (v: { createdAt: number }) => now - v.createdAt;
    const recent = before.filter((v) => age(v) < KEEP_ALL_MS);
    const named = before.filter((v) => v.reason === 'named');
    const olderHours = new Set(
      before
        .filter((v) => age(v) >= KEEP_ALL_MS && v.reason === 'auto')
        .map((v) => Math.floor(v.createdAt / 3_600_000)),
    );
    // Everything of the last day, every named version, one automatic version per older hour.
    expect(after.length).toBe(
      recent.length + named.filter((v) => age(v) >= KEEP_ALL_MS).length + olderHours.size,
    );
    for (const v of [...recent, ...named]) expect(after.map((a) => a.id)).toContain(v.id);
    expect(store.diskUse('room').versions).toBeLessThan(bytesBefore);
    for (const v of after) expectSameDoc(store.get('room', v.id)!.state, states.get(v.id)!);
    expect(store.prune('room', now)).toBe(0);
  });

  it('keeps one a day past 30 days and at most maxAutoVersions automatic versions', () => {
    const store = open(undefined, 5);
    const now = 1_800_000_000_000;
    const doc = bigDoc();
    for (let h = 0; h < 48; h++) {
      edit(doc, h);
      store.add(
        version(doc, { createdAt: now - HOURLY_UNTIL_MS - 48 * 3_600_000 + h * 3_600_000 }),
      );
    }
    store.prune('room', now);
    expect(store.list('room').length).toBeLessThanOrEqual(3);
    const recent = bigDoc();
    for (let i = 0; i < 8; i++) {
      edit(recent, i);
      store.add(version(recent, { room: 'other', createdAt: now - i }));
    }
    store.prune('other', now);
    expect(store.list('other')).toHaveLength(5);
  });

  it('reads and extends histories written before compact storage', () => {
    const file = join(tempDir(), 'old.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE versions (id TEXT PRIMARY KEY, room TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL, created_by TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL,
      present TEXT NOT NULL DEFAULT '[]', state BLOB NOT NULL)`);
    const doc = bigDoc();
    const old = Y.encodeStateAsUpdate(doc);
    db.prepare(
      `INSERT INTO versions (id, room, name, created_at, reason, state) VALUES ('old', 'room', 'before', 1, 'named', ?)`,
    ).run(Buffer.from(old));
    db.close();
    const store = open(file);
    expectSameDoc(store.get('room', 'old')!.state, old);
    edit(doc, 1);
    expect(store.add(version(doc))!.stored).toBe('full');
    edit(doc, 2);
    const third = store.add(version(doc))!;
    expect(third.stored).toBe('delta');
    expectSameDoc(store.get('room', third.id)!.state, Y.encodeStateAsUpdate(doc));
  });
});
