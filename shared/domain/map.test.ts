import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot } from '../schema/snapshot';
import { forgetLoopNote, setLoopNote } from './index';
import { testContext } from './test-context';

describe('loop notes', () => {
  it('names a loop by its signature, then forgets it in one undoable step', () => {
    const ctx = testContext('ana');
    setLoopNote(ctx, 'c1 c2', { name: 'Trust spiral', note: 'Seen twice', members: ['a', 'b'] });
    expect(readSnapshot(ctx.doc).loops.get('c1 c2')).toMatchObject({
      name: 'Trust spiral',
      note: 'Seen twice',
      members: ['a', 'b'],
    });
    const undo = new Y.UndoManager(ctx.doc.getMap('loops'), {
      trackedOrigins: new Set([ctx.origin]),
    });
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    forgetLoopNote(ctx, 'c1 c2');
    expect(transactions).toBe(1);
    expect(readSnapshot(ctx.doc).loops.has('c1 c2')).toBe(false);
    undo.undo();
    expect(readSnapshot(ctx.doc).loops.get('c1 c2')?.name).toBe('Trust spiral');
  });

  it('does nothing for a loop nobody named', () => {
    const ctx = testContext('ana');
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    forgetLoopNote(ctx, 'c9');
    expect(transactions).toBe(0);
  });
});
