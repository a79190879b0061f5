/**
 * The host's word that it refused an update (sent as a Hocuspocus stateless message). The
 * client's copy then holds changes the host will never take, and that every later change from
 * it builds on, so the client drops its local copy and loads the map from the host again.
 */
export const REFUSAL_MESSAGE = 'weavemap:update-refused';

export interface UpdateRefusal {
  readonly type: typeof REFUSAL_MESSAGE;
  /** Why, in words for the person whose change it was. */
  readonly reason: string;
}

/** The refusal a stateless payload carries, if it is one. */
export function parseRefusal(payload: string): UpdateRefusal | null {
  if (!payload.includes(REFUSAL_MESSAGE)) return null;
  try {
    const value = JSON.parse(payload) as Partial<UpdateRefusal> | null;
    if (value?.type !== REFUSAL_MESSAGE) return null;
    const reason = typeof value.reason === 'string' ? value.reason.slice(0, 500) : '';
    return { type: REFUSAL_MESSAGE, reason };
  } catch {
    return null;
  }
}
