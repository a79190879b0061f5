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

  it('moves the words of a redrawn loop to its new key, keeping what was not changed', () => {
    const ctx = testContext('ana');
    setLoopNote(ctx, 'old1 old2', { name: 'Trust spiral', note: 'From day one', members: ['a'] });
    setLoopNote(ctx, 'new1 new2', {
      note: 'Now via the library',
      members: ['a'],
      replaces: 'old1 old2',
    });
    const loops = readSnapshot(ctx.doc).loops;
    expect(loops.has('old1 old2')).toBe(false);
    expect(loops.get('new1 new2')).toMatchObject({
      name: 'Trust spiral',
      note: 'Now via the library',
    });
    setLoopNote(ctx, 'new3', { name: 'Renamed', members: ['a'], replaces: 'new1 new2' });
    expect(readSnapshot(ctx.doc).loops.get('new3')).toMatchObject({
      name: 'Renamed',
      note: 'Now via the library',
    });
  });

  it('does nothing for a loop nobody named', () => {
    const ctx = testContext('ana');
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    forgetLoopNote(ctx, 'c9');
    expect(transactions).toBe(0);
  });
});
