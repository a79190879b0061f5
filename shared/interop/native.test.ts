import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot } from '../schema/snapshot';
import { elementsMap } from '../schema/doc';
import { addElement, addSource, connect, initMap, linkSource, setLoopNote } from '../domain/index';
import { testContext } from '../domain/test-context';
import { applyNative, exportNative, exportNativeDoc, parseNative, serializeNative } from './native';

function sampleMap() {
  const ctx = testContext('ana');
  initMap(ctx, 'School readiness');
  const a = addElement(ctx, {
    kind: 'factor',
    label: 'Kindergarten readiness',
    tags: ['outcome'],
    position: [120.5, -40],
    leverageLevel: 6,
    extra: { customScore: 4, 'Owner team': 'Data' },
  });
  const b = addElement(ctx, {
    kind: 'actor',
    label: 'Parent council',
    actorType: 'group',
    color: '#1f77b4',
    pinned: true,
  });
  const c = connect(ctx, {
    from: b,
    to: a,
    kind: 'causal',
    polarity: '-',
    delay: true,
    strength: 0.5,
  });
  const s = addSource(ctx, {
    url: 'https://example.org/report',
    title: 'Readiness report',
    authors: ['Read, Tory'],
    quotes: [
      {
        id: 'q1',
        exact: 'parents fixed schools',
        prefix: 'how ',
        suffix: '.',
        note: '',
        clippedBy: 'ana',
        clippedAt: 5,
      },
    ],
  });
  linkSource(ctx, s, [a, c]);
  setLoopNote(ctx, 'sig-1', { name: 'Trust spiral', members: [a, b] });
  // A field from a newer client, written directly.
  (elementsMap(ctx.doc).get(a) as Y.Map<unknown>).set('futureField', { nested: [1, 2] });
  return ctx;
}

describe('native .weavemap.json', () => {
  it('round-trips ids, fields, positions, provenance, sources, loops and unknown fields', () => {
    const original = sampleMap();
    const before = readSnapshot(original.doc);
    const text = serializeNative(before);
    const parsed = parseNative(JSON.parse(text));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const target = testContext('bo');
    applyNative(target, parsed.file);
    const after = readSnapshot(target.doc);
    expect(exportNative(after, new Date(0))).toEqual(exportNative(before, new Date(0)));
    const el = [...after.elements.values()].find((e) => e.label === 'Kindergarten readiness');
    expect(el?.extra).toEqual({
      customScore: 4,
      'Owner team': 'Data',
      futureField: { nested: [1, 2] },
    });
    expect(el?.createdBy).toBe('ana');
  });

  it('keeps a causal link without a polarity unsigned, and a weight', () => {
    const ctx = testContext('ana');
    initMap(ctx, 'Unsigned');
    const a = addElement(ctx, { kind: 'factor', label: 'A', position: [0, 0] });
    const b = addElement(ctx, { kind: 'factor', label: 'B', position: [9, 0] });
    const id = connect(ctx, { from: a, to: b, kind: 'causal', polarity: undefined, weight: 2 });
    const before = readSnapshot(ctx.doc);
    expect(before.connections.get(id)?.polarity).toBeUndefined();
    const parsed = parseNative(JSON.parse(serializeNative(before)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const target = testContext('bo');
    applyNative(target, parsed.file);
    expect(readSnapshot(target.doc).connections.get(id)).toMatchObject({
      kind: 'causal',
      weight: 2,
    });
    expect(readSnapshot(target.doc).connections.get(id)?.polarity).toBeUndefined();
  });

  it('applies a file in one transaction', () => {
    const parsed = parseNative(exportNative(readSnapshot(sampleMap().doc)));
    if (!parsed.ok) throw new Error('unexpected');
    const target = testContext();
    let n = 0;
    target.doc.on('afterTransaction', () => n++);
    applyNative(target, parsed.file);
    expect(n).toBe(1);
  });

  it('refuses a file with row-level problems and says where', () => {
    const file = exportNative(readSnapshot(sampleMap().doc)) as unknown as Record<
      string,
      unknown[]
    >;
    const elements = file.elements as Record<string, unknown>[];
    elements.push({ ...elements[0], label: 'copy' }); // duplicate id
    (file.connections as Record<string, unknown>[]).push({
      id: 'c9',
      from: 'ghost',
      to: elements[0]?.id,
      kind: 'causal',
    });
    const parsed = parseNative(file);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          where: 'elements[2]',
          field: 'id',
          message: expect.stringMatching(/Duplicate id/),
        }),
        expect.objectContaining({
          where: 'connections[1]',
          field: 'from',
          message: "Connection to 'ghost', which no element has.",
        }),
      ]),
    );
  });

  it('refuses what is not a Weavemap file, and files from a newer version', () => {
    expect(parseNative({ nodes: [] })).toMatchObject({
      ok: false,
      problems: [{ field: 'format' }],
    });
    expect(parseNative({ format: 'weavemap', version: 99 })).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/newer Weavemap/) }],
    });
  });

  it('carries the facilitation state and shared perspectives of a whole document', () => {
    const ctx = sampleMap();
    ctx.doc.getMap('session').set('privateMode', true);
    ctx.doc.getMap('actions').set('a1', { title: 'Call the library', status: 'open' });
    const perspective = new Y.Map<unknown>();
    perspective.set('name', 'Clusters');
    perspective.set('colorBy', 'cluster');
    ctx.doc.getMap('perspectives').set('p1', perspective);
    const parsed = parseNative(JSON.parse(JSON.stringify(exportNativeDoc(ctx.doc))));
    if (!parsed.ok) throw new Error('unexpected');
    const target = testContext();
    applyNative(target, parsed.file);
    expect(target.doc.getMap('session').get('privateMode')).toBe(true);
    expect(target.doc.getMap('actions').toJSON()).toEqual({
      a1: { title: 'Call the library', status: 'open' },
    });
    expect((target.doc.getMap('perspectives').get('p1') as Y.Map<unknown>).get('colorBy')).toBe(
      'cluster',
    );
  });
});
