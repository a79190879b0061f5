import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect } from '../domain/connections';
import { addElement, removeElements, updateElement } from '../domain/elements';
import { addSource, linkSource } from '../domain/sources';
import { setLoopNote } from '../domain/map';
import { readSnapshot } from '../schema/snapshot';
import { diffMaps, initAgenda, advancePhase, readSessionSnapshot, restoreVersion } from './index';
import { linkedDocs, sessionContext } from './test-helpers';

const TRACKED = ['elements', 'connections', 'sources', 'loops', 'meta'];

describe('history: diff and restore', () => {
  it('restores a version as one undoable change that everyone sees', () => {
    const [a, b] = linkedDocs();
    const fac = sessionContext('fac', { facilitator: true, doc: a });
    const ana = sessionContext('ana', { doc: b });
    const trust = addElement(fac, { kind: 'factor', label: 'Trust', tags: ['core'] });
    const funding = addElement(fac, { kind: 'factor', label: 'Funding' });
    const link = connect(fac, { from: trust, to: funding, kind: 'causal', polarity: '+' });
    const src = addSource(fac, { url: 'https://example.org/study', title: 'A study' });
    linkSource(fac, src, [trust]);
    setLoopNote(fac, 'sig-1', { name: 'Trust spiral', members: [trust, funding] });
    initAgenda(fac);
    const version = Y.encodeStateAsUpdate(a); // "after mapping"
    const versionMap = readSnapshot(a);

    // Later: Ana renames, deletes and adds; the facilitator moves on a phase.
    updateElement(ana, trust, { label: 'Mutual trust', tags: [] });
    removeElements(ana, [funding]); // also removes the link and unlinks nothing else
    const staff = addElement(ana, { kind: 'factor', label: 'Staff' });
    advancePhase(fac);

    const live = readSnapshot(b);
    const diff = diffMaps(versionMap, live);
    expect(diff.elements).toEqual({ added: [staff], removed: [funding], changed: [trust] });
    expect(diff.connections.removed).toEqual([link]);
    expect(diff.same).toBe(false);

    const undo = new Y.UndoManager(
      TRACKED.map((k) => a.getMap(k)),
      { trackedOrigins: new Set([fac.origin]) },
    );
    let transactions = 0;
    const count = () => transactions++;
    a.on('afterTransaction', count);
    const applied = restoreVersion(fac, a, version);
    a.off('afterTransaction', count);
    expect(transactions).toBe(1);
    expect(applied.elements).toEqual({ added: [funding], removed: [staff], changed: [trust] });

    // Everyone sees the version's map again, with the same ids; the session state is untouched.
    for (const doc of [a, b]) {
      const now = readSnapshot(doc);
      expect(diffMaps(versionMap, now).same).toBe(true);
      expect(now.elements.get(trust)?.label).toBe('Trust');
      expect(now.elements.get(trust)?.tags).toEqual(['core']);
      expect(now.connections.get(link)).toMatchObject({ from: trust, to: funding, polarity: '+' });
      expect(now.sources.get(src)?.linkedTo).toEqual([trust]);
      expect(now.loops.get('sig-1')?.name).toBe('Trust spiral');
      expect(readSessionSnapshot(doc).currentPhaseId).toBe('connect');
    }

    // The restore is one undo step, and undoing it brings back the map as it was before.
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(diffMaps(live, readSnapshot(b)).same).toBe(true);
    undo.destroy();
  });

  it('restoring the live state changes nothing, and a bad state is refused', () => {
    const fac = sessionContext('fac', { facilitator: true });
    addElement(fac, { kind: 'factor', label: 'Trust' });
    const before = Y.encodeStateVector(fac.doc);
    expect(restoreVersion(fac, fac.doc, Y.encodeStateAsUpdate(fac.doc)).same).toBe(true);
    expect(Y.encodeStateVector(fac.doc)).toEqual(before);
    expect(() => restoreVersion(fac, fac.doc, new Uint8Array([1, 2, 3, 4, 5]))).toThrow(
      /not a readable map version/,
    );
    expect(() => restoreVersion(fac, new Y.Doc(), Y.encodeStateAsUpdate(fac.doc))).toThrow(
      /another document/,
    );
  });
});
