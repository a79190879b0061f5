import * as Y from 'yjs';
import type { SessionContext } from './context';

/** A session context for tests: a fixed clock, facilitator or participant. */
export function sessionContext(
  userId: string,
  opts: { facilitator?: boolean; doc?: Y.Doc; userName?: string } = {},
): SessionContext {
  let t = 1_700_000_000_000;
  return {
    doc: opts.doc ?? new Y.Doc(),
    origin: { user: userId },
    userId,
    userName: opts.userName ?? userId,
    facilitator: opts.facilitator ?? false,
    now: () => ++t,
  };
}

/** Two replicas that exchange every update at once, like a live room. */
export function linkedDocs(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, u, a));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, u, b));
  return [a, b];
}
