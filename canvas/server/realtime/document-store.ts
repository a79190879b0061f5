import * as Y from 'yjs';
import { Database, type Statement } from '../sqlite-driver';

/** What is stored of a room: its snapshot (if any), then every logged update after it. */
export interface StoredRoom {
  snapshot: Uint8Array | undefined;
  log: Uint8Array[];
}

/**
 * Where room documents live: a snapshot per room and an append-only log of the updates since.
 * RoomDocuments holds the logic shared by every backend (when to log, when to compact, how to
 * load); a backend only reads and writes rows.
 *
 * `synchronous` backends (SQLite) append from the document's `update` event, which runs inside
 * `Y.applyUpdate` before Hocuspocus writes the acknowledgement. Asynchronous backends
 * (PostgreSQL) cannot: Hocuspocus does not wait for anything between applying an update and
 * acknowledging it, so RoomDocuments appends them in the `beforeSync` hook, which Hocuspocus
 * awaits before applying (see docs/architecture.md, "Several hosts").
 */
export interface DocumentStore {
  readonly synchronous: boolean;
  /** A short name for logs and the host's start-up line. */
  readonly label: string;
  open(): void | Promise<void>;
  load(name: string): StoredRoom | Promise<StoredRoom>;
  append(name: string, update: Uint8Array): void | Promise<void>;
  /**
   * Writes `doc`'s state as the room's snapshot and deletes the log rows it covers, in one
   * transaction. A backend shared by several hosts must not delete a row `doc` has not seen.
   */
  compact(name: string, doc: Y.Doc): void | Promise<void>;
  close(): void | Promise<void>;
}

/**
 * The SQLite schema: `documents` (one row per room, the snapshot: the same table and queries as
 * @hocuspocus/extension-sqlite, so existing data dirs keep working) and `document_updates` (the
 * log).
 *
 * The log table has no index and no AUTOINCREMENT: each would add a page to every insert's WAL
 * write (measured: about 40% more per update). A new id is max(id) + 1, so a room's rows stay in
 * insertion order; the table is small (compacted every few seconds), so scanning it to load or
 * compact a room is cheap.
 *
 * `synchronous = NORMAL` in WAL mode: a committed row is in the WAL file (written with write(2))
 * before the commit returns, so it survives the process being killed at any instant; a power
 * loss or OS crash may lose the last commits since the previous WAL sync but never corrupts the
 * file. FULL would add an fsync to every keystroke's update (see docs/architecture.md).
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS "documents" (
  "name" varchar(255) NOT NULL,
  "data" blob NOT NULL,
  UNIQUE(name)
);
CREATE TABLE IF NOT EXISTS "document_updates" (
  "id" INTEGER PRIMARY KEY,
  "name" varchar(255) NOT NULL,
  "data" blob NOT NULL
)`;

interface Prepared {
  select: Statement;
  upsert: Statement;
  append: Statement;
  log: Statement;
  lastLogged: Statement;
  trim: Statement;
}

/** The embedded host's store: one SQLite file, written synchronously (better-sqlite3). */
export class SqliteDocumentStore implements DocumentStore {
  readonly synchronous = true;
  readonly label = 'SQLite';
  db: Database | undefined;
  #sql: Prepared | undefined;

  constructor(readonly file: string) {}

  open(): void {
    if (this.db) return;
    const db = new Database(this.file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    this.#sql = {
      select: db.prepare('SELECT data FROM "documents" WHERE name = $name ORDER BY rowid DESC'),
      upsert: db.prepare(
        'INSERT INTO "documents" ("name", "data") VALUES ($name, $data) ON CONFLICT(name) DO UPDATE SET data = $data',
      ),
      append: db.prepare('INSERT INTO "document_updates" ("name", "data") VALUES (?, ?)'),
      log: db.prepare('SELECT id, data FROM "document_updates" WHERE name = ? ORDER BY id'),
      lastLogged: db.prepare('SELECT max(id) AS id FROM "document_updates" WHERE name = ?'),
      trim: db.prepare('DELETE FROM "document_updates" WHERE name = ? AND id <= ?'),
    };
    this.db = db;
  }

  load(name: string): StoredRoom {
    const sql = this.#prepared();
    const snapshot = sql.select.get({ name }) as { data: Uint8Array } | undefined;
    const rows = sql.log.all(name) as { data: Uint8Array }[];
    return { snapshot: snapshot?.data, log: rows.map((r) => r.data) };
  }

  append(name: string, update: Uint8Array): void {
    this.#prepared().append.run(name, update);
  }

  /**
   * Writes `state` (the whole document, encoded in the same tick) as the room's snapshot and, in
   * the same transaction, deletes the log rows it covers: every row logged so far, since the
   * log is written synchronously as the document changes (one host per file).
   */
  store(documentName: string, state: Uint8Array): void {
    const sql = this.#prepared();
    const db = this.db as Database;
    db.transaction(() => {
      const last = (sql.lastLogged.get(documentName) as { id: number | null } | undefined)?.id;
      sql.upsert.run({ name: documentName, data: state });
      if (last != null) sql.trim.run(documentName, last);
    })();
  }

  compact(name: string, doc: Y.Doc): void {
    this.store(name, Y.encodeStateAsUpdate(doc));
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.#sql = undefined;
  }

  #prepared(): Prepared {
    if (!this.#sql) throw new Error('The room database is not open.');
    return this.#sql;
  }
}
