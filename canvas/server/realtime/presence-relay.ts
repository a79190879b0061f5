import type { Connection, Document, Extension } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import { motionKey, inViewport, type RelayedPresence } from '../../../shared/sync/presence-relay';

/** Hocuspocus message type of an awareness update. */
const AWARENESS = 1;

export interface PresenceRelayOptions {
  /** One combined awareness message per room and connection at most this often (default 150). */
  intervalMs: number;
  /**
   * Motion (cursor, viewport, drag) updates per connection per interval (default 8): the people
   * a connection follows first, then those whose cursor is in its viewport, longest-waiting
   * first, and one more of everyone else's, in turn. Joins, leaves, names and selections are
   * not counted: they always go.
   */
  motionBudget: number;
  /**
   * A connection that got nothing for this long gets an empty awareness message (default 10 s):
   * the provider reconnects after 30 s without a message, and idle people send no heartbeats.
   */
  keepAliveMs: number;
}

export interface PresenceRelay extends Extension {
  /** Rooms whose presence this relay holds state for (a released room is not counted). */
  roomCount(): number;
}

interface Recipient {
  /** client id -> waiting motion update, in order of waiting (oldest first). */
  readonly stale: Map<number, true>;
  /** Client ids whose cursor this connection was last sent inside its viewport. */
  readonly shownInView: Set<number>;
  lastSentAt: number;
}

interface Room {
  readonly document: Document;
  /** Client ids changed since the last tick. */
  readonly changed: Set<number>;
  /** client id -> its state without motion fields, as last relayed (to tell motion apart). */
  readonly lastKey: Map<number, string>;
  readonly recipients: Map<Connection, Recipient>;
}

/**
 * Presence for a crowd (issue #17). Hocuspocus relays every awareness update of every client to
 * every other client at once, so each client receives N people's cursors and heartbeats: N²
 * across a room. This replaces that broadcast, per room, with one combined message per interval
 * and connection, holding each changed person's latest state once:
 *  - a change that is more than motion (someone joins, leaves, renames, selects) goes to everyone;
 *  - motion (cursor, viewport, drag) goes to a connection only within its `motionBudget` per
 *    interval: whom it follows (its presence's `follows`), then people whose cursor is in its
 *    viewport (or was, so a cursor leaving the view is seen to leave), longest-waiting first,
 *    and one of the rest in turn, so nobody's state stays stale for ever. So what a client
 *    receives per second is bounded whatever the size of the room;
 *  - a connection's own state is not echoed back to it;
 *  - idle people send no heartbeats (shared/sync/presence-relay.ts keeps them on the clients'
 *    screens), so the host keeps the entries of its live connections from timing out, and
 *    sends a quiet connection an empty message every `keepAliveMs`.
 * Hocuspocus still tracks which client ids each connection owns and removes them when the
 * connection closes; only the sending is replaced (`broadcastAwarenessUpdate` of the document).
 */
export function presenceRelay(options: Partial<PresenceRelayOptions> = {}): PresenceRelay {
  const intervalMs = options.intervalMs ?? 150;
  const motionBudget = options.motionBudget ?? 8;
  const keepAliveMs = options.keepAliveMs ?? 10_000;
  const rooms = new Map<Document, Room>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastKeepAlive = performance.now();

  const recipientOf = (room: Room, connection: Connection): Recipient => {
    let r = room.recipients.get(connection);
    if (!r) {
      // It was sent everyone's state when it joined (Hocuspocus's Connection does that).
      r = { stale: new Map(), shownInView: new Set(), lastSentAt: performance.now() };
      room.recipients.set(connection, r);
    }
    return r;
  };

  const tickRoom = (room: Room, now: number, keepAlive: boolean): void => {
    const { document } = room;
    const states = document.awareness.getStates() as Map<number, RelayedPresence | undefined>;
    const meta = document.awareness.meta;
    const connections = document.getConnections();
    // Forget connections that left.
    const live = new Set(connections);
    for (const c of room.recipients.keys()) if (!live.has(c)) room.recipients.delete(c);

    // What changed: essential changes go to everyone, motion to whom it concerns.
    const essential: number[] = [];
    const motion: number[] = [];
    for (const id of room.changed) {
      const state = states.get(id);
      if (state === undefined) {
        room.lastKey.delete(id);
        essential.push(id);
        continue;
      }
      const key = motionKey(state);
      if (room.lastKey.get(id) !== key) {
        room.lastKey.set(id, key);
        essential.push(id);
      } else motion.push(id);
    }
    room.changed.clear();

    const entries = new Map<number, Uint8Array>();
    const entryOf = (id: number): Uint8Array => {
      let bytes = entries.get(id);
      if (!bytes) {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, id);
        encoding.writeVarUint(e, meta.get(id)?.clock ?? 0);
        encoding.writeVarString(e, JSON.stringify(states.get(id) ?? null));
        entries.set(id, (bytes = encoding.toUint8Array(e)));
      }
      return bytes;
    };
    const messages = new Map<string, Uint8Array>();

    for (const connection of connections) {
      const r = recipientOf(room, connection);
      const own = document.getClients(connection) as Set<number>;
      const ownId = [...own][0];
      const me = ownId === undefined ? undefined : states.get(ownId);
      const send: number[] = [];
      for (const id of essential) {
        r.stale.delete(id);
        if (own.has(id)) continue;
        send.push(id);
        const cursor = states.get(id)?.cursor;
        if (cursor && inViewport(cursor, me?.viewport)) r.shownInView.add(id);
        else r.shownInView.delete(id);
      }
      for (const id of motion) {
        if (own.has(id)) continue;
        r.stale.delete(id); // re-queued at the end: motion waits in order of its first change
        r.stale.set(id, true);
      }
      if (r.stale.size > 0) pickMotion(r, states, me, motionBudget, send);
      if (send.length === 0) {
        if (!keepAlive || now - r.lastSentAt < keepAliveMs) continue;
      }
      r.lastSentAt = now;
      const key = `${connection.messageAddress}\n${send.join(',')}`;
      let message = messages.get(key);
      if (!message) {
        const e = encoding.createEncoder();
        encoding.writeVarString(e, connection.messageAddress);
        encoding.writeVarUint(e, AWARENESS);
        const update = encoding.createEncoder();
        encoding.writeVarUint(update, send.length);
        for (const id of send) encoding.writeUint8Array(update, entryOf(id));
        encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
        messages.set(key, (message = encoding.toUint8Array(e)));
      }
      connection.send(message);
    }

    if (keepAlive) {
      // No heartbeats: a live connection's entries stay present while it lives (Hocuspocus
      // removes them when it closes), so the host's awareness must not time them out.
      const at = Date.now();
      for (const connection of connections)
        for (const id of document.getClients(connection) as Set<number>) {
          const m = meta.get(id);
          if (m) m.lastUpdated = at;
        }
    }
  };

  const tick = () => {
    const now = performance.now();
    const keepAlive = now - lastKeepAlive >= keepAliveMs / 2;
    if (keepAlive) lastKeepAlive = now;
    for (const room of rooms.values()) {
      if (!keepAlive && room.changed.size === 0 && !hasStale(room)) continue;
      tickRoom(room, now, keepAlive);
    }
  };

  const release = (document: Document): void => {
    rooms.delete(document);
    if (rooms.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  return {
    extensionName: 'weavemap-presence-relay',
    roomCount: () => rooms.size,
    async afterLoadDocument({ document }) {
      const target = document as unknown as {
        broadcastAwarenessUpdate?: (changed: number[]) => void;
      };
      // Hocuspocus 4's one awareness broadcast: fail loudly if an upgrade renames it, rather
      // than silently relaying everything to everyone again.
      if (typeof target.broadcastAwarenessUpdate !== 'function')
        throw new Error('Hocuspocus internals changed: cannot batch presence');
      const room: Room = {
        document,
        changed: new Set(),
        lastKey: new Map(),
        recipients: new Map(),
      };
      rooms.set(document, room);
      target.broadcastAwarenessUpdate = (changed) => {
        if (!rooms.has(document)) return; // being destroyed: nobody left to tell
        for (const id of changed) room.changed.add(id);
      };
      // Unloaded (its last connection left) or the host is closing: forget the room.
      document.on('destroy', () => release(document));
      if (!timer) {
        timer = setInterval(tick, intervalMs);
        timer.unref();
      }
    },
    async onDestroy() {
      for (const document of [...rooms.keys()]) release(document);
    },
  };
}

const hasStale = (room: Room): boolean => {
  for (const r of room.recipients.values()) if (r.stale.size > 0) return true;
  return false;
};

/** Moves up to `budget` waiting motion updates from `r.stale` into `send`. */
function pickMotion(
  r: Recipient,
  states: Map<number, RelayedPresence | undefined>,
  me: RelayedPresence | undefined,
  budget: number,
  send: number[],
): void {
  const take = (id: number, inView: boolean) => {
    r.stale.delete(id);
    send.push(id);
    if (inView) r.shownInView.add(id);
    else r.shownInView.delete(id);
  };
  const viewport = me?.viewport;
  let left = budget;
  const followed = typeof me?.follows === 'number' ? me.follows : undefined;
  if (followed !== undefined && r.stale.has(followed)) {
    take(followed, inViewport(states.get(followed)?.cursor, viewport));
    left -= 1;
  }
  for (const id of [...r.stale.keys()]) {
    if (left <= 0) break;
    const inView = inViewport(states.get(id)?.cursor, viewport);
    if (inView || r.shownInView.has(id)) {
      take(id, inView);
      left -= 1;
    }
  }
  // And the longest-waiting of the rest, in turn, so that everyone's state arrives now and then.
  const oldest = r.stale.keys().next();
  if (!oldest.done) take(oldest.value, inViewport(states.get(oldest.value)?.cursor, viewport));
}
