import { randomBytes } from 'node:crypto';
import { Database } from '../sqlite-driver';

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
  /** Size of the encoded state, in bytes. */
  bytes: number;
}

export interface StoredVersion extends VersionInfo {
  /** `Y.encodeStateAsUpdate` of the host's document: the full state, not a Y.snapshot. */
  state: Uint8Array;
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

const INFO_COLUMNS =
  'id, room, name, created_at, created_by, reason, present, length(state) AS bytes';

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
  };
}

/**
 * The `versions` table (in the host's SQLite file): full encoded states of a room's document at
 * moments worth going back to. Automatic versions beyond `maxAutoVersions` per room are pruned,
 * oldest first; phase and named versions are kept.
 */
export class VersionStore {
  private readonly db: Database;

  constructor(
    file: string,
    private readonly maxAutoVersions = 500,
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  add(input: {
    room: string;
    name: string;
    createdBy: string;
    reason: VersionReason;
    present: readonly string[];
    state: Uint8Array;
    createdAt?: number;
  }): VersionInfo {
    const row: VersionRow = {
      id: randomBytes(9).toString('base64url'),
      room: input.room,
      name: input.name,
      created_at: input.createdAt ?? Date.now(),
      created_by: input.createdBy,
      reason: input.reason,
      present: JSON.stringify([...new Set(input.present)].sort()),
      bytes: input.state.byteLength,
    };
    const insert = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO versions (id, room, name, created_at, created_by, reason, present, state)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.id,
          row.room,
          row.name,
          row.created_at,
          row.created_by,
          row.reason,
          row.present,
          Buffer.from(input.state),
        );
      if (row.reason === 'auto')
        this.db
          .prepare(
            `DELETE FROM versions WHERE id IN (SELECT id FROM versions WHERE room = ? AND reason = 'auto'
             ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)`,
          )
          .run(row.room, this.maxAutoVersions);
    });
    insert();
    return toInfo(row);
  }

  /** A room's versions, newest first. */
  list(room: string): VersionInfo[] {
    const rows = this.db
      .prepare(
        `SELECT ${INFO_COLUMNS} FROM versions WHERE room = ? ORDER BY created_at DESC, rowid DESC`,
      )
      .all(room) as VersionRow[];
    return rows.map(toInfo);
  }

  get(room: string, id: string): StoredVersion | undefined {
    const row = this.db
      .prepare(`SELECT ${INFO_COLUMNS}, state FROM versions WHERE room = ? AND id = ?`)
      .get(room, id) as VersionRow | undefined;
    if (!row?.state) return undefined;
    return { ...toInfo(row), state: new Uint8Array(row.state) };
  }

  /** When the room's last version was taken (0 if never). */
  lastAt(room: string): number {
    const row = this.db
      .prepare('SELECT max(created_at) AS at FROM versions WHERE room = ?')
      .get(room) as { at: number | null } | undefined;
    return row?.at ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
