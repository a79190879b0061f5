import * as Y from 'yjs';

/**
 * Who removed something. A Yjs update that only deletes carries no author: a delete set names
 * the items removed, not who removed them, and no client's clock moves, so a peer cannot tell
 * which client sent it. So a transaction of this client that deleted something and wrote nothing
 * of its own also writes one small marker, this client's key in the `authors` root map set to
 * the person's user id: the update then advances this client's clock, which names the client
 * (matched to a person through awareness, or through this map once they have left).
 *
 * It is attribution for the Activity feed, not proof: a crafted update can claim any client id.
 * The map holds one key per client that ever removed something, and its value only repeats what
 * awareness already shares (the user id behind a client id).
 */
export const AUTHORS_ROOT = 'authors';

export const authorsMap = (doc: Y.Doc): Y.Map<string> => doc.getMap(AUTHORS_ROOT);

/** Inside a transaction: signs it if it deleted and has not written anything of this client's. */
export function signDeletions(tr: Y.Transaction, userId: string): void {
  const doc = tr.doc;
  if (tr.deleteSet.clients.size === 0) return;
  if (Y.getState(doc.store, doc.clientID) > (tr.beforeState.get(doc.clientID) ?? 0)) return;
  authorsMap(doc).set(String(doc.clientID), userId);
}

/** The user id a document client last signed with, if any. */
export function authorOfClient(doc: Y.Doc, clientId: number): string | undefined {
  const v = authorsMap(doc).get(String(clientId));
  return typeof v === 'string' ? v : undefined;
}
