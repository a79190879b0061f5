import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addElements,
  addSource,
  connect,
  moveElements,
  updateConnection,
  updateElement,
} from '../../domain/index';
import { readSnapshot } from '../snapshot';
import { validateConnection, validateElement } from '../validate';
import { editableFields, valueFromInput } from './editable';
import { CONNECTION, ELEMENT, SOURCE, QUOTE, LOOP_NOTE, META } from './index';

/** A small map that uses every stored field of elements, connections and sources. */
function goldenDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 4242;
  let t = 1_700_000_000_000;
  const ctx = { doc, origin: 'golden', userId: 'u1', now: () => ++t };
  addElements(ctx, [
    {
      id: 'a',
      kind: 'factor',
      label: 'A',
      description: 'd',
      tags: ['x'],
      position: [1, 2],
      leverageLevel: 5,
      color: '#112233',
      pinned: true,
    },
    {
      id: 'b',
      kind: 'actor',
      label: 'B',
      actorType: 'organization',
      position: [3, 4],
      extra: { custom: 7 },
    },
    { id: 'g', kind: 'group', label: 'Frame' },
    { id: 'n', kind: 'note', parent: 'g' },
  ]);
  connect(ctx, {
    id: 'c1',
    from: 'a',
    to: 'b',
    kind: 'causal',
    polarity: '-',
    delay: true,
    strength: 0.5,
    weight: 2,
    label: 'L',
    tags: ['t'],
  });
  connect(ctx, {
    id: 'c2',
    from: 'b',
    to: 'a',
    kind: 'relationship',
    direction: 'mutual',
    proposed: true,
  });
  updateElement(ctx, 'a', { label: 'A2', color: undefined, tags: [] });
  updateConnection(ctx, 'c1', { weight: 1, direction: 'undirected' });
  moveElements(ctx, [['b', [5, 6]]]);
  addSource(ctx, {
    id: 's',
    url: 'https://example.org/a',
    title: 'T',
    authors: ['X'],
    doi: '10.1/x',
    clippedAt: 5,
    quotes: [
      {
        id: 'q',
        exact: 'hello',
        prefix: '',
        suffix: '',
        note: '',
        clippedBy: 'u1',
        clippedAt: 5,
      },
    ],
    linkedTo: ['a'],
  });
  return doc;
}

describe('record declarations', () => {
  it('store a map byte for byte as the hand-written codec before them did', () => {
    // The hash of the same edits made by the code before the record declarations (main at
    // e19c5e4): the storage layout is unchanged, so existing documents read as before.
    const bytes = Y.encodeStateAsUpdate(goldenDoc());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '90473e4054969fef2ab0b205b6bca2ac21e3b295a4f43b6ac2ff8bac374f51cb',
    );
  });

  it('read records with every declared field, defaults filled and unknown fields in extra', () => {
    const snap = readSnapshot(goldenDoc());
    const a = snap.elements.get('a')!;
    expect(a).toMatchObject({ label: 'A2', tags: [], leverageLevel: 5, pinned: true });
    expect(a.color).toBeUndefined();
    expect(a.updatedAt).toBeGreaterThan(a.createdAt);
    expect(snap.elements.get('b')!.extra).toEqual({ custom: 7 });
    expect(snap.elements.get('n')).toMatchObject({ parent: 'g', label: '', position: [0, 0] });
    const c1 = snap.connections.get('c1')!;
    expect(c1).toMatchObject({ from: 'a', to: 'b', direction: 'undirected', createdBy: 'u1' });
    expect(c1.weight).toBeUndefined();
    expect(snap.connections.get('c2')!.updatedAt).toBe(snap.connections.get('c2')!.createdAt);
    expect(snap.sources.get('s')!.quotes[0]).toMatchObject({ id: 'q', exact: 'hello' });
  });

  it('derive the validators from the fields', () => {
    expect(validateElement({ kind: 'blob' }, { partial: true })[0]?.field).toBe('kind');
    expect(validateElement({ leverageLevel: 13 }, { partial: true })[0]?.message).toMatch(
      /1 to 12/,
    );
    expect(
      validateConnection({ id: 'x', from: 'a', to: 'a', kind: 'causal' }).map((e) => e.field),
    ).toEqual(['to']);
  });

  it('list what people edit, with the words and vocabularies from the declarations', () => {
    const factor = editableFields('element', { kind: 'factor' }).map((f) => f.name);
    expect(factor).toContain('leverageLevel');
    expect(factor).not.toContain('actorType');
    expect(editableFields('element', { kind: 'actor' }).map((f) => f.name)).toContain('actorType');
    const level = editableFields('element', { kind: 'factor' }).find(
      (f) => f.name === 'leverageLevel',
    )!;
    expect(level.options[0]).toEqual({ value: 12, label: '12. Constants, parameters, numbers' });
    expect(valueFromInput(level, '9')).toBe(9);
    expect(valueFromInput(level, '')).toBeUndefined();
    const kind = editableFields('element', { kind: 'group' }).find((f) => f.name === 'kind')!;
    expect(kind.options.find((o) => o.value === 'group')?.label).toBe('Frame');
    const causal = editableFields('connection', { kind: 'causal' }).map((f) => f.name);
    expect(causal).toEqual(expect.arrayContaining(['polarity', 'delay', 'weight']));
    expect(editableFields('connection', { kind: 'relationship' }).map((f) => f.name)).not.toContain(
      'polarity',
    );
    // Provenance and ids are never edited.
    expect(factor).not.toContain('createdBy');
  });

  it('declare each field once: every declared field has a label, a storage and a reader', () => {
    for (const spec of [ELEMENT, CONNECTION, SOURCE, QUOTE, LOOP_NOTE, META])
      for (const [name, f] of Object.entries(spec.fields)) {
        expect(f.label, `${spec.name}.${name}`).not.toBe('');
        expect(f.optional || f.fallback !== undefined, `${spec.name}.${name} default`).toBe(true);
      }
  });
});
