import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot } from '../schema/snapshot';
import { elementsMap, elementsRoot, sourcesMap } from '../schema/doc';
import {
  addElement,
  addElements,
  addSource,
  connect,
  DomainError,
  initMap,
  linkSource,
  moveElements,
  proposedBy,
  proposeIntroduction,
  removeElements,
  updateElement,
} from './index';
import { testContext } from './test-context';

describe('elements', () => {
  it('adds an element with defaults and provenance, in one transaction', () => {
    const ctx = testContext('ana');
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    const id = addElement(ctx, { kind: 'factor', label: 'Trust', position: [10, 20] });
    expect(transactions).toBe(1);
    const el = readSnapshot(ctx.doc).elements.get(id);
    expect(el).toMatchObject({
      id,
      kind: 'factor',
      label: 'Trust',
      position: [10, 20],
      createdBy: 'ana',
    });
    expect(el?.tags).toEqual([]);
  });

  it('refuses invalid fields with field-level errors and writes nothing', () => {
    const ctx = testContext();
    const attempt = () =>
      addElement(ctx, { kind: 'factor', label: 'x'.repeat(501), leverageLevel: 13 });
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (e) {
      const fields = (e as DomainError).errors.map((x) => x.field);
      expect(fields).toEqual(expect.arrayContaining(['label', 'leverageLevel']));
    }
    expect(elementsMap(ctx.doc).size).toBe(0);
    expect(() => addElement(ctx, { kind: 'widget' as never })).toThrow(/kind must be one of/);
  });

  it('refuses a whole batch when one item is invalid', () => {
    const ctx = testContext();
    expect(() =>
      addElements(ctx, [
        { kind: 'factor', label: 'ok' },
        { kind: 'actor', label: 'bad', actorType: 'robot' as never },
      ]),
    ).toThrow(/\[1\]\.actorType/);
    expect(elementsMap(ctx.doc).size).toBe(0);
  });

  it('updates only the given fields and keeps unknown ones', () => {
    const ctx = testContext();
    const id = addElement(ctx, { kind: 'actor', label: 'Ana', extra: { phone: '555', score: 3 } });
    updateElement(ctx, id, { label: 'Ana M.', tags: ['parents'] });
    const el = readSnapshot(ctx.doc).elements.get(id);
    expect(el?.label).toBe('Ana M.');
    expect(el?.tags).toEqual(['parents']);
    expect(el?.extra).toEqual({ phone: '555', score: 3 });
    expect(() => updateElement(ctx, id, { color: 'red' })).toThrow(/color/);
    expect(() => updateElement(ctx, 'nope', { label: 'x' })).toThrow(/No element/);
  });

  it('keeps both of two concurrent edits to different fields of one element', () => {
    const a = testContext('a');
    const id = addElement(a, { kind: 'factor', label: 'Housing cost' });
    const b = testContext('b');
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    updateElement(a, id, { label: 'Housing costs' });
    updateElement(b, id, { description: 'Rent as a share of income' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    for (const ctx of [a, b]) {
      const el = readSnapshot(ctx.doc).elements.get(id);
      expect(el?.label).toBe('Housing costs');
      expect(el?.description).toBe('Rent as a share of income');
    }
  });

  it('moves elements with one key write each and skips deleted ones', () => {
    const ctx = testContext();
    const [a, b] = addElements(ctx, [
      { kind: 'factor', label: 'a' },
      { kind: 'factor', label: 'b' },
    ]) as [string, string];
    removeElements(ctx, [b]);
    moveElements(ctx, [
      [a, [5, 6]],
      [b, [7, 8]],
    ]);
    expect(readSnapshot(ctx.doc).elements.get(a)?.position).toEqual([5, 6]);
    expect(() => moveElements(ctx, [[a, [Number.NaN, 0]]])).toThrow(/position/);
  });
});

describe('storage layout', () => {
  it('stores a record as one key (its fields as created, defaults left out, provenance packed) and each edit as a key of its own', () => {
    const ctx = testContext('ana');
    const id = addElement(ctx, { kind: 'factor', label: 'Trust', position: [1, 2] });
    const root = elementsRoot(ctx.doc);
    expect([...root.keys()]).toEqual([id]);
    expect(Object.keys(JSON.parse(root.get(id) as string) as object).sort()).toEqual([
      '_c',
      'kind',
      'label',
      'position',
    ]);
    updateElement(ctx, id, { description: 'why' });
    expect(root.get(`${id}.description`)).toBe('why');
    updateElement(ctx, id, { description: '' });
    // Cleared: an explicit empty value, so that it overrides a value the record was created with.
    expect(root.get(`${id}.description`)).toBeNull();
    expect(elementsMap(ctx.doc).get(id)?.has('description')).toBe(false);
    expect(readSnapshot(ctx.doc).elements.get(id)).toMatchObject({
      description: '',
      createdBy: 'ana',
    });
  });

  it('refuses custom fields named like storage keys', () => {
    const ctx = testContext();
    expect(() => addElement(ctx, { kind: 'note', extra: { _c: 1 } })).toThrow(/reserved/);
  });
});

describe('cascade delete', () => {
  it('removes an element, its connections and its evidence links in one transaction', () => {
    const ctx = testContext();
    const a = addElement(ctx, { kind: 'factor', label: 'A' });
    const b = addElement(ctx, { kind: 'factor', label: 'B' });
    const c = addElement(ctx, { kind: 'factor', label: 'C' });
    const ab = connect(ctx, { from: a, to: b, kind: 'causal', polarity: '-' });
    const bc = connect(ctx, { from: b, to: c, kind: 'causal' });
    const s = addSource(ctx, { url: 'https://example.org/a', title: 'A study' });
    linkSource(ctx, s, [a, ab, c]);
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    const removed = removeElements(ctx, [a]);
    expect(transactions).toBe(1);
    expect(removed).toEqual([ab]);
    const snap = readSnapshot(ctx.doc);
    expect([...snap.elements.keys()].sort()).toEqual([b, c].sort());
    expect([...snap.connections.keys()]).toEqual([bc]);
    expect(snap.sources.get(s)?.linkedTo).toEqual([c]);
  });

  it('never shows a connection whose element was deleted concurrently', () => {
    const a = testContext('a');
    const x = addElement(a, { kind: 'factor', label: 'X' });
    const y = addElement(a, { kind: 'factor', label: 'Y' });
    const b = testContext('b');
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    removeElements(a, [x]);
    connect(b, { from: x, to: y, kind: 'causal' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    for (const ctx of [a, b]) expect(readSnapshot(ctx.doc).connections.size).toBe(0);
  });
});

describe('connections', () => {
  it('defaults causal links to + and directed, and refuses a missing end or a self-link', () => {
    const ctx = testContext();
    const a = addElement(ctx, { kind: 'factor', label: 'A' });
    const b = addElement(ctx, { kind: 'factor', label: 'B' });
    const id = connect(ctx, { from: a, to: b, kind: 'causal', delay: true });
    expect(readSnapshot(ctx.doc).connections.get(id)).toMatchObject({
      polarity: '+',
      direction: 'directed',
      delay: true,
    });
    expect(() => connect(ctx, { from: a, to: 'ghost', kind: 'causal' })).toThrow(
      /No element with id ghost/,
    );
    expect(() => connect(ctx, { from: a, to: a, kind: 'causal' })).toThrow(
      /two different elements/,
    );
    expect(() => connect(ctx, { from: a, to: b, kind: 'causal', polarity: '?' as never })).toThrow(
      /polarity/,
    );
  });
});

describe('sources', () => {
  it('accepts only http(s) URLs', () => {
    const ctx = testContext();
    expect(() => addSource(ctx, { url: 'javascript:alert(1)', title: 'x' })).toThrow(/http/);
    expect(sourcesMap(ctx.doc).size).toBe(0);
  });
});

describe('map meta', () => {
  it('stamps a new map once', () => {
    const ctx = testContext('ana');
    initMap(ctx, '  School readiness  ');
    initMap(ctx, 'Other');
    expect(readSnapshot(ctx.doc).meta).toMatchObject({
      title: 'School readiness',
      schemaVersion: 2,
      createdBy: 'ana',
    });
  });
});

describe('proposed introductions', () => {
  it('records a proposed relationship with why and who proposed it, in one step', () => {
    const ctx = testContext('ana');
    const a = addElement(ctx, { kind: 'actor', label: 'Library', position: [0, 0] });
    const b = addElement(ctx, { kind: 'actor', label: 'Clinic', position: [0, 0] });
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    const id = proposeIntroduction(ctx, {
      from: a,
      to: b,
      reason: 'Both serve young parents',
      by: { id: 'ana', name: 'Ana' },
    });
    expect(transactions).toBe(1);
    const c = readSnapshot(ctx.doc).connections.get(id)!;
    expect(c).toMatchObject({
      kind: 'relationship',
      proposed: true,
      description: 'Both serve young parents',
      createdBy: 'ana',
    });
    expect(proposedBy(c)).toBe('Ana');
    expect(proposedBy({ extra: {} })).toBeNull();
    expect(proposedBy({ extra: { suggestedBy: '  ' } })).toBeNull();
  });
});
