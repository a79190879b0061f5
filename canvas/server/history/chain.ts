import { createHash } from 'node:crypto';
import * as Y from 'yjs';

/**
 * How a room's versions are stored: a chain per room, in `seq` order. A `full` link holds the
 * whole encoded state (`Y.encodeStateAsUpdate`); a `delta` link holds only what changed since
 * the link before it (`Y.encodeStateAsUpdate(doc, previousStateVector)`: the new structs and the
 * delete set). A version reads back as its nearest full link merged with the deltas after it
 * (`Y.mergeUpdates`): a full encoded state again, so restore and the History view are unchanged.
 */
export type LinkKind = 'full' | 'delta';

/** A new checkpoint after this many deltas in a row... */
export const CHECKPOINT_EVERY = 32;
/** ...or once the deltas since the last checkpoint weigh more than this share of it. */
export const CHECKPOINT_DELTA_SHARE = 1;

/** The identity of a document's content: SHA-256 of its state vector and delete set. */
export function fingerprint(doc: Y.Doc): Buffer {
  return createHash('sha256')
    .update(Y.encodeSnapshot(Y.snapshot(doc)))
    .digest();
}

/** True when `doc` holds everything the state vector `sv` names (so a delta against it is valid). */
export function covers(doc: Y.Doc, sv: Uint8Array): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(sv))
    if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

export interface ChainTail {
  sv: Uint8Array | null;
  /** Deltas since the last full link, and their bytes; the last full link's bytes. */
  deltasSinceFull: number;
  deltaBytesSinceFull: number;
  fullBytes: number;
}

export interface Encoded {
  kind: LinkKind;
  state: Uint8Array;
  sv: Uint8Array;
}

/** Encodes `doc` as the next link after `tail` (undefined: the room has no chain yet). */
export function encodeLink(doc: Y.Doc, tail: ChainTail | undefined): Encoded {
  const sv = Y.encodeStateVector(doc);
  if (tail?.sv && tail.deltasSinceFull < CHECKPOINT_EVERY - 1 && covers(doc, tail.sv)) {
    const delta = Y.encodeStateAsUpdate(doc, tail.sv);
    if (tail.deltaBytesSinceFull + delta.byteLength <= tail.fullBytes * CHECKPOINT_DELTA_SHARE)
      return { kind: 'delta', state: delta, sv };
  }
  return { kind: 'full', state: Y.encodeStateAsUpdate(doc), sv };
}

/** A full state from a full link and the deltas after it, in order. */
export function readChain(links: readonly Uint8Array[]): Uint8Array {
  if (links.length === 1) return links[0] as Uint8Array;
  return Y.mergeUpdates(links as Uint8Array[]);
}
