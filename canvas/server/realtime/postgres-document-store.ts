import pg from 'pg';
import * as Y from 'yjs';
import type { DocumentStore, StoredRoom } from './document-store';

/**
 * Room documents in PostgreSQL, shared by every host of a cluster: `weavemap_documents` (one
 * snapshot per room) and `weavemap_document_updates` (the append-only log; each insert is its own
 * committed transaction, so an update is durable when `append` resolves).
 *
 * Several hosts append to, and compact, the same room. A host's copy of the room may lack
 * updates another host has logged but not yet relayed through Redis, so compaction never simply
 * replaces the snapshot with the local state: under a per-room advisory lock it reads the old
 * snapshot and the log rows, keeps the local state when it already contains them all (the usual
 * case, checked with `Y.snapshotContainsUpdate`), else merges them in, and deletes exactly the
 * rows it read (by id: a sequence's ids may commit out of order).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS weavemap_documents (
  name text PRIMARY KEY,
  data bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS weavemap_document_updates (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  data bytea NOT NULL
);
CREATE INDEX IF NOT EXISTS weavemap_document_updates_name ON weavemap_document_updates (name, id);
`;

/** Runs `fn` in one transaction holding a transaction-level advisory lock on `key`. */
export async function inLockedTransaction<T>(
  pool: pg.Pool,
  key: string,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Creates the tables once, even when several hosts start at the same moment. */
export async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  await inLockedTransaction(pool, 'weavemap-schema', async (client) => {
    await client.query(schema);
  });
}

export class PostgresDocumentStore implements DocumentStore {
  readonly synchronous = false;
  readonly label = 'PostgreSQL';

  constructor(readonly pool: pg.Pool) {}

  async open(): Promise<void> {
    await migrate(this.pool, SCHEMA);
  }

  async load(name: string): Promise<StoredRoom> {
    const [snapshot, log] = await Promise.all([
      this.pool.query<{ data: Buffer }>('SELECT data FROM weavemap_documents WHERE name = $1', [
        name,
      ]),
      this.pool.query<{ data: Buffer }>(
        'SELECT data FROM weavemap_document_updates WHERE name = $1 ORDER BY id',
        [name],
      ),
    ]);
    return { snapshot: snapshot.rows[0]?.data, log: log.rows.map((r) => r.data) };
  }

  async append(name: string, update: Uint8Array): Promise<void> {
    await this.pool.query('INSERT INTO weavemap_document_updates (name, data) VALUES ($1, $2)', [
      name,
      Buffer.from(update.buffer, update.byteOffset, update.byteLength),
    ]);
  }

  async compact(name: string, doc: Y.Doc): Promise<void> {
    // Encoded in one tick: the snapshot describes exactly `local`.
    const local = Y.encodeStateAsUpdate(doc);
    const seen = Y.snapshot(doc);
    await inLockedTransaction(this.pool, `weavemap-room:${name}`, async (client) => {
      const old = await client.query<{ data: Buffer }>(
        'SELECT data FROM weavemap_documents WHERE name = $1',
        [name],
      );
      const rows = await client.query<{ id: string; data: Buffer }>(
        'SELECT id, data FROM weavemap_document_updates WHERE name = $1 ORDER BY id',
        [name],
      );
      const stored = [...old.rows, ...rows.rows].map((r) => r.data);
      const unseen = stored.filter((update) => !Y.snapshotContainsUpdate(seen, update));
      const state = unseen.length === 0 ? local : merged(local, unseen);
      await client.query(
        'INSERT INTO weavemap_documents (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data',
        [name, Buffer.from(state.buffer, state.byteOffset, state.byteLength)],
      );
      if (rows.rows.length > 0)
        await client.query('DELETE FROM weavemap_document_updates WHERE id = ANY($1::bigint[])', [
          rows.rows.map((r) => r.id),
        ]);
    });
  }

  async close(): Promise<void> {
    // The pool is the host's (rooms use it too): it closes it.
  }
}

/** `local` with `others` applied, garbage-collected (a fresh document, not the live one). */
function merged(local: Uint8Array, others: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => {
      Y.applyUpdate(doc, local);
      for (const update of others) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
