import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import * as Y from 'yjs';
import { inLockedTransaction, migrate } from '../realtime/postgres-document-store';
import { fingerprint } from './chain';
import { versionsToPrune } from './prune';
import type { NewVersion, RoomDiskUse, StoredVersion, VersionInfo, VersionReason } from './store';
import type { VersionStorage } from './version-storage';

/**
 * Several hosts, one map: a room's versions (its history) in PostgreSQL, shared by every host
 * of the cluster, so that a version kept on one host is listed and restored on any other.
 *
 * Each version is stored whole (`stored: 'full'`): the SQLite store's delta chain (chain.ts)
 * saves space, but here several hosts add to one room's history, and a whole state per row
 * needs no chain to agree on nor links to fold when pruning. Adding runs under the room's
 * advisory lock, so that two hosts keeping a version at once still deduplicate against each
 * other and number their versions in order.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS weavemap_versions (
  id text PRIMARY KEY,
  room text NOT NULL,
  seq integer NOT NULL,
  name text NOT NULL DEFAULT '',
  created_at bigint NOT NULL,
  created_by text NOT NULL DEFAULT '',
  reason text NOT NULL CHECK (reason IN ('auto', 'phase', 'named')),
  present jsonb NOT NULL DEFAULT '[]',
  fingerprint bytea NOT NULL,
  state bytea NOT NULL,
  UNIQUE (room, seq)
);
`;

interface InfoRow {
  id: string;
  room: string;
  name: string;
  created_at: string;
  created_by: string;
  reason: VersionReason;
  present: unknown;
  bytes: number;
}

const INFO_COLUMNS =
  'id, room, name, created_at, created_by, reason, present, octet_length(state) AS bytes';

function toInfo(row: InfoRow): VersionInfo {
  const present = Array.isArray(row.present)
    ? row.present.filter((p): p is string => typeof p === 'string')
    : [];
  return {
    id: row.id,
    room: row.room,
    name: row.name,
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
    reason: row.reason,
    present,
    bytes: row.bytes,
    stored: 'full',
  };
}

const bytea = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export class PostgresVersionStore implements VersionStorage {
  constructor(
    private readonly pool: pg.Pool,
    private readonly maxAutoVersions = 500,
  ) {}

  async open(): Promise<void> {
    await migrate(this.pool, SCHEMA);
  }

  async add(input: NewVersion): Promise<VersionInfo | undefined> {
    // Read now, in this tick: the version is the document as it is when asked for.
    const state = Y.encodeStateAsUpdate(input.doc);
    const print = fingerprint(input.doc);
    const { room } = input;
    return inLockedTransaction(this.pool, `weavemap-versions:${room}`, async (client) => {
      const tail = await client.query<{ seq: number; fingerprint: Buffer }>(
        'SELECT seq, fingerprint FROM weavemap_versions WHERE room = $1 ORDER BY seq DESC LIMIT 1',
        [room],
      );
      const last = tail.rows[0];
      if (input.dedupe && last?.fingerprint.equals(print)) return undefined;
      const info: VersionInfo = {
        id: randomBytes(9).toString('base64url'),
        room,
        name: input.name,
        createdAt: input.createdAt ?? Date.now(),
        createdBy: input.createdBy,
        reason: input.reason,
        present: [...new Set(input.present)].sort(),
        bytes: state.byteLength,
        stored: 'full',
      };
      await client.query(
        `INSERT INTO weavemap_versions (id, room, seq, name, created_at, created_by, reason,
         present, fingerprint, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          info.id,
          room,
          (last?.seq ?? 0) + 1,
          info.name,
          info.createdAt,
          info.createdBy,
          info.reason,
          JSON.stringify(info.present),
          print,
          bytea(state),
        ],
      );
      return info;
    });
  }

  async list(room: string): Promise<VersionInfo[]> {
    const result = await this.pool.query<InfoRow>(
      `SELECT ${INFO_COLUMNS} FROM weavemap_versions WHERE room = $1
       ORDER BY created_at DESC, seq DESC`,
      [room],
    );
    return result.rows.map(toInfo);
  }

  async read(room: string, id: string): Promise<StoredVersion | undefined> {
    const result = await this.pool.query<InfoRow & { state: Buffer }>(
      `SELECT ${INFO_COLUMNS}, state FROM weavemap_versions WHERE room = $1 AND id = $2`,
      [room, id],
    );
    const row = result.rows[0];
    return row && { ...toInfo(row), state: new Uint8Array(row.state) };
  }

  /** Drops the versions the policy (prune.ts) does not keep; returns how many went. */
  async prune(room: string, now = Date.now()): Promise<number> {
    return inLockedTransaction(this.pool, `weavemap-versions:${room}`, async (client) => {
      const rows = await client.query<InfoRow>(
        `SELECT ${INFO_COLUMNS} FROM weavemap_versions WHERE room = $1`,
        [room],
      );
      const drop = versionsToPrune(rows.rows.map(toInfo), now, this.maxAutoVersions);
      if (drop.length === 0) return 0;
      const gone = await client.query(
        'DELETE FROM weavemap_versions WHERE room = $1 AND id = ANY($2::text[])',
        [room, drop],
      );
      return gone.rowCount ?? 0;
    });
  }

  /** The bytes a room takes in PostgreSQL: its document, its update log and its versions. */
  async diskUse(room: string): Promise<RoomDiskUse> {
    const sizes = await this.pool.query<{ document: string; log: string; versions: string }>(
      `SELECT
         (SELECT coalesce(sum(octet_length(data)), 0) FROM weavemap_documents WHERE name = $1) AS document,
         (SELECT coalesce(sum(octet_length(data)), 0) FROM weavemap_document_updates WHERE name = $1) AS log,
         (SELECT coalesce(sum(octet_length(state)), 0) FROM weavemap_versions WHERE room = $1) AS versions`,
      [room],
    );
    const row = sizes.rows[0];
    const document = Number(row?.document ?? 0);
    const log = Number(row?.log ?? 0);
    const versions = Number(row?.versions ?? 0);
    return { document, log, versions, total: document + log + versions };
  }

  async lastAt(room: string): Promise<number> {
    const result = await this.pool.query<{ at: string | null }>(
      'SELECT max(created_at) AS at FROM weavemap_versions WHERE room = $1',
      [room],
    );
    return Number(result.rows[0]?.at ?? 0);
  }

  close(): void {
    // The pool is the cluster's: it closes it.
  }
}
