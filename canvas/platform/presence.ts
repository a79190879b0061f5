import type { Awareness } from 'y-protocols/awareness';
import type { LocalUser } from './identity';

/** What each person shares about themselves, live, through Yjs awareness. */
export interface PresenceState {
  readonly user: LocalUser;
  /** Pointer position in map units, or null when the pointer is off the map. */
  readonly cursor: { readonly x: number; readonly y: number } | null;
  readonly selection: readonly string[];
  /** The centre of the visible map (map units) and the zoom, so others can follow. */
  readonly viewport: { readonly x: number; readonly y: number; readonly k: number } | null;
  /** An element drag in progress: ids and the offset from their stored positions. */
  readonly dragging?: {
    readonly ids: readonly string[];
    readonly dx: number;
    readonly dy: number;
  } | null;
}

export interface Peer extends PresenceState {
  readonly clientId: number;
}

export function initPresence(awareness: Awareness, user: LocalUser): void {
  const state: PresenceState = {
    user,
    cursor: null,
    selection: [],
    viewport: null,
    dragging: null,
  };
  awareness.setLocalState(state);
}

/** Everyone else online, one entry per person (the same person in two tabs counts once). */
export function readPeers(awareness: Awareness): Peer[] {
  const byUser = new Map<string, Peer>();
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const s = state as Partial<PresenceState>;
    if (!s.user || typeof s.user.id !== 'string') return;
    byUser.set(s.user.id, {
      clientId,
      user: s.user,
      cursor: s.cursor ?? null,
      selection: Array.isArray(s.selection) ? s.selection : [],
      viewport: s.viewport ?? null,
      dragging: s.dragging ?? null,
    });
  });
  return [...byUser.values()].sort((a, b) => a.user.name.localeCompare(b.user.name));
}

/**
 * Sends presence fields at most `perSecond` times a second, always delivering the latest value
 * (trailing edge), so cursors stay bounded in traffic and still end where the pointer stopped.
 */
export function throttledPresence(awareness: Awareness, perSecond = 5) {
  const interval = 1000 / perSecond;
  let last = 0;
  let pending: Partial<PresenceState> = {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    last = Date.now();
    const cur = awareness.getLocalState() as PresenceState | null;
    if (!cur) return;
    awareness.setLocalState({ ...cur, ...pending });
    pending = {};
  };
  return {
    set(fields: Partial<PresenceState>, immediate = false) {
      pending = { ...pending, ...fields };
      const wait = interval - (Date.now() - last);
      if (immediate || wait <= 0) {
        if (timer) clearTimeout(timer);
        flush();
      } else if (!timer) timer = setTimeout(flush, wait);
    },
    dispose() {
      if (timer) clearTimeout(timer);
    },
  };
}
