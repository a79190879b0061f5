import type {
  Extension,
  beforeSyncPayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
  beforeUnloadDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Database } from '../sqlite-driver';
import { type DocumentStore, SqliteDocumentStore } from './document-store';

/**
 * Hocuspocus persistence for rooms, durable at acknowledgement, over a DocumentStore (SQLite for
 * the embedded host, PostgreSQL for several hosts).
 *
 * - The snapshot (one row per room) and the append-only log of updates since.
 * - Every change a client makes is in the log before Hocuspocus acknowledges it:
 *   - SQLite (synchronous): inserted from the document's `update` event. Hocuspocus applies a
 *     client's update with `Y.applyUpdate` (y-protocols `readUpdate`/`readSyncStep2`), whose
 *     transaction emits `update` before it returns, and only then sends the "applied"
 *     SyncStatus (MessageReceiver.ts); better-sqlite3 is synchronous, so the row is committed
 *     before the acknowledgement is written to the socket. Should the insert fail, the error
 *     escapes `applyUpdate` and no acknowledgement is sent.
 *   - PostgreSQL (asynchronous): Hocuspocus awaits nothing between applying an update and
 *     acknowledging it, but it awaits every extension's `beforeSync` before applying, one
 *     message of a connection at a time (Connection.processMessages). So `durableLog` (the last
 *     extension, after the map lock and the document contract have decided read-only-ness)
 *     inserts the update there and awaits the commit; an insert that fails throws, and
 *     Hocuspocus closes the connection without acknowledging.
 *   Changes the host makes itself (`withRoomDoc`: clips, named versions) go through the
 *   `update` event: synchronously on SQLite, awaited by the next store on PostgreSQL.
 *   Updates that arrive from another host through Redis were logged by that host.
 * - Compaction: on Hocuspocus's (debounced) store, after `compactAfterUpdates` logged updates
 *   (scheduled off the hot path) and before a room is unloaded, one transaction writes the
 *   snapshot and deletes the log rows it covers.
 * - Load: the snapshot, then every log row after it, in order.
 */
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

interface Watch {
  doc: Y.Doc;
  pending: number;
  scheduled: boolean;
  stop(): void;
}

/** y-protocols sync message types that carry changes. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

const originSource = (origin: unknown): string | undefined =>
  (origin as { source?: unknown } | null)?.source as string | undefined;

export class RoomDocuments implements Extension {
  readonly extensionName = 'weavemap-room-documents';
  /** Loads before, and stores before, the other extensions (history reads the loaded doc). */
  readonly priority = 1000;
  readonly store: DocumentStore;
  readonly durableLog: boolean;
  /**
   * For an asynchronous store: logs each client update in `beforeSync`. Register it after every
   * extension that may make a connection read-only (it has the lowest priority).
   */
  readonly logExtension: Extension;
  readonly #compactAfter: number;
  readonly #onError: (message: string, error: unknown) => void;
  readonly #watches = new Map<string, Watch>();
  /** Appends of the host's own changes not yet committed (asynchronous stores). */
  readonly #appending = new Set<Promise<void>>();

  /** Rooms whose live document this store watches (released when the document is destroyed). */
  get watchedRooms(): number {
    return this.#watches.size;
  }

  constructor(store: string | DocumentStore, options: RoomDocumentsOptions = {}) {
    this.store = typeof store === 'string' ? new SqliteDocumentStore(store) : store;
    this.durableLog = options.durableLog ?? true;
    this.#compactAfter = options.compactAfterUpdates ?? 500;
    this.#onError = options.onError ?? (() => {});
    this.logExtension = {
      extensionName: 'weavemap-durable-log',
      priority: -1000,
      beforeSync: (payload: beforeSyncPayload) => this.#logClientUpdate(payload),
    };
  }

  /** The SQLite database, for an SQLite store (tests and tools). */
  get db(): Database | undefined {
    return this.store instanceof SqliteDocumentStore ? this.store.db : undefined;
  }

  async onConfigure(): Promise<void> {
    await this.open();
  }

  /** Opens the store (done by onConfigure; callable directly for tests and tools). */
  open(): void | Promise<void> {
    return this.store.open();
  }

  /** The room's stored state as one update (null for a room never stored). */
  async read(name: string): Promise<Uint8Array | null> {
    const { snapshot, log } = await this.store.load(name);
    const parts = [...(snapshot ? [snapshot] : []), ...log];
    if (parts.length === 0) return null;
    return parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts);
  }

  /**
   * Compacts a loaded document now: snapshot of its live state, log rows deleted. Synchronous
   * on SQLite (the shutdown path and the tests rely on it).
   */
  compact(name: string, doc: Y.Doc): void | Promise<void> {
    const watch = this.#watches.get(name);
    const before = watch?.pending ?? 0;
    const done = (): void => {
      // Updates logged while an asynchronous compaction ran stay pending.
      if (watch) watch.pending = Math.max(0, watch.pending - before);
    };
    if (this.store.synchronous) {
      this.store.compact(name, doc);
      done();
      return;
    }
    return this.flush().then(async () => {
      await this.store.compact(name, doc);
      done();
    });
  }

  /** Waits for the host's own changes to be in the log (asynchronous stores). */
  async flush(): Promise<void> {
    while (this.#appending.size > 0) await Promise.allSettled([...this.#appending]);
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    // Applied one by one in one transaction (cheaper than merging them first).
    const { snapshot, log } = await this.store.load(documentName);
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
    await this.compact(documentName, document);
  }

  async beforeUnloadDocument({ documentName, document }: beforeUnloadDocumentPayload) {
    const watch = this.#watches.get(documentName);
    if (watch?.doc !== document) return;
    // The watch itself stops when the document is destroyed: Hocuspocus may keep it loaded
    // after this hook if someone connects meanwhile.
    if (watch.pending > 0) await this.compact(documentName, document);
  }

  async onDestroy(): Promise<void> {
    await this.close();
  }

  close(): void | Promise<void> {
    for (const watch of this.#watches.values()) watch.stop();
    this.#watches.clear();
    if (this.store.synchronous) return this.store.close();
    return this.flush().then(() => this.store.close());
  }

  async #logClientUpdate({ connection, document, type, payload }: beforeSyncPayload) {
    if (this.store.synchronous || !this.durableLog) return;
    if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
    // Hocuspocus will not apply it (a view link, the map lock, a refused update).
    if (connection.readOnly) return;
    try {
      await this.store.append(document.name, payload);
    } catch (error) {
      this.#onError(`sync: could not log an update of room ${document.name}`, error);
      throw error;
    }
  }

  #append(name: string, update: Uint8Array, origin: unknown): boolean {
    if (this.store.synchronous) {
      try {
        this.store.append(name, update);
      } catch (error) {
        this.#onError(`sync: could not log an update of room ${name}`, error);
        throw error;
      }
      return true;
    }
    const source = originSource(origin);
    // A client's update was logged in beforeSync; another host's, by that host.
    if (source === 'connection') return true;
    if (source === 'redis') return false;
    const appending = Promise.resolve(this.store.append(name, update)).catch((error: unknown) =>
      this.#onError(`sync: could not log an update of room ${name}`, error),
    );
    this.#appending.add(appending);
    void appending.finally(() => this.#appending.delete(appending));
    return true;
  }

  #watch(name: string, doc: Y.Doc): Watch {
    this.#watches.get(name)?.stop();
    const watch: Watch = { doc, pending: 0, scheduled: false, stop: () => {} };
    const onUpdate = (update: Uint8Array, origin: unknown): void => {
      if (this.durableLog) {
        if (!this.#append(name, update, origin)) return;
      }
      watch.pending += 1;
      if (this.durableLog && watch.pending >= this.#compactAfter && !watch.scheduled) {
        watch.scheduled = true;
        setImmediate(() => {
          const failed = (error: unknown): void =>
            this.#onError(`sync: could not compact room ${name}`, error);
          const settle = (): void => {
            watch.scheduled = false;
          };
          if (this.#watches.get(name) !== watch) return settle();
          try {
            const compacted = this.compact(name, doc);
            if (compacted) return void compacted.catch(failed).finally(settle);
          } catch (error) {
            failed(error);
          }
          settle();
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
