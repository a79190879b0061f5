import { LIMITS } from '../schema/limits';

/**
 * The presence a person shares through Yjs awareness (what canvas/platform/presence.ts writes),
 * checked field by field: the host relays only presence that passes, and clients can show only
 * what passes. Fields this version does not know are allowed within the size cap.
 */
export const PRESENCE_LIMITS = {
  nameChars: 100,
  idChars: 64,
  selection: 1_000,
  /** Largest presence state, as JSON. */
  stateBytes: 16 * 1024,
} as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCoordinate = (v: unknown): boolean =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= LIMITS.coordinate;
const isId = (v: unknown): boolean =>
  typeof v === 'string' && v.length > 0 && v.length <= PRESENCE_LIMITS.idChars;
const isIdList = (v: unknown): boolean =>
  Array.isArray(v) && v.length <= PRESENCE_LIMITS.selection && v.every(isId);

/**
 * A presence state made safe to show, or why it cannot be: a state that is not a record, is too
 * large, or names its person badly is refused; a field that is malformed (a cursor at 1e300, a
 * viewport of NaNs measured before layout) is cleared, so the person still shows. Returns the
 * fields it cleared. Mutates `state`.
 */
export function sanitizePresence(
  state: unknown,
): { ok: true; cleared: string[] } | { ok: false; problem: string } {
  if (!isObject(state)) return { ok: false, problem: 'Presence must be a record.' };
  let size: number;
  try {
    size = JSON.stringify(state).length;
  } catch {
    return { ok: false, problem: 'Presence must be plain data.' };
  }
  if (size > PRESENCE_LIMITS.stateBytes) return { ok: false, problem: 'Presence is too large.' };
  const { user } = state;
  if (user !== undefined) {
    if (!isObject(user)) return { ok: false, problem: 'user must be a record.' };
    if (!isId(user.id)) return { ok: false, problem: 'user.id must be a short id.' };
    if (typeof user.name !== 'string' || user.name.length > PRESENCE_LIMITS.nameChars)
      return {
        ok: false,
        problem: `user.name must be text of at most ${PRESENCE_LIMITS.nameChars} characters.`,
      };
    if (
      user.color !== undefined &&
      (typeof user.color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(user.color))
    )
      return { ok: false, problem: 'user.color must look like #1f77b4.' };
  }
  const cleared: string[] = [];
  const { cursor, selection, viewport, dragging } = state;
  if (
    cursor !== undefined &&
    cursor !== null &&
    (!isObject(cursor) || !isCoordinate(cursor.x) || !isCoordinate(cursor.y))
  )
    cleared.push('cursor');
  if (selection !== undefined && !isIdList(selection)) {
    state.selection = [];
    cleared.push('selection');
  }
  if (
    viewport !== undefined &&
    viewport !== null &&
    (!isObject(viewport) ||
      !isCoordinate(viewport.x) ||
      !isCoordinate(viewport.y) ||
      !isCoordinate(viewport.k) ||
      (viewport.k as number) <= 0)
  )
    cleared.push('viewport');
  if (
    dragging !== undefined &&
    dragging !== null &&
    (!isObject(dragging) ||
      !isIdList(dragging.ids) ||
      !isCoordinate(dragging.dx) ||
      !isCoordinate(dragging.dy))
  )
    cleared.push('dragging');
  for (const field of cleared) if (field !== 'selection') state[field] = null;
  return { ok: true, cleared };
}
