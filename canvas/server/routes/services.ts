import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { HeavyReads } from '../http/heavy-reads';
import type { Router } from '../http/router';
import type { Logger } from '../log';
import type { RoomDirectory } from '../rooms/store';

/** What a route module may use. New host features add their routes through this. */
export interface HostServices {
  rooms: RoomDirectory;
  log: Logger;
  /** The server's live document of a room, stored after `fn` (see SyncServer.withRoomDoc). */
  withRoomDoc<T>(roomId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
  /** `http://host:port` the client used to reach us (or the configured public URL), for links. */
  baseUrl(req: IncomingMessage): string;
  /** Bounds reads that scan or decode a whole room (per-room concurrency, time budget). */
  heavyReads: HeavyReads;
  limits: {
    /** Largest JSON request body, in bytes. */
    maxBodyBytes: number;
    /** Rooms one client address may create per minute. */
    roomsPerMinute: number;
  };
}

/** A route module registers its endpoints on the router. */
export type RouteModule = (router: Router, services: HostServices) => void;
