import { Database } from '../sqlite-driver';
import {
  digestsEqual,
  editSecretFromFacilitator,
  hashSecret,
  newRoomId,
  newSecret,
} from './secrets';

export type Role = 'edit' | 'view' | 'facilitator';

export interface RoomRecord {
  id: string;
  title: string;
  createdAt: number;
}

export interface CreatedRoom extends RoomRecord {
  editSecret: string;
  viewSecret: string;
  facilitatorSecret: string;
}

/**
 * The rooms of a host or of a cluster: RoomStore (SQLite, synchronous) or PostgresRoomStore
 * (shared by several hosts). Callers await every result.
 */
export interface RoomDirectory {
  create(title: string): CreatedRoom | Promise<CreatedRoom>;
  get(id: string): RoomRecord | undefined | Promise<RoomRecord | undefined>;
  exists(id: string): boolean | Promise<boolean>;
  authenticate(id: string, secret: string): RoomAuth | undefined | Promise<RoomAuth | undefined>;
  close(): void | Promise<void>;
}

export interface RoomAuth {
  room: RoomRecord;
  role: Role;
}

/** A new room: its id and three fresh secrets (plaintext, returned once). */
export function newRoom(title: string, now = Date.now()): CreatedRoom {
  const facilitatorSecret = newSecret();
  return {
    id: newRoomId(),
    title,
    createdAt: now,
    editSecret: editSecretFromFacilitator(facilitatorSecret),
    viewSecret: newSecret(),
    facilitatorSecret,
  };
}

/** The role `secret` grants against a room's three hashes; all three compared in constant time. */
export function roleFor(
  secret: string,
  hashes: { edit: Buffer; view: Buffer; facilitator: Buffer },
): Role | undefined {
  const presented = hashSecret(secret);
  const edit = digestsEqual(presented, hashes.edit);
  const view = digestsEqual(presented, hashes.view);
  const facilitator = digestsEqual(presented, hashes.facilitator);
  return facilitator ? 'facilitator' : edit ? 'edit' : view ? 'view' : undefined;
}

interface RoomRow {
  id: string;
  title: string;
  edit_hash: Buffer;
  view_hash: Buffer;
  facilitator_hash: Buffer;
  created_at: number;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS rooms (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL DEFAULT '',
  edit_hash BLOB NOT NULL,
  view_hash BLOB NOT NULL,
  facilitator_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL
)`;

/**
 * The rooms table: one row per room with SHA-256 hashes of its three capability secrets.
 * Plaintext secrets are returned once, at creation, and never stored.
 */
export class RoomStore implements RoomDirectory {
  private readonly db: Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  create(title: string, now = Date.now()): CreatedRoom {
    const room = newRoom(title, now);
    this.db
      .prepare(
        `INSERT INTO rooms (id, title, edit_hash, view_hash, facilitator_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        room.id,
        room.title,
        hashSecret(room.editSecret),
        hashSecret(room.viewSecret),
        hashSecret(room.facilitatorSecret),
        room.createdAt,
      );
    return room;
  }

  get(id: string): RoomRecord | undefined {
    const row = this.row(id);
    return row && { id: row.id, title: row.title, createdAt: row.created_at };
  }

  exists(id: string): boolean {
    return this.row(id) !== undefined;
  }

  /**
   * The role a secret grants in a room, or undefined for an unknown room or a wrong secret.
   * All three hashes are always compared, in constant time.
   */
  authenticate(id: string, secret: string): RoomAuth | undefined {
    const row = this.row(id);
    if (!row) return undefined;
    const role = roleFor(secret, {
      edit: row.edit_hash,
      view: row.view_hash,
      facilitator: row.facilitator_hash,
    });
    if (!role) return undefined;
    return { room: { id: row.id, title: row.title, createdAt: row.created_at }, role };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private row(id: string): RoomRow | undefined {
    return this.db.prepare('SELECT * FROM rooms WHERE id = ?').get(id) as RoomRow | undefined;
  }
}
