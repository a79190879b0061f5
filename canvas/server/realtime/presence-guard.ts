import type { Connection, Document, Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { sanitizePresence } from '../../../shared/sync/presence';
import type { Logger } from '../log';

/** Hocuspocus message type of an awareness update. */
const AWARENESS = 1;

export interface PresenceGuardOptions {
  /** Awareness messages a connection may send a second, on average (default 10). */
  perSecond: number;
  /** ... and in a burst (default 30). */
  burst: number;
}

interface Claimed {
  /** The client ids this message sets (state) or clears (null). */
  readonly entries: ReadonlyMap<number, unknown>;
  readonly overLimit: boolean;
}

const isView = (connection: Connection): boolean =>
  (connection.context as { role?: string } | undefined)?.role === 'view';

/** Reads the client ids and states of an awareness message, or null if it is not one. */
function readAwareness(message: Uint8Array): Map<number, unknown> | null {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== AWARENESS) return null;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const entries = new Map<number, unknown>();
    const count = decoding.readVarUint(update);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(update);
      decoding.readVarUint(update); // clock
      entries.set(clientId, JSON.parse(decoding.readVarString(update)) as unknown);
    }
    return entries;
  } catch {
    // Malformed: Hocuspocus fails on it too; nothing of it is relayed.
    return new Map();
  }
}

/**
 * Presence is a person's own (docs/architecture.md, "Threat model"). Every awareness update a
 * /sync connection sends is filtered before Hocuspocus applies and relays it:
 *  - a connection may set and clear only its own entry: the first awareness client id it uses
 *    is bound to it (and to no other connection of the room); entries for any other id, from
 *    any link, view links included, are dropped;
 *  - its state must pass `sanitizePresence`: a string name and a hex colour, or it is dropped;
 *    malformed cursor, viewport, selection or drag fields are cleared;
 *  - its `role` is set to the role of the link it authenticated with (a projector in present
 *    mode follows the facilitator: a participant cannot pass for one over /sync);
 *  - it may send `perSecond` updates a second on average (bursts of `burst`); the rest are
 *    dropped. (Clients send at most 5 a second, and one every 15 s to stay alive.)
 *  - a view link's cursor and drag are cleared: view links send no cursor.
 * Hocuspocus re-encodes the update from the filtered states, which loses the "cleared" entries;
 * a connection's own clear is applied here.
 */
export function presenceGuard(log: Logger, options: Partial<PresenceGuardOptions> = {}): Extension {
  const perSecond = options.perSecond ?? 10;
  const burst = options.burst ?? 30;
  const claimed = new WeakMap<Connection, Claimed>();
  const ownId = new WeakMap<Connection, number>();
  const owners = new WeakMap<Document, Map<number, Connection>>();
  const buckets = new WeakMap<Connection, { tokens: number; at: number }>();
  /** What each connection has been warned about already (one log line per kind of problem). */
  const warned = new WeakMap<Connection, Set<string>>();

  const allow = (connection: Connection): boolean => {
    const now = performance.now();
    const bucket = buckets.get(connection) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    buckets.set(connection, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };

  /** Whether `clientId` is this connection's own, binding it if the connection has none yet. */
  const isOwn = (document: Document, connection: Connection, clientId: number): boolean => {
    const bound = ownId.get(connection);
    if (bound !== undefined) return bound === clientId;
    let byId = owners.get(document);
    if (!byId) owners.set(document, (byId = new Map()));
    const owner = byId.get(clientId);
    if (owner && owner !== connection && document.hasConnection(owner)) return false;
    byId.set(clientId, connection);
    ownId.set(connection, clientId);
    return true;
  };

  /** Null when the state may be relayed (malformed optional fields cleared), else why not. */
  const validate = (state: unknown): string | null => {
    const result = sanitizePresence(state);
    return result.ok ? null : result.problem;
  };

  const refuse = (connection: Connection, document: Document, why: string): void => {
    const kinds = warned.get(connection) ?? new Set<string>();
    warned.set(connection, kinds);
    if (kinds.has(why) || kinds.size > 10) return;
    kinds.add(why);
    log.warn(`sync: dropped presence from a connection to room ${document.name}: ${why}`);
  };

  return {
    extensionName: 'weavemap-presence',
    async beforeHandleMessage({ connection, update }) {
      const entries = readAwareness(update);
      if (entries) claimed.set(connection, { entries, overLimit: !allow(connection) });
    },
    async beforeHandleAwareness({ connection, document, states }) {
      if (!connection) return; // the host's own presence (none today)
      const claim = claimed.get(connection);
      claimed.delete(connection);
      for (const [clientId, state] of [...states]) {
        // Entries the message did not carry (Hocuspocus's own scratch entry) are dropped quietly.
        if (claim && !claim.overLimit && !claim.entries.has(clientId)) {
          states.delete(clientId);
          continue;
        }
        const problem =
          !claim || claim.overLimit
            ? 'more presence updates than the rate limit'
            : !isOwn(document, connection, clientId)
              ? `it tried to set presence for another client (${clientId})`
              : validate(state);
        if (problem === null) {
          // The role a person shows is the one their link gave them, never their own claim.
          const role = (connection.context as { role?: unknown } | undefined)?.role;
          if (typeof role === 'string' && state && typeof state === 'object')
            (state as Record<string, unknown>)['role'] = role;
          // View links show no cursor: they only watch (and cannot drag).
          if (isView(connection) && state !== null && typeof state === 'object') {
            const s = state as Record<string, unknown>;
            if (s['cursor'] != null) s['cursor'] = null;
            if (s['dragging'] != null) s['dragging'] = null;
          }
          continue;
        }
        states.delete(clientId);
        refuse(connection, document, problem);
      }
      if (!claim || claim.overLimit) return;
      for (const [clientId, state] of claim.entries) {
        if (state !== null || ownId.get(connection) !== clientId) continue;
        if (document.awareness.getStates().has(clientId))
          removeAwarenessStates(document.awareness, [clientId], {
            source: 'connection',
            connection,
          });
      }
    },
  };
}
