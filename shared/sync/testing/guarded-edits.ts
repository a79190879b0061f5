// Test support: edits checked by the host's update guard, as /sync checks them.
import * as Y from 'yjs';
import { UpdateGuard, type WriterRole } from '../update-guard';

/** Makes an edit on a fresh replica of the host's doc; returns the guard's refusal, or null. */
export type GuardedEdit = (role: WriterRole, edit: (doc: Y.Doc) => void) => string | null;

/**
 * Edits against `host`: each runs on a fresh replica, the update it makes is checked by
 * `guard` for a writer of `role`, and applied to `host` (and mirrored) when it passes.
 */
export function guardedEdits(host: Y.Doc, guard = new UpdateGuard(host)): GuardedEdit {
  return (role, edit) => {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(host));
    const before = Y.encodeStateVector(replica);
    edit(replica);
    const update = Y.encodeStateAsUpdate(replica, before);
    const refusal = guard.check(update, role);
    if (!refusal) {
      Y.applyUpdate(host, update);
      guard.mirror(update, guard.acceptedToken());
    }
    return refusal;
  };
}
