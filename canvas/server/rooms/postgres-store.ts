import type pg from 'pg';
import { migrate } from '../realtime/postgres-document-store';
import { hashSecret } from './secrets';
import type { CreatedRoom, RoomAuth, RoomDirectory, RoomRecord } from './store';
import { newRoom, roleFor } from './store';

const SCHEMA = `CREATE TABLE IF NOT EXISTS weavemap_rooms (
  id text PRIMARY KEY,
  title text NOT NULL DEFAULT '',
  edit_hash bytea NOT NULL,
  view_hash bytea NOT NULL,
  facilitator_hash bytea NOT NULL,
  created_at bigint NOT NULL
)`;

interface RoomRow {
  id: string;
  title: string;
  edit_hash: Buffer;
  view_hash: Buffer;
  facilitator_hash: Buffer;
  created_at: string;
}

const record = (row: RoomRow): RoomRecord => ({
  id: row.id,
  title: row.title,
  createdAt: Number(row.created_at),
});

/**
 * The rooms table in PostgreSQL, shared by every host of a cluster (a room created on one host
 * opens on any other). Same rows as RoomStore: SHA-256 hashes of the three secrets, never the
 * secrets themselves.
 */
export class PostgresRoomStore implements RoomDirectory {
  constructor(readonly pool: pg.Pool) {}

  async open(): Promise<void> {
    await migrate(this.pool, SCHEMA);
  }

  async create(title: string, now = Date.now()): Promise<CreatedRoom> {
    const room = newRoom(title, now);
    await this.pool.query(
      `INSERT INTO weavemap_rooms (id, title, edit_hash, view_hash, facilitator_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        room.id,
        room.title,
        hashSecret(room.editSecret),
        hashSecret(room.viewSecret),
        hashSecret(room.facilitatorSecret),
        room.createdAt,
      ],
    );
    return room;
  }

  async get(id: string): Promise<RoomRecord | undefined> {
    const row = await this.row(id);
    return row && record(row);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.row(id)) !== undefined;
  }

  async authenticate(id: string, secret: string): Promise<RoomAuth | undefined> {
    const row = await this.row(id);
    if (!row) return undefined;
    const role = roleFor(secret, {
      edit: row.edit_hash,
      view: row.view_hash,
      facilitator: row.facilitator_hash,
    });
    return role && { room: record(row), role };
  }

  close(): void {
    // The pool is the host's: it closes it.
  }

  private async row(id: string): Promise<RoomRow | undefined> {
    const result = await this.pool.query<RoomRow>('SELECT * FROM weavemap_rooms WHERE id = $1', [
      id,
    ]);
    return result.rows[0];
  }
}
