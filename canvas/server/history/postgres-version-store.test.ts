import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresDocumentStore } from '../realtime/postgres-document-store';
import { missingServices, startPostgres, type ServiceProcess } from '../testing/services';
import { PostgresVersionStore } from './postgres-version-store';
import { HOURLY_UNTIL_MS, KEEP_ALL_MS } from './prune';
import type { NewVersion } from './store';

/**
 * Versions in PostgreSQL, against a real server started on a free port in a temp dir
 * (testing/services.ts). Two stores with a pool each stand for two hosts of a cluster. Needs
 * Debian's postgresql package: without it this file fails and says what to install.
 */
const missing = missingServices();
if (missing) throw new Error(missing);

let server: ServiceProcess;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterEach(async () => {
  // Each test's hosts close with it, so no idle connection outlives the test that opened it.
  await Promise.all(pools.splice(0).map((p) => p.end()));
});
afterAll(async () => {
  await server?.stop();
}, 60_000);

/** A host's store: a pool of its own on the shared database. */
async function hostStore(maxAuto?: number): Promise<PostgresVersionStore> {
  const pool = new pg.Pool({ connectionString: server.url, max: 4 });
  // As cluster.ts does: an idle client the server drops is logged, not thrown (a pool without
  // an 'error' listener throws it, an unhandled error outside any test).
  pool.on('error', (error) => console.warn(`postgres: idle client error: ${error.message}`));
  pools.push(pool);
  // As a cluster host opens them: the documents' tables too (diskUse reads them).
  await new PostgresDocumentStore(pool).open();
  const store = new PostgresVersionStore(pool, maxAuto);
  await store.open();
  return store;
}

let rooms = 0;
const newRoom = () => `room-${++rooms}`;

const version = (room: string, doc: Y.Doc, extra: Partial<NewVersion> = {}): NewVersion => ({
  room,
  name: '',
  createdBy: 'host',
  reason: 'auto',
  present: [],
  doc,
  ...extra,
});

function docWith(entries: Record<string, string>): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const [k, v] of Object.entries(entries)) doc.getMap('m').set(k, v);
  });
  return doc;
}

describe('versions in PostgreSQL', () => {
  it('keeps a version on one host that another lists and restores, whole', async () => {
    const [a, b] = await Promise.all([hostStore(), hostStore()]);
    const room = newRoom();
    const doc = docWith({ title: 'Before the break', actors: 'schools, parents' });
    const kept = await a.add(
      version(room, doc, {
        name: 'After mapping',
        reason: 'named',
        createdBy: 'Ana',
        present: ['Ben', 'Ana', 'Ana'],
      }),
    );
    expect(kept).toMatchObject({ name: 'After mapping', reason: 'named', stored: 'full' });
    doc.getMap('m').set('title', 'After the break');

    const listed = await b.list(room);
    expect(listed).toEqual([kept]);
    expect(listed[0]?.present).toEqual(['Ana', 'Ben']);
    const read = await b.read(room, kept!.id);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, read!.state);
    expect(restored.getMap('m').toJSON()).toEqual({
      title: 'Before the break',
      actors: 'schools, parents',
    });
    expect(await b.read(newRoom(), kept!.id)).toBeUndefined(); // another room's id reads nothing
    expect(await b.lastAt(room)).toBe(kept!.createdAt);
    const disk = await b.diskUse(room);
    expect(disk.versions).toBe(read!.state.byteLength);
    expect(disk.total).toBe(disk.document + disk.log + disk.versions);
  });

  it('deduplicates automatic versions across hosts, and numbers concurrent ones in order', async () => {
    const [a, b] = await Promise.all([hostStore(), hostStore()]);
    const room = newRoom();
    const doc = docWith({ k: 'v' });
    expect(await a.add(version(room, doc, { dedupe: true }))).toBeDefined();
    // The same state, kept from the other host: nothing new.
    expect(await b.add(version(room, doc, { dedupe: true }))).toBeUndefined();
    doc.getMap('m').set('k', 'w');
    expect(await b.add(version(room, doc, { dedupe: true }))).toBeDefined();

    // Both hosts at once, 20 versions: all kept (the room's advisory lock orders them).
    const many = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).add(version(room, docWith({ n: String(i) }), { name: `v${i}` })),
      ),
    );
    expect(many.every((v) => v !== undefined)).toBe(true);
    expect((await a.list(room)).length).toBe(22);
  });

  it('prunes by the policy: named versions stay, old automatic ones thin out', async () => {
    const store = await hostStore(3);
    const room = newRoom();
    const now = Date.now();
    const at = (ageMs: number) => now - ageMs;
    await store.add(
      version(room, docWith({ n: 'named' }), {
        reason: 'named',
        name: 'Keep me',
        createdAt: at(HOURLY_UNTIL_MS + KEEP_ALL_MS),
      }),
    );
    // Six automatic versions in one hour two days ago, then five recent ones.
    for (let i = 0; i < 6; i++)
      await store.add(
        version(room, docWith({ n: `old ${i}` }), { createdAt: at(2 * KEEP_ALL_MS + i * 1000) }),
      );
    for (let i = 0; i < 5; i++)
      await store.add(version(room, docWith({ n: `new ${i}` }), { createdAt: at(i * 1000) }));
    const dropped = await store.prune(room, now);
    const left = await store.list(room);
    expect(dropped).toBe(12 - left.length);
    expect(left.filter((v) => v.reason === 'named').map((v) => v.name)).toEqual(['Keep me']);
    const autos = left.filter((v) => v.reason === 'auto');
    expect(autos.length).toBe(3); // maxAuto, newest first
    expect(autos.map((v) => v.createdAt)).toEqual([at(0), at(1000), at(2000)]);
    expect(await store.prune(room, now)).toBe(0);
  });
});
