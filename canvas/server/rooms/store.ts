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
export class RoomStore {
  private readonly db: Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  create(title: string, now = Date.now()): CreatedRoom {
    const facilitatorSecret = newSecret();
    const room: CreatedRoom = {
      id: newRoomId(),
      title,
      createdAt: now,
      editSecret: editSecretFromFacilitator(facilitatorSecret),
      viewSecret: newSecret(),
      facilitatorSecret,
    };
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
  authenticate(id: string, secret: string): { room: RoomRecord; role: Role } | undefined {
    const row = this.row(id);
    if (!row) return undefined;
    const presented = hashSecret(secret);
    const edit = digestsEqual(presented, row.edit_hash);
    const view = digestsEqual(presented, row.view_hash);
    const facilitator = digestsEqual(presented, row.facilitator_hash);
    const role: Role | undefined = facilitator
      ? 'facilitator'
      : edit
        ? 'edit'
        : view
          ? 'view'
          : undefined;
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
