import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import { documentBytes } from '../realtime/room-documents';
import { Database, type Statement } from '../sqlite-driver';
import { encodeLink, fingerprint, readChain, type ChainTail, type LinkKind } from './chain';
import { ChainMerger } from './merger';
import { versionsToPrune } from './prune';
import type { VersionStorage } from './version-storage';

export type VersionReason = 'auto' | 'phase' | 'named';

/** A version without its state: what the History view lists. */
export interface VersionInfo {
  id: string;
  room: string;
  name: string;
  createdAt: number;
  createdBy: string;
  reason: VersionReason;
  /** Names of the people connected at that moment. */
  present: string[];
  /** Bytes the version takes on disk: the whole state, or only the change since the one before. */
  bytes: number;
  /** `full`: stored as the whole state; `delta`: as the change since the version before it. */
  stored: LinkKind;
}

export interface StoredVersion extends VersionInfo {
  /** The full state, as `Y.encodeStateAsUpdate` of the host's document would give (not a Y.snapshot). */
  state: Uint8Array;
}

/** Bytes a room takes in the host's SQLite file, by table (row overheads not counted). */
export interface RoomDiskUse {
  /** The room's document snapshot and its update log not yet compacted into it. */
  document: number;
  log: number;
  versions: number;
  total: number;
}

interface VersionRow {
  id: string;
  room: string;
  name: string;
  created_at: number;
  created_by: string;
  reason: VersionReason;
  present: string;
  bytes: number;
  kind: LinkKind;
  seq: number | null;
  state?: Buffer;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS versions (
  id TEXT PRIMARY KEY,
  room TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL CHECK (reason IN ('auto', 'phase', 'named')),
  present TEXT NOT NULL DEFAULT '[]',
  state BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_room ON versions (room, created_at)`;

/** Columns added for compact storage; rows written before them are full states outside any chain. */
const CHAIN_COLUMNS: Record<string, string> = {
  seq: 'seq INTEGER',
  kind: `kind TEXT NOT NULL DEFAULT 'full'`,
  sv: 'sv BLOB',
  fingerprint: 'fingerprint BLOB',
};

const INFO_COLUMNS =
  'id, room, name, created_at, created_by, reason, present, length(state) AS bytes, kind, seq';

function toInfo(row: VersionRow): VersionInfo {
  let present: string[] = [];
  try {
    const parsed = JSON.parse(row.present) as unknown;
    if (Array.isArray(parsed)) present = parsed.filter((p): p is string => typeof p === 'string');
  } catch {
    // A damaged list reads as nobody rather than failing the whole history.
  }
  return {
    id: row.id,
    room: row.room,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    reason: row.reason,
    present,
    bytes: row.bytes,
    stored: row.kind,
  };
}

export interface NewVersion {
  room: string;
  name: string;
  createdBy: string;
  reason: VersionReason;
  present: readonly string[];
  /** The document to keep a version of (read now, synchronously). */
  doc: Y.Doc;
  createdAt?: number;
  /** Skip the version (return undefined) when the document equals the room's last version. */
  dedupe?: boolean;
}

/**
 * The `versions` table (in the host's SQLite file): a room's document at moments worth going back
 * to, stored as a chain of full checkpoints and deltas (see chain.ts), pruned by the policy in
 * prune.ts. Reading a version always gives its full encoded state.
 */
export class VersionStore implements VersionStorage {
  private readonly db: Database;
  private readonly sql: Record<string, Statement>;
  private readonly merger = new ChainMerger();

  constructor(
    file: string,
    private readonly maxAutoVersions = 500,
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const have = new Set(
      (this.db.prepare('PRAGMA table_info(versions)').all() as { name: string }[]).map(
        (c) => c.name,
      ),
    );
    for (const [name, definition] of Object.entries(CHAIN_COLUMNS))
      if (!have.has(name)) this.db.exec(`ALTER TABLE versions ADD COLUMN ${definition}`);
    this.db.exec('CREATE INDEX IF NOT EXISTS versions_chain ON versions (room, seq)');
    this.sql = {
      tail: this.db.prepare(
        `SELECT seq, sv, fingerprint FROM versions WHERE room = ? AND seq IS NOT NULL
         ORDER BY seq DESC LIMIT 1`,
      ),
      lastFull: this.db.prepare(
        `SELECT seq, length(state) AS bytes FROM versions WHERE room = ? AND seq IS NOT NULL
         AND kind = 'full' AND seq <= ? ORDER BY seq DESC LIMIT 1`,
      ),
      deltasAfter: this.db.prepare(
        `SELECT count(*) AS n, coalesce(sum(length(state)), 0) AS bytes FROM versions
         WHERE room = ? AND seq > ?`,
      ),
      insert: this.db.prepare(
        `INSERT INTO versions (id, room, name, created_at, created_by, reason, present, state,
         seq, kind, sv, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      links: this.db.prepare(
        `SELECT state FROM versions WHERE room = ? AND seq >= ? AND seq <= ? ORDER BY seq`,
      ),
      list: this.db.prepare(
        `SELECT ${INFO_COLUMNS} FROM versions WHERE room = ? ORDER BY created_at DESC, rowid DESC`,
      ),
      one: this.db.prepare(`SELECT ${INFO_COLUMNS}, state FROM versions WHERE room = ? AND id = ?`),
      next: this.db.prepare(
        `SELECT id, kind, state FROM versions WHERE room = ? AND seq > ? ORDER BY seq LIMIT 1`,
      ),
      fold: this.db.prepare('UPDATE versions SET state = ?, kind = ? WHERE id = ?'),
      remove: this.db.prepare('DELETE FROM versions WHERE id = ?'),
      bytes: this.db.prepare(
        'SELECT coalesce(sum(length(state)), 0) AS n FROM versions WHERE room = ?',
      ),
      lastAt: this.db.prepare('SELECT max(created_at) AS at FROM versions WHERE room = ?'),
    };
  }

  /** Keeps a version of `input.doc`; undefined when deduplicated (see `NewVersion.dedupe`). */
  add(input: NewVersion): VersionInfo | undefined {
    const { room } = input;
    return this.db.transaction((): VersionInfo | undefined => {
      const tail = this.sql.tail!.get(room) as
        { seq: number; sv: Buffer | null; fingerprint: Buffer | null } | undefined;
      const print = fingerprint(input.doc);
      if (input.dedupe && tail?.fingerprint?.equals(print)) return undefined;
      const link = encodeLink(input.doc, tail && this.chainTail(room, tail.seq, tail.sv));
      const row: VersionRow = {
        id: randomBytes(9).toString('base64url'),
        room,
        name: input.name,
        created_at: input.createdAt ?? Date.now(),
        created_by: input.createdBy,
        reason: input.reason,
        present: JSON.stringify([...new Set(input.present)].sort()),
        bytes: link.state.byteLength,
        kind: link.kind,
        seq: (tail?.seq ?? 0) + 1,
      };
      this.sql.insert!.run(
        row.id,
        row.room,
        row.name,
        row.created_at,
        row.created_by,
        row.reason,
        row.present,
        Buffer.from(link.state),
        row.seq,
        row.kind,
        Buffer.from(link.sv),
        print,
      );
      return toInfo(row);
    })();
  }

  /** A room's versions, newest first. */
  list(room: string): VersionInfo[] {
    return (this.sql.list!.all(room) as VersionRow[]).map(toInfo);
  }

  /** A version with its full state, merged here (synchronously: tests and tools). */
  get(room: string, id: string): StoredVersion | undefined {
    const found = this.chainOf(room, id);
    return found && { ...found.info, state: readChain(found.links) };
  }

  /** A version with its full state, its chain merged in a worker thread (the host's reads). */
  async read(room: string, id: string): Promise<StoredVersion | undefined> {
    const found = this.chainOf(room, id);
    return found && { ...found.info, state: await this.merger.merge(id, found.links) };
  }

  /**
   * Drops the versions the policy (prune.ts) does not keep, folding each dropped link into the
   * next one so that every later version still reads back whole. One transaction; returns how
   * many went.
   */
  prune(room: string, now = Date.now()): number {
    const candidates = this.list(room);
    const drop = new Set(versionsToPrune(candidates, now, this.maxAutoVersions));
    if (drop.size === 0) return 0;
    const bySeq = (
      this.db.prepare('SELECT id, seq FROM versions WHERE room = ? ORDER BY seq').all(room) as {
        id: string;
        seq: number | null;
      }[]
    ).filter((r) => drop.has(r.id));
    this.db.transaction(() => {
      for (const victim of bySeq) {
        if (victim.seq !== null) {
          const next = this.sql.next!.get(room, victim.seq) as
            { id: string; kind: LinkKind; state: Buffer } | undefined;
          if (next?.kind === 'delta') {
            const own = this.db
              .prepare('SELECT kind, state FROM versions WHERE id = ?')
              .get(victim.id) as { kind: LinkKind; state: Buffer };
            const merged = readChain([new Uint8Array(own.state), new Uint8Array(next.state)]);
            this.sql.fold!.run(Buffer.from(merged), own.kind, next.id);
          }
        }
        this.sql.remove!.run(victim.id);
      }
    })();
    return bySeq.length;
  }

  /** The bytes a room takes on disk: its document, its update log and its versions. */
  diskUse(room: string): RoomDiskUse {
    const doc = documentBytes(this.db, room);
    const versions = (this.sql.bytes!.get(room) as { n: number }).n;
    return {
      document: doc.snapshot,
      log: doc.log,
      versions,
      total: doc.snapshot + doc.log + versions,
    };
  }

  /** When the room's last version was taken (0 if never). */
  lastAt(room: string): number {
    const row = this.sql.lastAt!.get(room) as { at: number | null } | undefined;
    return row?.at ?? 0;
  }

  close(): void {
    void this.merger.close();
    if (this.db.open) this.db.close();
  }

  /** A version's info and the links its state is read from: its checkpoint and deltas after it. */
  private chainOf(
    room: string,
    id: string,
  ): { info: VersionInfo; links: Uint8Array[] } | undefined {
    const row = this.sql.one!.get(room, id) as VersionRow | undefined;
    if (!row?.state) return undefined;
    const info = toInfo(row);
    if (row.kind === 'full' || row.seq === null)
      return { info, links: [new Uint8Array(row.state)] };
    const full = this.sql.lastFull!.get(room, row.seq) as { seq: number } | undefined;
    if (!full) throw new Error(`Version ${id} of room ${room} has no checkpoint before it.`);
    const links = (this.sql.links!.all(room, full.seq, row.seq) as { state: Buffer }[]).map(
      (l) => new Uint8Array(l.state),
    );
    return { info, links };
  }

  private chainTail(room: string, seq: number, sv: Buffer | null): ChainTail {
    const full = this.sql.lastFull!.get(room, seq) as { seq: number; bytes: number } | undefined;
    const after = full
      ? (this.sql.deltasAfter!.get(room, full.seq) as { n: number; bytes: number })
      : { n: 0, bytes: 0 };
    return {
      sv: sv && full ? new Uint8Array(sv) : null,
      deltasSinceFull: after.n,
      deltaBytesSinceFull: after.bytes,
      fullBytes: full?.bytes ?? 0,
    };
  }
}
