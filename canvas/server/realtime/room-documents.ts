import type {
  Extension,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
  beforeUnloadDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { Database, type Statement } from '../sqlite-driver';

/**
 * Hocuspocus persistence for rooms, durable at acknowledgement.
 *
 * - `documents` (one row per room, the snapshot: the same table and queries as
 *   @hocuspocus/extension-sqlite, so existing data dirs keep working).
 * - `document_updates` (the append-only log): every change to a loaded room's document is
 *   inserted here synchronously from the document's `update` event. Hocuspocus applies a
 *   client's update with `Y.applyUpdate` (y-protocols `readUpdate`/`readSyncStep2`), whose
 *   transaction emits `update` before it returns, and only then sends the "applied" SyncStatus
 *   (MessageReceiver.ts); better-sqlite3 is synchronous, so the row is committed before the
 *   acknowledgement is written to the socket. Changes the host makes itself (`withRoomDoc`:
 *   clips, named versions) go through the same event. Should the insert fail, the error escapes
 *   `applyUpdate` and no acknowledgement is sent.
 * - Compaction: on Hocuspocus's (debounced) store, after `compactAfterUpdates` logged updates
 *   (scheduled off the hot path) and before a room is unloaded, one transaction writes the
 *   snapshot and deletes the log rows it covers.
 * - Load: the snapshot, then every log row after it, in order.
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

export interface RoomDocumentsOptions {
  /**
   * Write every update to the log before it is acknowledged (default true). Off, rooms are
   * stored only by Hocuspocus's debounced store, as before: for the benchmark's comparison only.
   */
  durableLog?: boolean;
  /** Compact a room once this many updates are in its log (default 500). */
  compactAfterUpdates?: number;
  /** Told when a log write fails (the update is then not acknowledged). */
  onError?: (message: string, error: unknown) => void;
}

/** Bytes a room uses in the documents tables: its snapshot and its not yet compacted log. */
export interface DocumentBytes {
  snapshot: number;
  log: number;
}

/** A room's bytes in `documents` and `document_updates` (0 where the tables do not exist yet). */
export function documentBytes(db: Database, room: string): DocumentBytes {
  const tables = new Set(
    (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('documents', 'document_updates')`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name),
  );
  const sum = (sql: string): number =>
    (db.prepare(sql).get(room) as { n: number | null } | undefined)?.n ?? 0;
  return {
    snapshot: tables.has('documents')
      ? sum('SELECT sum(length(data)) AS n FROM "documents" WHERE name = ?')
      : 0,
    log: tables.has('document_updates')
      ? sum('SELECT sum(length(data)) AS n FROM "document_updates" WHERE name = ?')
      : 0,
  };
}

interface Prepared {
  select: Statement;
  upsert: Statement;
  append: Statement;
  log: Statement;
  lastLogged: Statement;
  trim: Statement;
}

interface Watch {
  doc: Y.Doc;
  pending: number;
  scheduled: boolean;
  stop(): void;
}

export class RoomDocuments implements Extension {
  readonly extensionName = 'weavemap-room-documents';
  /** Loads before, and stores before, the other extensions (history reads the loaded doc). */
  readonly priority = 1000;
  db: Database | undefined;
  readonly durableLog: boolean;
  #sql: Prepared | undefined;
  readonly #compactAfter: number;
  readonly #onError: (message: string, error: unknown) => void;
  readonly #watches = new Map<string, Watch>();

  /** Rooms whose live document this store watches (released when the document is destroyed). */
  get watchedRooms(): number {
    return this.#watches.size;
  }

  constructor(
    readonly file: string,
    options: RoomDocumentsOptions = {},
  ) {
    this.durableLog = options.durableLog ?? true;
    this.#compactAfter = options.compactAfterUpdates ?? 500;
    this.#onError = options.onError ?? (() => {});
  }

  async onConfigure(): Promise<void> {
    this.open();
  }

  /** Opens the database (done by onConfigure; callable directly for tests and tools). */
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

  /** What is stored of a room, in order: its snapshot (if any), then every logged update. */
  parts(name: string): Uint8Array[] {
    const { snapshot, log } = this.#stored(name);
    return [...(snapshot ? [snapshot] : []), ...log];
  }

  /** The room's stored state as one update (null for a room never stored). */
  read(name: string): Uint8Array | null {
    const parts = this.parts(name);
    if (parts.length === 0) return null;
    return parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts);
  }

  /**
   * Writes `state` (the whole document, encoded in the same tick) as the room's snapshot and, in
   * the same transaction, deletes the log rows it covers: every row logged so far, since the
   * log is written synchronously as the document changes.
   */
  store({ documentName, state }: { documentName: string; state: Uint8Array }): void {
    const sql = this.#sql;
    const db = this.db;
    if (!sql || !db) throw new Error('The room database is not open.');
    db.transaction(() => {
      const last = (sql.lastLogged.get(documentName) as { id: number | null } | undefined)?.id;
      sql.upsert.run({ name: documentName, data: state });
      if (last != null) sql.trim.run(documentName, last);
    })();
    const watch = this.#watches.get(documentName);
    if (watch) watch.pending = 0;
  }

  /** Compacts a loaded document now: snapshot of its live state, log rows deleted. */
  compact(name: string, doc: Y.Doc): void {
    this.store({ documentName: name, state: Y.encodeStateAsUpdate(doc) });
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    // Applied one by one in one transaction (cheaper than merging them first).
    const { snapshot, log } = this.#stored(documentName);
    if (snapshot || log.length > 0)
      Y.transact(document, () => {
        if (snapshot) Y.applyUpdate(document, snapshot);
        for (const update of log) Y.applyUpdate(document, update);
      });
    // Watched from here on, synchronously: nothing else can change the document in between.
    // Rows left in the log (a killed host) count as pending, so that unloading compacts them.
    this.#watch(documentName, document).pending = log.length;
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    this.compact(documentName, document);
  }

  async beforeUnloadDocument({ documentName, document }: beforeUnloadDocumentPayload) {
    const watch = this.#watches.get(documentName);
    if (watch?.doc !== document) return;
    // The watch itself stops when the document is destroyed: Hocuspocus may keep it loaded
    // after this hook if someone connects meanwhile.
    if (watch.pending > 0) this.compact(documentName, document);
  }

  async onDestroy(): Promise<void> {
    this.close();
  }

  close(): void {
    for (const watch of this.#watches.values()) watch.stop();
    this.#watches.clear();
    this.db?.close();
    this.db = undefined;
    this.#sql = undefined;
  }

  #stored(name: string): { snapshot: Uint8Array | undefined; log: Uint8Array[] } {
    const sql = this.#sql;
    if (!sql) throw new Error('The room database is not open.');
    const snapshot = sql.select.get({ name }) as { data: Uint8Array } | undefined;
    const rows = sql.log.all(name) as { data: Uint8Array }[];
    return { snapshot: snapshot?.data, log: rows.map((r) => r.data) };
  }

  #watch(name: string, doc: Y.Doc): Watch {
    this.#watches.get(name)?.stop();
    const watch: Watch = { doc, pending: 0, scheduled: false, stop: () => {} };
    const onUpdate = (update: Uint8Array): void => {
      if (this.durableLog) {
        const sql = this.#sql;
        if (!sql) throw new Error(`Room ${name} changed after its database was closed.`);
        try {
          sql.append.run(name, update);
        } catch (error) {
          this.#onError(`sync: could not log an update of room ${name}`, error);
          throw error;
        }
      }
      watch.pending += 1;
      if (this.durableLog && watch.pending >= this.#compactAfter && !watch.scheduled) {
        watch.scheduled = true;
        setImmediate(() => {
          watch.scheduled = false;
          if (this.#watches.get(name) !== watch || !this.db) return;
          try {
            this.compact(name, doc);
          } catch (error) {
            this.#onError(`sync: could not compact room ${name}`, error);
          }
        });
      }
    };
    const onDestroy = (): void => watch.stop();
    doc.on('update', onUpdate);
    doc.on('destroy', onDestroy);
    watch.stop = () => {
      doc.off('update', onUpdate);
      doc.off('destroy', onDestroy);
      if (this.#watches.get(name) === watch) this.#watches.delete(name);
    };
    this.#watches.set(name, watch);
    return watch;
  }
}
