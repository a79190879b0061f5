import { mkdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type * as Y from 'yjs';
import { createRequestEntry, createUpgradeEntry } from './http/entry';
import type { HeavyReadOptions } from './http/heavy-reads';
import { HeavyReads } from './http/heavy-reads';
import { OriginPolicy } from './http/origins';
import { Router } from './http/router';
import { createStaticHandler } from './http/static';
import { createHistory } from './history/recorder';
import { VersionStore } from './history/store';
import type { VersionStorage } from './history/version-storage';
import { httpUrl, isWildcardHost, lanUrls } from './lan';
import type { Logger } from './log';
import { createConsoleLogger } from './log';
import { DATABASE_FILE, DEFAULT_DATA_DIR, DEFAULT_STATIC_DIR } from './paths';
import type { SignalingOptions } from './realtime/signaling';
import { createSignalingServer } from './realtime/signaling';
import type { PresenceRelayOptions } from './realtime/presence-relay';
import { createSyncServer, type SyncServer } from './realtime/sync';
import type { RoomDirectory } from './rooms/store';
import { RoomStore } from './rooms/store';
import type { ClusterOptions } from './cluster';
import { hostsRoutes } from './routes/hosts';
import { ROUTE_MODULES } from './routes/index';
import { versionRoutes } from './routes/versions';
import type { HostServices, RouteModule } from './routes/services';

export interface HostOptions {
  /** TCP port; 0 picks a free one (default 5178). */
  port?: number;
  /** Interface to bind (default 127.0.0.1; 0.0.0.0 for a LAN workshop). */
  host?: string;
  /** Where the SQLite database lives (default `.data/` in the repo root). */
  dataDir?: string;
  /** The built canvas (default `dist/canvas/` in the repo root). */
  staticDir?: string;
  /** Keep info and warnings off the console. */
  quiet?: boolean;
  /** Where to log instead of the console. */
  logger?: Logger;
  /** Base of the share links (e.g. `https://maps.example.org`); default: the address the client used. */
  publicUrl?: string;
  /**
   * Origins besides the host's own whose pages may create rooms and open /sync and /signal
   * (`--allow-origin`); see OriginPolicy. Checked before the host starts.
   */
  allowOrigins?: readonly string[];
  /** Limits of heavy reads (element search, version states). */
  heavyReads?: Partial<HeavyReadOptions>;
  /** Largest JSON request body (default 1 MiB). */
  maxBodyBytes?: number;
  /** Largest /sync message (default 32 MiB). */
  maxSyncMessageBytes?: number;
  /** Rooms one client address may create per minute (default 30). */
  roomsPerMinute?: number;
  /** WebSocket ping interval for /signal and /sync (default 30 s). */
  keepAliveMs?: number;
  /** /sync: how long a socket may take to authenticate (default 60 s; see sync.ts). */
  syncIdleTimeoutMs?: number;
  /** Limits of the signaling relay. */
  signaling?: Partial<SignalingOptions>;
  /** Extra route modules (after the built-in ones). */
  routes?: readonly RouteModule[];
  /** Room history: automatic versions after this much activity (default 3 minutes), how many kept. */
  history?: { autoIntervalMs?: number; maxAutoVersions?: number };
  /** Log every /sync update to SQLite before acknowledging it (default true; the bench turns it off). */
  durableLog?: boolean;
  /**
   * Share rooms with other hosts: Redis relays live rooms between hosts, PostgreSQL stores rooms,
   * documents and the durable update log (`--redis`, `--database`). Without it, the embedded
   * SQLite host.
   */
  cluster?: ClusterOptions;
  /** Every host's public URL, served at /api/hosts: where clients go when their host dies. */
  peers?: readonly string[];
  /** Presence batching (default on); `false`: every update to everyone (the load baseline). */
  presenceRelay?: Partial<PresenceRelayOptions> | false;
}

export interface Host {
  /** `http://127.0.0.1:<port>/` (the loopback URL when bound to every interface). */
  url: string;
  port: number;
  /** `http://<lan address>:<port>/` for each external IPv4 address, when bound to every interface. */
  lanUrls: string[];
  dataDir: string;
  /** Where rooms are stored: `SQLite` or `PostgreSQL`. */
  storage: string;
  /** The server's live document of a room (see SyncServer.withRoomDoc). */
  withRoomDoc<T>(roomId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
  /** Stops accepting, closes every socket, writes every pending change to SQLite, closes it. */
  close(): Promise<void>;
  /** Rooms held in memory by each part of the host (SyncServer.roomsInMemory, and history). */
  roomsInMemory(): ReturnType<SyncServer['roomsInMemory']> & { history: number };
}

export const DEFAULT_PORT = 5178;
export const DEFAULT_HOST = '127.0.0.1';
export const MiB = 1024 * 1024;

/** Starts the Weavemap host: static canvas, /api, /signal and /sync on one port. */
export async function startHost(options: HostOptions = {}): Promise<Host> {
  const log = options.logger ?? createConsoleLogger(options.quiet ?? false);
  // First: a bad --allow-origin throws before anything is opened.
  // The cluster's hosts trust each other's pages: a page loaded from one host moves its /sync
  // socket to another when its own host dies (shared/sync/host-rotation.ts).
  const origins = new OriginPolicy({
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    allow: [...(options.allowOrigins ?? []), ...(options.peers ?? [])],
  });
  const bindHost = options.host ?? DEFAULT_HOST;
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const databaseFile = join(dataDir, DATABASE_FILE);
  const keepAliveMs = options.keepAliveMs ?? 30_000;

  // Loaded only for a cluster: the SQLite host does not pay for pg, ioredis and the extension.
  const cluster = options.cluster
    ? await (
        await import('./cluster')
      ).openCluster(
        {
          ...options.cluster,
          ...(options.history?.maxAutoVersions !== undefined
            ? { maxAutoVersions: options.history.maxAutoVersions }
            : {}),
        },
        log,
      )
    : undefined;
  const rooms: RoomDirectory = cluster?.rooms ?? new RoomStore(databaseFile);
  const versions: VersionStorage =
    cluster?.versions ?? new VersionStore(databaseFile, options.history?.maxAutoVersions);
  const history = createHistory({
    store: versions,
    log,
    ...(options.history?.autoIntervalMs !== undefined
      ? { autoIntervalMs: options.history.autoIntervalMs }
      : {}),
  });
  const signaling = createSignalingServer(log, { keepAliveMs, ...options.signaling });
  const sync = createSyncServer({
    documents: cluster?.documents ?? databaseFile,
    ...(cluster ? { cluster: cluster.extensions } : {}),
    rooms,
    log,
    maxMessageBytes: options.maxSyncMessageBytes ?? 32 * MiB,
    keepAliveMs,
    ...(options.syncIdleTimeoutMs !== undefined
      ? { idleTimeoutMs: options.syncIdleTimeoutMs }
      : {}),
    extensions: [history.extension],
    ...(options.durableLog === false ? { durableLog: false } : {}),
    ...(options.presenceRelay !== undefined ? { presenceRelay: options.presenceRelay } : {}),
  });

  let boundUrl = '';
  const services: HostServices = {
    rooms,
    log,
    withRoomDoc: sync.withRoomDoc,
    baseUrl: (req) =>
      options.publicUrl?.replace(/\/+$/, '') ?? requestBase(req) ?? boundUrl.replace(/\/$/, ''),
    heavyReads: new HeavyReads(options.heavyReads),
    limits: {
      maxBodyBytes: options.maxBodyBytes ?? MiB,
      roomsPerMinute: options.roomsPerMinute ?? 30,
    },
  };
  const router = new Router();
  const routes = [
    ...ROUTE_MODULES,
    versionRoutes(history),
    hostsRoutes(options.peers ?? []),
    ...(options.routes ?? []),
  ];
  for (const register of routes) register(router, services);
  const serveStatic = createStaticHandler(options.staticDir ?? DEFAULT_STATIC_DIR);

  const server = createServer(createRequestEntry({ router, serveStatic, origins, log }));

  let closing = false;
  server.on(
    'upgrade',
    createUpgradeEntry({
      routes: new Map([
        ['/signal', signaling.wss],
        ['/sync', sync.wss],
      ]),
      origins,
      log,
      closing: () => closing,
    }),
  );
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((done, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      fail(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${options.port ?? DEFAULT_PORT} on ${bindHost} is already in use; try --port 0 or another port.`,
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen({ port: options.port ?? DEFAULT_PORT, host: bindHost }, () => {
      server.off('error', onError);
      done();
    });
  }).catch(async (error: unknown) => {
    await Promise.allSettled([signaling.close(), sync.close()]);
    history.close();
    versions.close();
    await rooms.close();
    await cluster?.close();
    throw error;
  });

  const port = (server.address() as AddressInfo).port;
  const wildcard = isWildcardHost(bindHost);
  boundUrl = httpUrl(wildcard ? '127.0.0.1' : bindHost, port);
  const lan = wildcard ? lanUrls(port) : [];

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      const stopped = new Promise<void>((done) => server.close(() => done()));
      server.closeIdleConnections();
      await Promise.allSettled([signaling.close(), sync.close()]);
      history.close();
      versions.close();
      await rooms.close();
      await cluster?.close();
      server.closeAllConnections();
      await stopped;
    })());

  const roomsInMemory = () => ({ ...sync.roomsInMemory(), history: history.roomCount() });
  return {
    url: boundUrl,
    port,
    lanUrls: lan,
    dataDir,
    storage: cluster ? 'PostgreSQL' : 'SQLite',
    withRoomDoc: sync.withRoomDoc,
    close,
    roomsInMemory,
  };
}

/** `http://<Host header>` when the header is a plain host[:port], else undefined. */
function requestBase(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (!host || !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host)) return undefined;
  return `http://${host}`;
}
