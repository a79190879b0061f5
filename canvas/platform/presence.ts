import type { Awareness } from 'y-protocols/awareness';
import type { LocalUser } from './identity';
import type { RoomRole } from '../../shared/sync/links';

/** What each person shares about themselves, live, through Yjs awareness. */
export interface PresenceState {
  readonly user: LocalUser;
  /** Pointer position in map units, or null when the pointer is off the map. */
  readonly cursor: { readonly x: number; readonly y: number } | null;
  readonly selection: readonly string[];
  /**
   * The centre of the visible map (map units) and the zoom, so others can follow; and the size of
   * the view in CSS pixels, so the host sends this person only the cursors they can see.
   */
  readonly viewport: {
    readonly x: number;
    readonly y: number;
    readonly k: number;
    readonly w?: number;
    readonly h?: number;
  } | null;
  /** The client id of the person this one follows (the host sends their moves first). */
  readonly follows?: number | null;
  /** An element drag in progress: ids and the offset from their stored positions. */
  readonly dragging?: {
    readonly ids: readonly string[];
    readonly dx: number;
    readonly dy: number;
  } | null;
  /**
   * What the person's link lets them do, as they say (a projector in present mode follows the
   * facilitator). Over /sync the host overwrites it with the role of the link the connection
   * authenticated with.
   */
  readonly role?: RoomRole;
}

export interface Peer extends PresenceState {
  readonly clientId: number;
}

export function initPresence(awareness: Awareness, user: LocalUser, role?: RoomRole): void {
  const state: PresenceState = {
    ...(role ? { role } : {}),
    user,
    cursor: null,
    selection: [],
    viewport: null,
    dragging: null,
  };
  awareness.setLocalState(state);
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const COLOR = /^#[0-9a-f]{6}$/i;
const MAX_NAME = 80;
const MAX_SELECTION = 500;

function point(v: unknown): { x: number; y: number } | null {
  return isRecord(v) && finite(v['x']) && finite(v['y']) ? { x: v['x'], y: v['y'] } : null;
}

/**
 * Someone else's presence as sent, checked field by field before anything shows it: another
 * client controls these bytes. A state without a valid user is dropped; a bad optional field
 * (cursor, viewport, selection, drag) becomes its empty value.
 */
export function validPresence(state: unknown): PresenceState | null {
  if (!isRecord(state) || !isRecord(state['user'])) return null;
  const u = state['user'];
  const { id, name, color } = u;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return null;
  if (typeof name !== 'string' || typeof color !== 'string' || !COLOR.test(color)) return null;
  const cleanName = name.trim().slice(0, MAX_NAME) || 'Someone';
  const vp = state['viewport'];
  const viewport =
    isRecord(vp) && finite(vp['x']) && finite(vp['y']) && finite(vp['k']) && vp['k'] > 0
      ? { x: vp['x'], y: vp['y'], k: vp['k'] }
      : null;
  const sel = state['selection'];
  const selection = Array.isArray(sel)
    ? sel.filter((x): x is string => typeof x === 'string').slice(0, MAX_SELECTION)
    : [];
  const d = state['dragging'];
  const dragging =
    isRecord(d) && Array.isArray(d['ids']) && finite(d['dx']) && finite(d['dy'])
      ? {
          ids: d['ids'].filter((x): x is string => typeof x === 'string').slice(0, MAX_SELECTION),
          dx: d['dx'],
          dy: d['dy'],
        }
      : null;
  const role = state['role'];
  return {
    ...(role === 'view' || role === 'edit' || role === 'facilitator' ? { role } : {}),
    user: { id, name: cleanName, color },
    cursor: point(state['cursor']),
    selection,
    viewport,
    dragging,
  };
}

/** Everyone else online, one entry per person (the same person in two tabs counts once). */
export function readPeers(awareness: Awareness): Peer[] {
  const byUser = new Map<string, Peer>();
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const s = validPresence(state);
    if (!s) return;
    byUser.set(s.user.id, { clientId, ...s });
  });
  return [...byUser.values()].sort((a, b) => a.user.name.localeCompare(b.user.name));
}

/**
 * Sends presence fields at most `perSecond` times a second, always delivering the latest value
 * (trailing edge), so cursors stay bounded in traffic and still end where the pointer stopped.
 *
 * It is also the one owner of this person's presence while the map is open: a transport that
 * leaves (y-webrtc clears the local state when the peer mesh is dropped during a lock, or when
 * the device goes offline) does not take the person off everyone's screen. Whenever the local
 * state is cleared by anything but the page unloading, the last state is put back, which also
 * tells everyone else again.
 */
export function throttledPresence(awareness: Awareness, perSecond = 5) {
  const interval = 1000 / perSecond;
  let last = 0;
  let pending: Partial<PresenceState> = {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  let current = awareness.getLocalState() as PresenceState | null;
  let disposed = false;
  const flush = () => {
    timer = null;
    last = Date.now();
    const cur = (awareness.getLocalState() as PresenceState | null) ?? current;
    if (!cur) return;
    current = { ...cur, ...pending };
    awareness.setLocalState(current);
    pending = {};
  };
  const onChange = ({ removed }: { removed: number[] }, origin: unknown) => {
    if (disposed || origin === 'window unload' || !current) return;
    if (removed.includes(awareness.clientID) && awareness.getLocalState() === null)
      awareness.setLocalState(current);
  };
  awareness.on('change', onChange);
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
      disposed = true;
      awareness.off('change', onChange);
      if (timer) clearTimeout(timer);
    },
  };
}
