import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, connect, removeElements, updateElement } from '../domain/index';
import { testContext } from '../domain/test-context';
import { elementsMap, elementsRoot, storesFlat } from './doc';
import { SnapshotTracker, readSnapshot } from './snapshot';

/** Two replicas of one map, exchanging everything both ways. */
function pair() {
  const a = testContext('a');
  const b = testContext('b');
  const sync = () => {
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
  };
  return { a, b, sync };
}

describe('flat records (schema v2)', () => {
  it('merges concurrent edits to different fields of one element, and agrees on one field', () => {
    const { a, b, sync } = pair();
    const id = addElement(a, { kind: 'factor', label: 'Rent', position: [1, 2] });
    sync();
    expect(storesFlat(a.doc) && storesFlat(b.doc)).toBe(true);
    expect(typeof elementsRoot(b.doc).get(id)).toBe('string');
    updateElement(a, id, { label: 'Rents', tags: ['housing'] });
    updateElement(b, id, { description: 'Share of income', position: [5, 6] });
    // Both change the colour: one of the two wins, the same on both replicas.
    updateElement(a, id, { color: '#111111' });
    updateElement(b, id, { color: '#222222' });
    sync();
    const ea = readSnapshot(a.doc).elements.get(id);
    const eb = readSnapshot(b.doc).elements.get(id);
    expect(ea).toEqual(eb);
    expect(ea).toMatchObject({
      label: 'Rents',
      tags: ['housing'],
      description: 'Share of income',
      position: [5, 6],
    });
    expect(['#111111', '#222222']).toContain(ea?.color);
  });

  it('clears a field it was created with by an explicit empty value', () => {
    const ctx = testContext();
    const id = addElement(ctx, { kind: 'factor', label: 'L', description: 'D', tags: ['t'] });
    updateElement(ctx, id, { description: '', tags: [] });
    const el = readSnapshot(ctx.doc).elements.get(id);
    expect(el?.description).toBe('');
    expect(el?.tags).toEqual([]);
    expect(elementsRoot(ctx.doc).get(`${id}.description`)).toBeNull();
    expect(JSON.parse(elementsRoot(ctx.doc).get(id) as string)).toMatchObject({ description: 'D' });
  });

  it('removes a record with its edit keys; an edit made meanwhile elsewhere does not bring it back', () => {
    const { a, b, sync } = pair();
    const x = addElement(a, { kind: 'factor', label: 'X' });
    const y = addElement(a, { kind: 'factor', label: 'Y' });
    connect(a, { from: x, to: y, kind: 'causal' });
    updateElement(a, x, { label: 'X2' });
    sync();
    removeElements(a, [x]);
    updateElement(b, x, { description: 'late' });
    sync();
    for (const ctx of [a, b]) {
      const snap = readSnapshot(ctx.doc);
      expect(snap.elements.has(x)).toBe(false);
      expect(snap.connections.size).toBe(0);
      expect(elementsMap(ctx.doc).has(x)).toBe(false);
      expect(elementsMap(ctx.doc).keys()).toEqual([y]);
      // Only the late edit (and its time) is left of x, ignored by readers.
      expect([...elementsRoot(ctx.doc).keys()].filter((k) => k.startsWith(x)).sort()).toEqual([
        `${x}._u`,
        `${x}.description`,
      ]);
    }
  });

  it('keeps a snapshot in step with local and remote edits of flat keys', () => {
    const { a, b, sync } = pair();
    const id = addElement(a, { kind: 'note', label: 'N' });
    sync();
    const tracker = new SnapshotTracker(b.doc);
    const changed: string[][] = [];
    tracker.subscribe((c) => changed.push([...c.changedElements]));
    updateElement(a, id, { label: 'N2', extra: { score: 3 } });
    sync();
    expect(changed).toEqual([[id]]);
    expect(tracker.snapshot.elements.get(id)).toMatchObject({ label: 'N2', extra: { score: 3 } });
    expect(tracker.snapshot).toEqual(readSnapshot(b.doc));
    updateElement(b, id, { label: 'N3' });
    expect(tracker.snapshot.elements.get(id)?.label).toBe('N3');
    updateElement(b, id, { extra: { score: undefined } });
    expect(tracker.snapshot).toEqual(readSnapshot(b.doc));
    tracker.destroy();
  });
});
