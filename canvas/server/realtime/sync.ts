import type { IncomingMessage } from 'node:http';
import type { DocumentStore } from './document-store';
import { RoomDocuments } from './room-documents';
import type {
  Connection,
  Document,
  Extension,
  onAuthenticatePayload,
  WebSocketLike,
} from '@hocuspocus/server';
import { Hocuspocus, OutgoingMessage } from '@hocuspocus/server';
import type { RawData } from 'ws';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { isMapLocked, sessionMap } from '../../../shared/session/layout';
import type { Logger } from '../log';
import { isRoomId } from '../rooms/secrets';
import type { Role, RoomDirectory } from '../rooms/store';
import { contractExtension } from './contract';
import { keepAlive } from './keepalive';
import { migrateOnLoad } from './migrate-on-load';
import { presenceGuard } from './presence-guard';
import { presenceRelay, type PresenceRelayOptions } from './presence-relay';
import { closeServer } from './signaling';

export interface SyncOptions {
  /** Where room documents are stored: an SQLite file, or a shared store (PostgreSQL). */
  documents: string | DocumentStore;
  /**
   * Extensions that share rooms with other hosts (the Redis extension). Their priority must
   * place their `onStoreDocument` after the room documents' (see createClusterExtension).
   */
  cluster?: Extension[];
  rooms: RoomDirectory;
  log: Logger;
  /** Largest Hocuspocus message accepted; a bigger one closes the socket (default 32 MiB). */
  maxMessageBytes: number;
  /**
   * Largest WebSocket frame accepted before the socket has authenticated, and from view links
   * (default 128 KiB: a token, a sync step 1 and presence fit easily). Only edit and facilitator
   * links get `maxMessageBytes`. See `frameLimits`.
   */
  maxPreAuthMessageBytes?: number;
  /** WebSocket ping interval; a socket that misses a pong is closed. */
  keepAliveMs: number;
  /**
   * Hocuspocus's timeout (default 60 s, as Hocuspocus): a socket that has not authenticated by
   * then is closed. An authenticated one that answers pings stays, however quiet (see
   * `keepQuietPeople`).
   */
  idleTimeoutMs?: number;
  /** More Hocuspocus extensions (the history recorder). */
  extensions?: Extension[];
  /** Log every update before acknowledging it (default true; off only for the benchmark). */
  durableLog?: boolean;
  /**
   * Presence batched per room and interval (default on; see presence-relay.ts). `false` relays
   * every awareness update to everyone at once, as Hocuspocus does: the load harness's baseline.
   */
  presenceRelay?: Partial<PresenceRelayOptions> | false;
}

/** What `onAuthenticate` adds to a connection's context. */
export interface SyncContext {
  role: Role;
}

/** Why a /sync connection was refused, sent to the client as the permission-denied reason. */
export type SyncRefusal = 'unknown-room' | 'invalid-secret';

export interface SyncServer {
  hocuspocus: Hocuspocus<SyncContext>;
  wss: WebSocketServer;
  /**
   * Opens the server's live copy of a room's document, runs `fn` on it and stores the result
   * before resolving. Write inside `doc.transact(fn, origin)`. Rejects with RoomNotFoundError
   * for an unknown room and HostClosingError once close() has begun.
   */
  withRoomDoc<T>(roomId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
  /** Stops accepting, closes every connection, writes every loaded document, closes the store. */
  close(): Promise<void>;
  /**
   * How many rooms each part of the host holds in memory: Hocuspocus's documents, the stored
   * documents' watches, the contract's shadow copies, the presence relay's rooms. A room nobody
   * is connected to is unloaded and released by all of them.
   */
  roomsInMemory(): { documents: number; storage: number; contract: number; presence: number };
}

/** Thrown by `withRoomDoc` for a room that does not exist. */
export class RoomNotFoundError extends Error {
  constructor(roomId: string) {
    super(`No room ${JSON.stringify(roomId)}.`);
  }
}

/** Thrown by `withRoomDoc` once the host has started shutting down (answer 503). */
export class HostClosingError extends Error {
  constructor() {
    super('The host is shutting down.');
  }
}

/**
 * Hocuspocus at /sync: the document name is the room id, the token is one of the room's
 * secrets. A view secret gets a read-only connection (Hocuspocus drops its document updates);
 * edit and facilitator secrets read and write. Rooms persist to SQLite or PostgreSQL (RoomDocuments).
 */
export function createSyncServer(options: SyncOptions): SyncServer {
  const { rooms, log } = options;
  const documents = new RoomDocuments(options.documents, {
    durableLog: options.durableLog ?? true,
    onError: (message, error) => log.error(message, error),
  });
  const mapLock = mapLockExtension();
  const contract = contractExtension(log);
  const presence = presenceGuard(log);
  const relay = options.presenceRelay === false ? [] : [presenceRelay(options.presenceRelay ?? {})];
  const roomsInMemory = () => ({
    documents: hocuspocus.documents.size,
    storage: documents.watchedRooms,
    contract: contract.roomCount(),
    presence: relay[0]?.roomCount() ?? 0,
  });
  const limits = frameLimits(
    options.maxPreAuthMessageBytes ?? DEFAULT_PRE_AUTH_BYTES,
    options.maxMessageBytes,
  );
  let closing = false;
  const inFlight = new Set<Promise<unknown>>();

  const hocuspocus = new Hocuspocus<SyncContext>({
    name: 'weavemap',
    quiet: true,
    ...(options.idleTimeoutMs !== undefined ? { timeout: options.idleTimeoutMs } : {}),
    // What an unauthenticated socket may have queued: a few of its small frames.
    maxUnauthenticatedQueueSize: 4 * limits.preAuth,
    extensions: [
      documents,
      ...(options.cluster ?? []),
      migrateOnLoad(log),
      mapLock,
      contract,
      presence,
      ...relay,
      ...(options.extensions ?? []),
      // Last (lowest priority): logs what the extensions above let through.
      documents.logExtension,
    ],
    async onAuthenticate({
      token,
      documentName,
      connectionConfig,
      request,
    }: onAuthenticatePayload<SyncContext>) {
      // Thrown values carry `reason` (sent to the client) and no `message`, so Hocuspocus
      // does not print a stack for an ordinary refusal.
      if (closing) throw { reason: 'server-closing' };
      if (!isRoomId(documentName)) throw refusal('unknown-room');
      const auth = await rooms.authenticate(documentName, token);
      if (!auth)
        throw refusal((await rooms.exists(documentName)) ? 'invalid-secret' : 'unknown-room');
      connectionConfig.readOnly = auth.role === 'view';
      limits.authenticated(request, auth.role);
      return { role: auth.role } satisfies SyncContext;
    },
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.preAuth,
    perMessageDeflate: false,
  });
  const stopKeepAlive = keepAlive(wss, options.keepAliveMs);

  wss.on('connection', (ws, req: IncomingMessage) => {
    const request = toFetchRequest(req);
    limits.track(request, ws);
    const client = hocuspocus.handleConnection(ws as unknown as WebSocketLike, request);
    keepQuietPeople(ws, client, log);
    ws.on('message', (data: RawData) => client.handleMessage(toBytes(data)));
    ws.on('close', (code, reason) => client.handleClose({ code, reason: reason.toString('utf8') }));
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        log.warn(`sync: refused a message over ${limits.of(ws)} bytes; the connection was closed`);
        // Drop the socket now: the sender is still pushing the rest of its frame, so it would
        // not answer the closing handshake, and the socket would linger for ws's 30 s timeout.
        ws.terminate();
      } else {
        log.warn(`sync: socket error: ${error.message}`);
      }
    });
  });

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    const forget = () => inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  };

  const withRoomDoc = <T>(roomId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(new HostClosingError());
    return track(
      (async () => {
        if (!(await rooms.exists(roomId))) throw new RoomNotFoundError(roomId);
        const connection = await hocuspocus.openDirectConnection(roomId, { role: 'edit' });
        try {
          return await fn(connection.document as Y.Doc);
        } finally {
          await connection.disconnect();
        }
      })(),
    );
  };

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      stopKeepAlive();
      // Let every message already received be applied before the sockets go.
      const pending: Promise<void>[] = [];
      for (const document of hocuspocus.documents.values()) {
        for (const connection of document.getConnections())
          pending.push(connection.waitForPendingMessages());
      }
      hocuspocus.closeConnections();
      await closeServer(wss);
      await Promise.allSettled(pending);
      await Promise.allSettled([...inFlight]);
      await Promise.allSettled([...hocuspocus.loadingDocuments.values()]);
      await storeEverything(hocuspocus, documents, log);
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      await documents.close();
    })());

  return { hocuspocus, wss, withRoomDoc, close, roomsInMemory };
}

const refusal = (reason: SyncRefusal) => ({ reason });

/**
 * Hocuspocus closes a socket (4408 "Connection Timeout") when nothing came from it for its
 * `timeout`, counting only messages. But in a crowd, idle people send nothing (no awareness
 * heartbeats above the mesh cap: shared/sync/connection.ts `keepHostPresence`), so every quiet
 * person was disconnected each minute and joined again with a full sync: with 1,000 rooms of
 * 5 the host spent its time re-syncing thousands of reconnecting people (the load harness saw
 * 4,635 such closes in a 1,000-room run). Liveness is what `keepAlive` checks with WebSocket
 * pings, which every browser answers: a pong counts as hearing from the person. Before it
 * authenticates, Hocuspocus measures from the connection's start, so a stranger's socket still
 * times out.
 */
function keepQuietPeople(ws: WebSocket, client: unknown, log: Logger): void {
  const c = client as { lastMessageReceivedAt?: unknown };
  if (typeof c.lastMessageReceivedAt !== 'number') {
    log.error('Hocuspocus internals changed: quiet people will time out of /sync');
    return;
  }
  ws.on('pong', () => (c.lastMessageReceivedAt = Date.now()));
}

const DEFAULT_PRE_AUTH_BYTES = 128 * 1024;

/**
 * Frame limits in two stages. `ws` checks a frame's declared length against the receiver's
 * `maxPayload` as soon as the frame header arrives, before buffering any of it, and closes the
 * socket (1009) when it is over. The server's `maxPayload` is the small pre-authentication
 * limit, so a stranger cannot make the host buffer 32 MiB per socket; once a socket has
 * authenticated as an edit or facilitator link, its receiver's limit is raised to the
 * big-document one. ws has no public API for a per-socket limit: this sets the receiver's
 * `_maxPayload` (ws 8), and checks that the field is there so that a ws upgrade that renames it
 * fails loudly in the tests rather than silently keeping every socket small.
 */
function frameLimits(preAuth: number, full: number) {
  const sockets = new WeakMap<Request, WebSocket>();
  const raised = new WeakSet<WebSocket>();
  return {
    preAuth,
    track(request: Request, ws: WebSocket): void {
      sockets.set(request, ws);
    },
    authenticated(request: Request, role: Role): void {
      const ws = sockets.get(request);
      if (!ws || role === 'view') return;
      const receiver = (ws as unknown as { _receiver?: { _maxPayload?: number } })._receiver;
      if (typeof receiver?._maxPayload !== 'number')
        throw new Error('ws internals changed: cannot raise the frame limit after authentication');
      receiver._maxPayload = full;
      raised.add(ws);
    },
    of(ws: WebSocket): number {
      return raised.has(ws) ? full : preAuth;
    },
  };
}

/**
 * The whole-map lock, enforced here: while `session.locked` is true in a room's document, a
 * connection holding only the edit secret is read-only (Hocuspocus answers its updates "not
 * applied" and neither stores nor relays them); facilitators keep writing. Read-only-ness is
 * decided afresh before every sync message, so it follows the lock live. When the lock lifts,
 * connections that were refused are asked to sync again (a sync step 1 from the host), so what
 * they wrote during the lock arrives then, as after an offline spell, rather than leaving their
 * later updates waiting on a missing one. Once that sync is in, the host also acknowledges each
 * update it refused during the lock: the client counts unacknowledged updates ("Saving…") and
 * would otherwise keep counting them although the host now has them all.
 */
function mapLockExtension(): Extension {
  /** Connections refused during the lock, with how many of their updates were refused. */
  const refused = new WeakMap<Connection<SyncContext>, number>();
  return {
    extensionName: 'weavemap-map-lock',
    async beforeSync({ connection, document, type }) {
      const role = (connection.context as SyncContext | undefined)?.role;
      const locked = role === 'edit' && isMapLocked(document);
      connection.readOnly = role === 'view' || locked;
      // 1: sync step 2, 2: update; step 1 (0) only asks for the host's state.
      if (locked && type !== 0) {
        refused.set(connection, (refused.get(connection) ?? 0) + (type === 2 ? 1 : 0));
      } else if (!locked && type === 1 && refused.has(connection)) {
        // The step 2 answering the host's request after the unlock: it carries everything.
        const count = refused.get(connection) ?? 0;
        refused.delete(connection);
        const ack = new OutgoingMessage(connection.messageAddress)
          .writeSyncStatus(true)
          .toUint8Array();
        // The host's ack of this step 2 stands for one of them.
        for (let i = 1; i < count; i++) connection.send(ack);
      }
    },
    async afterLoadDocument({ document }) {
      sessionMap(document).observe((event) => {
        if (!event.keysChanged.has('locked') || isMapLocked(document)) return;
        for (const connection of document.getConnections()) {
          if (!refused.has(connection)) continue;
          connection.send(
            new OutgoingMessage(connection.messageAddress)
              .createSyncMessage()
              .writeFirstSyncStepFor(document)
              .toUint8Array(),
          );
        }
      });
    },
  };
}

/**
 * Runs any debounced store now, then writes every document still in memory once more, each
 * under its save lock, so that nothing received before shutdown is lost.
 */
async function storeEverything(
  hocuspocus: Hocuspocus<SyncContext>,
  rooms: RoomDocuments,
  log: Logger,
): Promise<void> {
  const documents: Document[] = [...hocuspocus.documents.values()];
  await Promise.allSettled(
    documents.map(async (document) => {
      const debounceId = `onStoreDocument-${document.name}`;
      if (hocuspocus.debouncer.isDebounced(debounceId)) {
        await hocuspocus.debouncer.executeNow(debounceId);
      }
      try {
        await document.saveMutex.runExclusive(() => rooms.compact(document.name, document));
      } catch (error) {
        log.error(`sync: could not store room ${document.name} at shutdown`, error);
      }
    }),
  );
}

const toBytes = (data: RawData): Uint8Array => {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
};

/** Hocuspocus hooks expect a Fetch `Request`; build one from the upgrade request. */
function toFetchRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // A header the Fetch API refuses is not needed by any hook.
    }
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  return new Request(url, { headers });
}
