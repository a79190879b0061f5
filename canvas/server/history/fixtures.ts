// Test and bench support: a room document of a given size, with an agenda to flip phases in.
import * as Y from 'yjs';
import { addElements } from '../../../shared/domain/elements';
import { initAgenda, setCurrentPhase } from '../../../shared/session/agenda';
import type { SessionContext } from '../../../shared/session/context';

/** A facilitator's context on `doc` with a fixed, advancing clock. */
export function facilitatorOn(doc: Y.Doc): SessionContext {
  let t = 1_700_000_000_000;
  return { doc, origin: 'facilitator', userId: 'u-fac', facilitator: true, now: () => ++t };
}

/** A room of about `bytes` (encoded), its elements with paragraph-long descriptions, and an agenda. */
export function roomOfSize(bytes: number): Y.Doc {
  const doc = new Y.Doc();
  const ctx = facilitatorOn(doc);
  const description = 'A sentence or two of description, as people write in a workshop. '.repeat(3);
  let i = 0;
  while (Y.encodeStateAsUpdate(doc).byteLength < bytes) {
    addElements(
      ctx,
      Array.from({ length: 500 }, () => ({
        kind: 'factor' as const,
        label: `Element ${++i}`,
        description,
        position: [(i % 100) * 140, Math.floor(i / 100) * 90] as const,
      })),
    );
  }
  initAgenda(ctx);
  return doc;
}

/** Makes phase `ids[i % ids.length]` current. */
export function flipPhase(doc: Y.Doc, ids: readonly string[], i: number): void {
  setCurrentPhase(facilitatorOn(doc), ids[i % ids.length]);
}
