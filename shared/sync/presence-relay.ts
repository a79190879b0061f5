import type { Awareness } from 'y-protocols/awareness';

/**
 * The presence fields the host relays at a bounded rate (canvas/server/realtime/presence-relay.ts):
 * they change continuously while someone works. Everything else in a presence state (who they
 * are, what they selected) changes now and then and always reaches everyone.
 */
export const MOTION_FIELDS = ['cursor', 'viewport', 'dragging'] as const;

/** The parts of a presence state the relay reads (it relays the whole state). */
export interface RelayedPresence {
  readonly cursor?: { readonly x: number; readonly y: number } | null;
  /**
   * The centre of the visible map (map units), the zoom, and optionally the size of the view
   * on screen (CSS pixels), so the host can tell which cursors a person can see.
   */
  readonly viewport?: {
    readonly x: number;
    readonly y: number;
    readonly k: number;
    readonly w?: number;
    readonly h?: number;
  } | null;
  /** The awareness client id whose view this person follows. */
  readonly follows?: number | null;
  readonly [field: string]: unknown;
}

/** A view size assumed for a viewport that does not say (a laptop screen). */
export const DEFAULT_VIEW = { w: 1600, h: 1000 } as const;

/** The state without its motion fields, as a string: equal keys mean only motion changed. */
export function motionKey(state: RelayedPresence): string {
  const rest: Record<string, unknown> = { ...state };
  for (const field of MOTION_FIELDS) delete rest[field];
  return JSON.stringify(rest);
}

const num = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;

/**
 * Whether a cursor is inside a viewport (with a tenth of its size as margin). Without a viewport
 * (not on the map yet) nothing is in view; without a cursor, nothing to show.
 */
export function inViewport(
  cursor: RelayedPresence['cursor'] | undefined,
  viewport: RelayedPresence['viewport'] | undefined,
): boolean {
  if (!cursor || !viewport) return false;
  const k = num(viewport.k, 1);
  const halfW = (num(viewport.w, DEFAULT_VIEW.w) / k) * 0.6;
  const halfH = (num(viewport.h, DEFAULT_VIEW.h) / k) * 0.6;
  return Math.abs(cursor.x - viewport.x) <= halfW && Math.abs(cursor.y - viewport.y) <= halfH;
}

/**
 * A client's side of host-relayed presence: idle people send no heartbeats, and the host is the
 * one that says who is here (it removes a person when their connection closes). While
 * `hostConnected()` says the host connection is up, every `everyMs` this marks every known
 * state, this client's own included, as just heard from, so that Yjs awareness neither times
 * out someone who is merely idle (30 s) nor re-sends this client's unchanged state (every 15 s).
 * When the host connection is down, awareness behaves as Yjs's does (heartbeats, timeouts), which
 * the peer mesh relies on. Returns a function that stops it.
 */
export function keepHostPresence(
  awareness: Awareness,
  hostConnected: () => boolean,
  everyMs = 5_000,
): () => void {
  const timer = setInterval(() => {
    if (!hostConnected()) return;
    const now = Date.now();
    for (const [id, meta] of awareness.meta) if (awareness.states.has(id)) meta.lastUpdated = now;
  }, everyMs);
  return () => clearInterval(timer);
}
