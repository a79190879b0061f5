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

/** What is wrong with a presence state, or null when it may be shown. */
export function presenceProblem(state: unknown): string | null {
  if (!isObject(state)) return 'Presence must be a record.';
  let size: number;
  try {
    size = JSON.stringify(state).length;
  } catch {
    return 'Presence must be plain data.';
  }
  if (size > PRESENCE_LIMITS.stateBytes) return 'Presence is too large.';
  const { user, cursor, selection, viewport, dragging } = state;
  if (user !== undefined) {
    if (!isObject(user)) return 'user must be a record.';
    if (!isId(user.id)) return 'user.id must be a short id.';
    if (typeof user.name !== 'string' || user.name.length > PRESENCE_LIMITS.nameChars)
      return `user.name must be text of at most ${PRESENCE_LIMITS.nameChars} characters.`;
    if (
      user.color !== undefined &&
      (typeof user.color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(user.color))
    )
      return 'user.color must look like #1f77b4.';
  }
  if (cursor !== undefined && cursor !== null) {
    if (!isObject(cursor) || !isCoordinate(cursor.x) || !isCoordinate(cursor.y))
      return 'cursor must be finite map coordinates.';
  }
  if (selection !== undefined && !isIdList(selection)) return 'selection must be element ids.';
  if (viewport !== undefined && viewport !== null) {
    if (
      !isObject(viewport) ||
      !isCoordinate(viewport.x) ||
      !isCoordinate(viewport.y) ||
      !isCoordinate(viewport.k) ||
      (viewport.k as number) <= 0
    )
      return 'viewport must be finite numbers with a positive zoom.';
  }
  if (dragging !== undefined && dragging !== null) {
    if (
      !isObject(dragging) ||
      !isIdList(dragging.ids) ||
      !isCoordinate(dragging.dx) ||
      !isCoordinate(dragging.dy)
    )
      return 'dragging must be element ids and a finite offset.';
  }
  return null;
}
