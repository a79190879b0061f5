import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Extension } from '@hocuspocus/server';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from './log';
import { redact } from './redact';
import { clusterHeartbeat } from './realtime/cluster-heartbeat';
import { PostgresVersionStore } from './history/postgres-version-store';
import { PostgresDocumentStore } from './realtime/postgres-document-store';
import { PostgresRoomStore } from './rooms/postgres-store';

/** Several hosts, one map: where the hosts meet. */
export interface ClusterOptions {
  /** `redis://host:port[/db]`: rooms' updates and presence between hosts. */
  redisUrl: string;
  /** `postgres://user@host:port/db`: rooms, their documents and the durable update log. */
  databaseUrl: string;
  /** How often this host announces its people to the others (default 10 s; see cluster-heartbeat.ts). */
  heartbeatMs?: number;
  /** Automatic versions kept per room (the history's policy; default 500). */
  maxAutoVersions?: number;
}

export interface Cluster {
  documents: PostgresDocumentStore;
  rooms: PostgresRoomStore;
  /** Rooms' versions (history), shared by the hosts. */
  versions: PostgresVersionStore;
  /** Hocuspocus extensions sharing live rooms through Redis. */
  extensions: Extension[];
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL (creating the tables on first use) and Redis, and fails with a clear
 * message, before the host listens, when either cannot be reached.
 *
 * Redis: @hocuspocus/extension-redis. Every host with clients in a room loads the room (from
 * PostgreSQL) and keeps it in step with the other hosts through the room's Redis channel (a
 * change is announced as a sync step 1; peers answer with what they lack and ask for what they
 * miss), and relays presence the same way. See docs/architecture.md, "Several hosts".
 */
export async function openCluster(options: ClusterOptions, log: Logger): Promise<Cluster> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
  pool.on('error', (error) => log.warn(`postgres: idle client error: ${error.message}`));
  const documents = new PostgresDocumentStore(pool);
  const rooms = new PostgresRoomStore(pool);
  const versions = new PostgresVersionStore(pool, options.maxAutoVersions);
  try {
    await documents.open();
    await rooms.open();
    await versions.open();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(
      `Cannot use the PostgreSQL database ${redact(options.databaseUrl)}: ${(error as Error).message}`,
      { cause: error },
    );
  }

  const clients: Redis[] = [];
  const client = (): Redis => {
    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
    redis.on('error', (error: Error) => log.warn(`redis: ${error.message}`));
    clients.push(redis);
    return redis;
  };
  const probe = client();
  try {
    await probe.ping();
  } catch (error) {
    probe.disconnect();
    await pool.end().catch(() => {});
    throw new Error(
      `Cannot reach Redis at ${redact(options.redisUrl)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  probe.disconnect();

  const redis = new RedisExtension({
    createClient: client,
    prefix: 'weavemap',
    // Room documents load and store first (same priority, registered before this one), so a
    // failed Redis store lock never skips writing the snapshot.
  });

  // Presence of idle people across hosts: each host announces its people, the others renew
  // their entries (realtime/cluster-heartbeat.ts).
  const channel = 'weavemap:presence-heartbeat';
  const pub = client();
  const heartbeat = clusterHeartbeat({
    hostId: randomUUID(),
    publish: (message) => {
      pub.publish(channel, message).catch((error: Error) => {
        log.warn(`redis: presence heartbeat not sent: ${error.message}`);
      });
    },
    ...(options.heartbeatMs !== undefined ? { intervalMs: options.heartbeatMs } : {}),
  });
  const sub = client();
  sub.on('message', (from: string, message: string) => {
    if (from === channel) heartbeat.heartbeat.receive(message);
  });
  try {
    await sub.subscribe(channel);
  } catch (error) {
    for (const c of clients) c.disconnect();
    await pool.end().catch(() => {});
    throw new Error(
      `Cannot subscribe to Redis at ${redact(options.redisUrl)}: ${(error as Error).message}`,
      { cause: error },
    );
  }

  let closed: Promise<void> | undefined;
  return {
    documents,
    rooms,
    versions,
    extensions: [redis, heartbeat],
    close: () =>
      (closed ??= (async () => {
        for (const c of clients) c.disconnect();
        await pool.end();
      })()),
  };
}
