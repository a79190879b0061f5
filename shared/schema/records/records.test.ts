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
import { connectionsRoot, elementsRoot, storesFlat } from '../doc';
import { flatRecords, migrate } from '../migrations';
import { readSnapshot } from '../snapshot';
import { GOLDEN_V1_SHA256, GOLDEN_V1_UPDATE_BASE64 } from './golden-v1.fixture';
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
  it('store a map byte for byte as schema v2 stores it (flat records)', () => {
    // The hash of the golden map's edits stored flat (schema v2, docs/architecture.md "Doc
    // load"): a change here is a change of the storage layout, which needs a migration.
    const doc = goldenDoc();
    for (const root of [elementsRoot(doc), connectionsRoot(doc)])
      root.forEach((v) => expect(v instanceof Y.AbstractType).toBe(false));
    const bytes = Y.encodeStateAsUpdate(doc);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '61b8869b252801acd307449ddb5b91e9ce59db967a82a57d0b897bd34f8ef10b',
    );
  });

  it('read a pinned v1 document (nested maps) as the same map, before and after its migration', () => {
    const bytes = Buffer.from(GOLDEN_V1_UPDATE_BASE64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(GOLDEN_V1_SHA256);
    const v1 = new Y.Doc();
    Y.applyUpdate(v1, bytes);
    expect(storesFlat(v1)).toBe(false);
    const expected = readSnapshot(goldenDoc());
    const before = readSnapshot(v1);
    expect(before.elements).toEqual(expected.elements);
    expect(before.connections).toEqual(expected.connections);
    expect(before.sources).toEqual(expected.sources);
    expect(migrate(v1)).toContain(flatRecords.name);
    expect(storesFlat(v1)).toBe(true);
    // Every record is now one JSON key of its root; nothing nested is left.
    for (const root of [elementsRoot(v1), connectionsRoot(v1)])
      root.forEach((v) => expect(typeof v).toBe('string'));
    const after = readSnapshot(v1);
    expect(after.elements).toEqual(expected.elements);
    expect(after.connections).toEqual(expected.connections);
    expect(after.meta.schemaVersion).toBe(2);
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
