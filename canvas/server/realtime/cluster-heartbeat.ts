import type { Extension } from '@hocuspocus/server';

/**
 * Several hosts, one map: presence of idle people on other hosts (issue #17).
 *
 * Above the mesh cap idle people send no awareness heartbeats (shared/sync/presence-relay.ts),
 * and the presence relay keeps the entries of the host's *own* connections from timing out. An
 * entry that came from another host through Redis has no connection here, so y-protocols would
 * drop it 30 s after its last change: an idle person on host A vanished from the screens of
 * host B's people. Re-sending the entries would not help (an awareness entry is only renewed by
 * a higher clock, and the clock is the client's).
 *
 * So each host announces, every `intervalMs`, the client ids of its own connections per room
 * (one small message on one channel for the whole host), and each host renews the entries it
 * holds for the ids another host announces. While the origin host lives, its people stay; when
 * it dies (kill -9: no "left" messages), its announcements stop and y-protocols' own timeout
 * removes its people 30 s later, unless they reconnect to another host first.
 */

/** The part of a room's awareness (y-protocols) the heartbeat reads and renews. */
export interface HeartbeatAwareness {
  readonly states: ReadonlyMap<number, unknown>;
  readonly meta: ReadonlyMap<number, { clock: number; lastUpdated: number }>;
}

export interface HeartbeatRoom {
  readonly awareness: HeartbeatAwareness;
  /** Client ids of this host's own connections to the room. */
  ownClients(): Iterable<number>;
}

export interface ClusterHeartbeatOptions {
  /** This host, unique in the cluster: its own announcements come back and are ignored. */
  hostId: string;
  /** Sends an announcement to every host (Redis PUBLISH). */
  publish(message: string): void;
  /** The awareness clock (y-protocols uses the wall clock: `Date.now`). */
  now?: () => number;
}

/** What a host announces: `{host, rooms: {roomName: [clientId, ...]}}`. */
interface Announcement {
  host: string;
  rooms: Record<string, number[]>;
}

/** Announcements larger than this are not read (a host announces a few ids per room). */
const MAX_ANNOUNCEMENT_CHARS = 4 * 1024 * 1024;

export class ClusterHeartbeat {
  private readonly rooms = new Map<string, HeartbeatRoom>();
  private readonly now: () => number;

  constructor(private readonly options: ClusterHeartbeatOptions) {
    this.now = options.now ?? Date.now;
  }

  add(name: string, room: HeartbeatRoom): void {
    this.rooms.set(name, room);
  }

  /** Forgets a room (only `room`, when given: a room reloaded since is kept). */
  remove(name: string, room?: HeartbeatRoom): void {
    if (room === undefined || this.rooms.get(name) === room) this.rooms.delete(name);
  }

  roomCount(): number {
    return this.rooms.size;
  }

  /** Announces this host's connections' client ids, room by room (nothing when it has none). */
  announce(): void {
    const rooms: Record<string, number[]> = {};
    let any = false;
    for (const [name, room] of this.rooms) {
      const ids = [...room.ownClients()];
      if (ids.length === 0) continue;
      rooms[name] = ids;
      any = true;
    }
    if (!any) return;
    const message: Announcement = { host: this.options.hostId, rooms };
    this.options.publish(JSON.stringify(message));
  }

  /** Renews the entries another host's announcement names (its people are still there). */
  receive(text: string): void {
    const message = parseAnnouncement(text);
    if (!message || message.host === this.options.hostId) return;
    const at = this.now();
    for (const [name, ids] of Object.entries(message.rooms)) {
      const room = this.rooms.get(name);
      if (!room || !Array.isArray(ids)) continue;
      const own = new Set(room.ownClients());
      for (const id of ids) {
        if (typeof id !== 'number' || own.has(id) || !room.awareness.states.has(id)) continue;
        const meta = room.awareness.meta.get(id);
        if (meta) meta.lastUpdated = at;
      }
    }
  }
}

function parseAnnouncement(text: string): Announcement | undefined {
  if (text.length > MAX_ANNOUNCEMENT_CHARS) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Announcement> | null;
    if (
      typeof value?.host !== 'string' ||
      typeof value.rooms !== 'object' ||
      value.rooms === null ||
      Array.isArray(value.rooms)
    )
      return undefined;
    return value as Announcement;
  } catch {
    return undefined;
  }
}

export interface ClusterHeartbeatExtension extends Extension {
  /** Feed it every message of the heartbeat channel (this host's own are ignored). */
  readonly heartbeat: ClusterHeartbeat;
}

/**
 * The heartbeat as a Hocuspocus extension: a room is added when loaded and removed when its
 * document is destroyed (unloaded); every `intervalMs` (default 10 s, a third of y-protocols'
 * 30 s timeout) the host announces its connections through `publish`.
 */
export function clusterHeartbeat(options: {
  hostId: string;
  publish(message: string): void;
  intervalMs?: number;
}): ClusterHeartbeatExtension {
  const heartbeat = new ClusterHeartbeat({ hostId: options.hostId, publish: options.publish });
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    extensionName: 'weavemap-cluster-heartbeat',
    heartbeat,
    async afterLoadDocument({ documentName, document }) {
      const room: HeartbeatRoom = {
        awareness: document.awareness,
        *ownClients() {
          for (const connection of document.getConnections())
            yield* document.getClients(connection) as Set<number>;
        },
      };
      heartbeat.add(documentName, room);
      document.on('destroy', () => heartbeat.remove(documentName, room));
      if (!timer) {
        timer = setInterval(() => heartbeat.announce(), options.intervalMs ?? 10_000);
        timer.unref();
      }
    },
    async onDestroy() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
