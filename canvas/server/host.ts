import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join, resolve } from 'node:path';
import type * as Y from 'yjs';
import { HttpError, sendError, sendJson } from './http/json';
import { Router } from './http/router';
import { createStaticHandler } from './http/static';
import { createHistory } from './history/recorder';
import { VersionStore } from './history/store';
import { httpUrl, isWildcardHost, lanUrls } from './lan';
import type { Logger } from './log';
import { createConsoleLogger } from './log';
import { DATABASE_FILE, DEFAULT_DATA_DIR, DEFAULT_STATIC_DIR } from './paths';
import type { SignalingOptions } from './realtime/signaling';
import { createSignalingServer } from './realtime/signaling';
import { createSyncServer, HostClosingError, RoomNotFoundError } from './realtime/sync';
import { RoomStore } from './rooms/store';
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
  /** Largest JSON request body (default 1 MiB). */
  maxBodyBytes?: number;
  /** Largest /sync message (default 32 MiB). */
  maxSyncMessageBytes?: number;
  /** Rooms one client address may create per minute (default 30). */
  roomsPerMinute?: number;
  /** WebSocket ping interval for /signal and /sync (default 30 s). */
  keepAliveMs?: number;
  /** Limits of the signaling relay. */
  signaling?: Partial<SignalingOptions>;
  /** Extra route modules (after the built-in ones). */
  routes?: readonly RouteModule[];
  /** Room history: automatic versions after this much activity (default 3 minutes), how many kept. */
  history?: { autoIntervalMs?: number; maxAutoVersions?: number };
  /** Log every /sync update to SQLite before acknowledging it (default true; the bench turns it off). */
  durableLog?: boolean;
}

export interface Host {
  /** `http://127.0.0.1:<port>/` (the loopback URL when bound to every interface). */
  url: string;
  port: number;
  /** `http://<lan address>:<port>/` for each external IPv4 address, when bound to every interface. */
  lanUrls: string[];
  dataDir: string;
  /** The server's live document of a room (see SyncServer.withRoomDoc). */
  withRoomDoc<T>(roomId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
  /** Stops accepting, closes every socket, writes every pending change to SQLite, closes it. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 5178;
export const DEFAULT_HOST = '127.0.0.1';
export const MiB = 1024 * 1024;

/** Starts the Weavemap host: static canvas, /api, /signal and /sync on one port. */
export async function startHost(options: HostOptions = {}): Promise<Host> {
  const log = options.logger ?? createConsoleLogger(options.quiet ?? false);
  const bindHost = options.host ?? DEFAULT_HOST;
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const databaseFile = join(dataDir, DATABASE_FILE);
  const keepAliveMs = options.keepAliveMs ?? 30_000;

  const rooms = new RoomStore(databaseFile);
  const versions = new VersionStore(databaseFile, options.history?.maxAutoVersions);
  const history = createHistory({
    store: versions,
    log,
    ...(options.history?.autoIntervalMs !== undefined
      ? { autoIntervalMs: options.history.autoIntervalMs }
      : {}),
  });
  const signaling = createSignalingServer(log, { keepAliveMs, ...options.signaling });
  const sync = createSyncServer({
    databaseFile,
    rooms,
    log,
    maxMessageBytes: options.maxSyncMessageBytes ?? 32 * MiB,
    keepAliveMs,
    extensions: [history.extension],
    ...(options.durableLog === false ? { durableLog: false } : {}),
  });

  let boundUrl = '';
  const services: HostServices = {
    rooms,
    log,
    withRoomDoc: sync.withRoomDoc,
    baseUrl: (req) =>
      options.publicUrl?.replace(/\/+$/, '') ?? requestBase(req) ?? boundUrl.replace(/\/$/, ''),
    limits: {
      maxBodyBytes: options.maxBodyBytes ?? MiB,
      roomsPerMinute: options.roomsPerMinute ?? 30,
    },
  };
  const router = new Router();
  for (const register of [...ROUTE_MODULES, versionRoutes(history), ...(options.routes ?? [])])
    register(router, services);
  const serveStatic = createStaticHandler(options.staticDir ?? DEFAULT_STATIC_DIR);

  const server = createServer((req, res) => {
    void handleRequest(req, res);
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/api' || url.pathname.startsWith('/api/'))
        await router.handle(req, res, url);
      else await serveStatic(req, res, url);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        sendError(res, error);
      } else if (error instanceof RoomNotFoundError) {
        sendError(res, new HttpError(404, 'No such room.'));
      } else if (error instanceof HostClosingError) {
        sendError(res, new HttpError(503, error.message, undefined, { 'Retry-After': '5' }));
      } else {
        log.error(`${req.method ?? ''} ${url.pathname} failed`, error);
        sendJson(res, 500, { error: 'Internal error; see the host log.' });
      }
    }
  }

  let closing = false;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const target = closing
      ? undefined
      : path === '/signal'
        ? signaling.wss
        : path === '/sync'
          ? sync.wss
          : undefined;
    if (!target) {
      socket.end(
        `HTTP/1.1 ${closing ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    target.handleUpgrade(req, socket, head, (ws) => target.emit('connection', ws, req));
  });
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
    rooms.close();
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
      rooms.close();
      server.closeAllConnections();
      await stopped;
    })());

  return { url: boundUrl, port, lanUrls: lan, dataDir, withRoomDoc: sync.withRoomDoc, close };
}

/** `http://<Host header>` when the header is a plain host[:port], else undefined. */
function requestBase(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (!host || !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host)) return undefined;
  return `http://${host}`;
}
