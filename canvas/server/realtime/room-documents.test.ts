import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Database } from '../sqlite-driver';
import { tempDir } from '../testing/host';
import { documentBytes, RoomDocuments } from './room-documents';

const open: RoomDocuments[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.close();
});

function rooms(file: string, options = {}): RoomDocuments {
  const r = new RoomDocuments(file, options);
  r.open();
  open.push(r);
  return r;
}

/** Loads a room the way Hocuspocus does (onLoadDocument into a fresh document). */
async function load(r: RoomDocuments, name: string): Promise<Y.Doc> {
  const document = new Y.Doc();
  await r.onLoadDocument({ documentName: name, document } as unknown as Parameters<
    RoomDocuments['onLoadDocument']
  >[0]);
  return document;
}

const logRows = (r: RoomDocuments, name: string): number =>
  (
    r.db!.prepare('SELECT count(*) AS n FROM document_updates WHERE name = ?').get(name) as {
      n: number;
    }
  ).n;

const items = (doc: Y.Doc) => doc.getArray<string>('items').toArray();

describe('room documents: snapshot + append-only log', () => {
  it('logs each update as it happens and replays the log after the snapshot', async () => {
    const file = join(tempDir(), 'rooms.sqlite');
    const a = rooms(file);
    const doc = await load(a, 'room');
    doc.getArray<string>('items').push(['one']);
    doc.getArray<string>('items').push(['two']);
    expect(logRows(a, 'room')).toBe(2);

    a.compact('room', doc);
    expect(logRows(a, 'room')).toBe(0);
    doc.getArray<string>('items').push(['three']);
    expect(logRows(a, 'room')).toBe(1);
    const bytes = documentBytes(a.db!, 'room');
    expect(bytes.snapshot).toBeGreaterThan(0);
    expect(bytes.log).toBeGreaterThan(0);

    // Another process opening the same file sees snapshot + log: nothing was lost.
    const b = rooms(file);
    expect(items(await load(b, 'room'))).toEqual(['one', 'two', 'three']);
    expect(await load(b, 'other')).toBeInstanceOf(Y.Doc);
  });

  it('compacts in the background after N updates, in one transaction', async () => {
    const file = join(tempDir(), 'rooms.sqlite');
    const r = rooms(file, { compactAfterUpdates: 5 });
    const doc = await load(r, 'room');
    for (let i = 0; i < 5; i++) doc.getArray<string>('items').push([`i${i}`]);
    expect(logRows(r, 'room')).toBe(5);
    await new Promise((done) => setImmediate(done));
    expect(logRows(r, 'room')).toBe(0);
    expect(items(await load(rooms(file), 'room'))).toEqual(['i0', 'i1', 'i2', 'i3', 'i4']);
  });

  it('reads data dirs written before the log existed (the documents table alone)', async () => {
    const file = join(tempDir(), 'old.sqlite');
    const old = new Database(file);
    old.exec(
      'CREATE TABLE "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))',
    );
    const before = new Y.Doc();
    before.getArray<string>('items').push(['kept']);
    old
      .prepare('INSERT INTO documents (name, data) VALUES (?, ?)')
      .run('room', Buffer.from(Y.encodeStateAsUpdate(before)));
    old.close();
    expect(items(await load(rooms(file), 'room'))).toEqual(['kept']);
  });

  it('with the log off, stores only on compaction (the benchmark baseline)', async () => {
    const file = join(tempDir(), 'rooms.sqlite');
    const r = rooms(file, { durableLog: false });
    const doc = await load(r, 'room');
    doc.getArray<string>('items').push(['x']);
    expect(logRows(r, 'room')).toBe(0);
    expect(await r.read('room')).toBeNull();
    r.compact('room', doc);
    expect(items(await load(rooms(file), 'room'))).toEqual(['x']);
  });

  it('refuses (throws from the update) when the log cannot be written', async () => {
    const errors: string[] = [];
    const r = rooms(join(tempDir(), 'rooms.sqlite'), { onError: (m: string) => errors.push(m) });
    const doc = await load(r, 'room');
    r.db!.exec('DROP TABLE document_updates');
    expect(() => doc.getArray<string>('items').push(['lost'])).toThrow();
    expect(errors).toEqual(['sync: could not log an update of room room']);
  });
});
