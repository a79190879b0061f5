import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../shared/schema/snapshot';
import { testContext } from '../../shared/domain/test-context';
import {
  addElement,
  connect,
  writeNewConnection,
  writeNewElement,
  transact,
} from '../../shared/domain/index';
import { nearestInDirection, nearestTo } from './navigation';
import { copySelection, parseClipboard, pasteRecords } from './clipboard';
import { fuzzyFilter, highlightRuns } from './fuzzy';

describe('arrow-key navigation', () => {
  const items = [
    { id: 'c', x: 0, y: 0 },
    { id: 'r', x: 200, y: 30 },
    { id: 'far-r', x: 600, y: 0 },
    { id: 'u', x: 10, y: -150 },
    { id: 'diag', x: 120, y: 300 },
  ];
  it('goes to the nearest element where the arrow points', () => {
    const c = items[0]!;
    expect(nearestInDirection(items, c, 'right')).toBe('r');
    expect(nearestInDirection(items, c, 'up')).toBe('u');
    expect(nearestInDirection(items, c, 'down')).toBe('diag');
    expect(nearestInDirection(items, c, 'left')).toBeNull();
    expect(nearestInDirection(items, items[1]!, 'right')).toBe('far-r');
  });
  it('starts from the element nearest a point', () => {
    expect(nearestTo(items, 590, 10)).toBe('far-r');
    expect(nearestTo([], 0, 0)).toBeNull();
  });
});

describe('copy and paste', () => {
  function map() {
    const ctx = testContext('ana');
    const a = addElement(ctx, {
      kind: 'factor',
      label: 'A',
      position: [0, 0],
      extra: { score: 3 },
    });
    const b = addElement(ctx, {
      kind: 'actor',
      actorType: 'person',
      label: 'B',
      position: [100, 0],
    });
    const c = addElement(ctx, { kind: 'factor', label: 'C', position: [200, 0] });
    connect(ctx, { from: a, to: b, kind: 'causal', polarity: '-' });
    connect(ctx, { from: b, to: c, kind: 'causal' });
    return { ctx, a, b, c };
  }

  it('takes the selected elements and the connections among them', () => {
    const { ctx, a, b } = map();
    const payload = copySelection(readSnapshot(ctx.doc), [a, b], 'room1')!;
    expect(payload.elements.map((e) => e.label).sort()).toEqual(['A', 'B']);
    expect(payload.connections).toHaveLength(1);
    expect(payload.connections[0]!.polarity).toBe('-');
  });

  it('pastes into another map with new ids, connections remapped, custom fields kept', () => {
    const { ctx, a, b } = map();
    const text = JSON.stringify(copySelection(readSnapshot(ctx.doc), [a, b], 'room1'));
    const payload = parseClipboard(text)!;
    const other = testContext('ben');
    const rec = pasteRecords(payload, [40, 40]);
    transact(other, () => {
      for (const e of rec.elements) writeNewElement(other, e);
      for (const c of rec.connections) writeNewConnection(other, c);
    });
    const snap = readSnapshot(other.doc);
    expect(snap.elements.size).toBe(2);
    expect(snap.connections.size).toBe(1);
    expect(snap.elements.has(a)).toBe(false);
    const pastedA = [...snap.elements.values()].find((e) => e.label === 'A')!;
    expect(pastedA.position).toEqual([40, 40]);
    expect(pastedA.extra.score).toBe(3);
    const conn = [...snap.connections.values()][0]!;
    expect(conn.from).toBe(pastedA.id);
    expect(conn.polarity).toBe('-');
  });

  it('refuses clipboard text that is not a valid Weavemap clipboard', () => {
    expect(parseClipboard('hello')).toBeNull();
    expect(
      parseClipboard(
        '{"format":"weavemap/clipboard","elements":[{"kind":"bogus"}],"connections":[]}',
      ),
    ).toBeNull();
  });
});

describe('fuzzy filter', () => {
  it('finds by scattered letters and highlights them', () => {
    const items = ['Add Factor', 'Toggle Theme', 'Zoom to Fit'];
    const r = fuzzyFilter('tgthm', items, (s) => s);
    expect(r[0]!.item).toBe('Toggle Theme');
    expect(highlightRuns('Toggle Theme', r[0]!.indexes).some((x) => x.match)).toBe(true);
    expect(fuzzyFilter('', items, (s) => s).map((m) => m.item)).toEqual(items);
  });
});
