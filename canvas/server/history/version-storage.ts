import type { NewVersion, RoomDiskUse, StoredVersion, VersionInfo } from './store';

/**
 * Where a host keeps rooms' versions: the SQLite `versions` table in its data dir (store.ts,
 * synchronous, the default) or, for several hosts, PostgreSQL (postgres-version-store.ts). The
 * recorder and the routes await every answer, so either serves.
 */
export interface VersionStorage {
  /** Keeps a version of `input.doc` (read at once); undefined when deduplicated. */
  add(input: NewVersion): VersionInfo | undefined | Promise<VersionInfo | undefined>;
  /** A room's versions, newest first. */
  list(room: string): VersionInfo[] | Promise<VersionInfo[]>;
  /** A version with its full state. */
  read(room: string, id: string): Promise<StoredVersion | undefined>;
  /** Drops the versions the policy (prune.ts) does not keep; how many went. */
  prune(room: string, now?: number): number | Promise<number>;
  /** The bytes a room takes: its document, its update log, its versions. */
  diskUse(room: string): RoomDiskUse | Promise<RoomDiskUse>;
  /** When the room's last version was taken (0 if never). */
  lastAt(room: string): number | Promise<number>;
  close(): void;
}
