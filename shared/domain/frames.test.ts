import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot } from '../schema/snapshot';
import { addElement, moveElements, removeElements } from './index';
import { testContext } from './test-context';

describe('frame membership with a move', () => {
  it('moves and puts in a frame in one transaction, undone as one', () => {
    const ctx = testContext('ana');
    const f = addElement(ctx, { kind: 'group', label: 'Frame', position: [0, 0] });
    const a = addElement(ctx, { kind: 'factor', label: 'A', position: [900, 0] });
    const undo = new Y.UndoManager(ctx.doc.getMap('elements'), {
      trackedOrigins: new Set([ctx.origin]),
    });
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    moveElements(ctx, [[a, [10, 10]]], new Map([[a, f]]));
    expect(transactions).toBe(1);
    expect(readSnapshot(ctx.doc).elements.get(a)).toMatchObject({ position: [10, 10], parent: f });
    undo.undo();
    const back = readSnapshot(ctx.doc).elements.get(a);
    expect(back?.position).toEqual([900, 0]);
    expect(back?.parent).toBeUndefined();
  });

  it('takes an element out of its frame (null), and refuses a parent that is not a frame', () => {
    const ctx = testContext();
    const f = addElement(ctx, { kind: 'group', label: 'Frame', position: [0, 0] });
    const a = addElement(ctx, { kind: 'factor', label: 'A', position: [0, 0] });
    const b = addElement(ctx, { kind: 'factor', label: 'B', position: [0, 0] });
    moveElements(ctx, [[a, [5, 5]]], new Map([[a, f]]));
    moveElements(ctx, [[a, [900, 5]]], new Map([[a, null]]));
    expect(readSnapshot(ctx.doc).elements.get(a)?.parent).toBeUndefined();
    moveElements(ctx, [[a, [5, 5]]], new Map([[a, b]]));
    expect(readSnapshot(ctx.doc).elements.get(a)?.parent).toBeUndefined();
    removeElements(ctx, [f]);
    moveElements(ctx, [[b, [5, 5]]], new Map([[b, f]]));
    expect(readSnapshot(ctx.doc).elements.get(b)?.parent).toBeUndefined();
  });
});
