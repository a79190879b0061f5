import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, authorOfClient, authorsMap, moveElements, removeElements } from './index';
import { testContext } from './test-context';

/** The clients whose clocks an update moves: who a receiver can tell wrote it. */
function writersOf(update: Uint8Array, into: Y.Doc): number[] {
  const before = Y.decodeStateVector(Y.encodeStateVector(into));
  Y.applyUpdate(into, update);
  const after = Y.decodeStateVector(Y.encodeStateVector(into));
  return [...after].filter(([c, clock]) => clock > (before.get(c) ?? 0)).map(([c]) => c);
}

describe('authors of removals', () => {
  it('a removal names its client and person to the receiver', () => {
    const ana = testContext('ana');
    const other = new Y.Doc();
    const id = addElement(ana, { kind: 'factor', label: 'Trust', position: [0, 0] });
    Y.applyUpdate(other, Y.encodeStateAsUpdate(ana.doc));
    let update: Uint8Array | null = null;
    ana.doc.once('update', (u: Uint8Array) => (update = u));
    removeElements(ana, [id]);
    expect(writersOf(update!, other)).toEqual([ana.doc.clientID]);
    expect(authorOfClient(other, ana.doc.clientID)).toBe('ana');
  });

  it('writes no marker for edits that write anything of their own (a move)', () => {
    const ana = testContext('ana');
    const id = addElement(ana, { kind: 'factor', label: 'Trust', position: [0, 0] });
    moveElements(ana, [[id, [50, 50]]]);
    expect(authorsMap(ana.doc).size).toBe(0);
  });

  it('without the marker a delete-only update names no one (why it is there)', () => {
    const doc = new Y.Doc();
    const m = doc.getMap<string>('x');
    m.set('k', 'v');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    let update: Uint8Array | null = null;
    doc.once('update', (u: Uint8Array) => (update = u));
    m.delete('k');
    expect(writersOf(update!, other)).toEqual([]);
  });
});
