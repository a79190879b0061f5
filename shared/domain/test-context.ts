import * as Y from 'yjs';
import type { EditContext } from './context';

/** A fresh document with a local edit context, for tests. */
export function testContext(userId = 'tester', doc = new Y.Doc()): EditContext {
  let t = 1_700_000_000_000;
  return { doc, origin: { user: userId }, userId, now: () => ++t };
}
