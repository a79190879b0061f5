// Test support: Hocuspocus /sync frames built by hand (valid ones, and hostile variations), for
// clients that do not behave like HocuspocusProvider.
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addElement } from '../../../shared/domain/index';
import type { Random } from './fuzz-gen';
import { mutateBytes, randomJson } from './fuzz-gen';

/** Hocuspocus message types (see @hocuspocus/server's MessageType). */
export const SYNC = 0;
export const AWARENESS = 1;
export const AUTH = 2;
const STEP1 = 0;
const UPDATE = 2;

const frame = (documentName: string, write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/** The token message that opens a document on a connection. */
export const authFrame = (documentName: string, token: string): Uint8Array =>
  frame(documentName, (e) => {
    encoding.writeVarUint(e, AUTH);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });

export const syncStep1Frame = (documentName: string, doc: Y.Doc): Uint8Array =>
  frame(documentName, (e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

export const updateFrame = (documentName: string, update: Uint8Array): Uint8Array =>
  frame(documentName, (e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, UPDATE);
    encoding.writeVarUint8Array(e, update);
  });

export const awarenessFrame = (documentName: string, update: Uint8Array): Uint8Array =>
  frame(documentName, (e) => {
    encoding.writeVarUint(e, AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });

/** A real Yjs update adding one element (what an editor sends). */
export function elementUpdate(rng: Random): Uint8Array {
  const doc = new Y.Doc();
  addElement(
    { doc, origin: 'fuzz', userId: 'fuzz' },
    { kind: 'factor', label: `Fuzz ${rng.int(1e6)}` },
  );
  return Y.encodeStateAsUpdate(doc);
}

/** An awareness update with a random state (what a hostile peer might announce). */
export function awarenessUpdate(rng: Random): Uint8Array {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState(randomJson(rng, 4) as Record<string, unknown> | null);
  const update = encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return update;
}

/** One /sync frame for `documentName`: valid, mutated, retargeted or random bytes. */
export function randomSyncFrame(rng: Random, documentName: string, token: string): Uint8Array {
  switch (rng.int(8)) {
    case 0:
      return authFrame(documentName, token);
    case 1:
      return updateFrame(documentName, elementUpdate(rng));
    case 2:
      return updateFrame(documentName, mutateBytes(rng, elementUpdate(rng)));
    case 3:
      return mutateBytes(rng, updateFrame(documentName, elementUpdate(rng)));
    case 4:
      return awarenessFrame(
        documentName,
        rng.chance(0.5) ? awarenessUpdate(rng) : rng.bytes(rng.int(64)),
      );
    case 5:
      return syncStep1Frame(documentName, new Y.Doc());
    case 6:
      return frame(documentName, (e) => {
        encoding.writeVarUint(e, rng.int(20));
        encoding.writeUint8Array(e, rng.bytes(rng.int(64)));
      });
    default:
      return rng.bytes(rng.int(256));
  }
}
