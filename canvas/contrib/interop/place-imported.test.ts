import { describe, expect, it } from 'vitest';
import type {
  ImportedConnection,
  ImportedElement,
  ImportedMap,
} from '../../../shared/interop/index';
import { el, snap } from '../../editor/test-fixtures';
import { placeUnpositioned, withPositions } from './place-imported';

const element = (id: string, label = id, position?: [number, number]): ImportedElement => ({
  id,
  kind: 'factor',
  label,
  description: '',
  tags: [],
  extra: {},
  ...(position ? { position } : {}),
});
const link = (id: string, from: string, to: string): ImportedConnection => ({
  id,
  from,
  to,
  kind: 'causal',
  polarity: '+',
  label: '',
  description: '',
  tags: [],
  extra: {},
});
const imported = (
  elements: ImportedElement[],
  connections: ImportedConnection[] = [],
): ImportedMap => ({
  elements,
  connections,
  sources: [],
  loops: [],
});

describe('placing imported elements', () => {
  it('spreads elements without a position apart and keeps connected ones near each other', () => {
    const els = Array.from({ length: 30 }, (_, i) => element(`e${i}`));
    const conns = [link('c1', 'e0', 'e1')];
    const pos = placeUnpositioned(imported(els, conns));
    expect(Object.keys(pos)).toHaveLength(30);
    const pts = Object.values(pos);
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++)
        expect(Math.hypot(pts[i]![0] - pts[j]![0], pts[i]![1] - pts[j]![1])).toBeGreaterThan(100);
    const d = (a: string, b: string) =>
      Math.hypot(pos[a]![0] - pos[b]![0], pos[a]![1] - pos[b]![1]);
    const mean =
      pts.reduce(
        (s, p, i) =>
          s +
          Math.hypot(p[0] - pts[(i + 1) % pts.length]![0], p[1] - pts[(i + 1) % pts.length]![1]),
        0,
      ) / pts.length;
    expect(d('e0', 'e1')).toBeLessThan(mean);
  });

  it('leaves positioned elements alone', () => {
    const map = imported([element('a', 'a', [5, 6]), element('b')]);
    const pos = placeUnpositioned(map);
    expect(Object.keys(pos)).toEqual(['b']);
    const placed = withPositions(map, pos);
    expect(placed.elements[0]!.position).toEqual([5, 6]);
    expect(placed.elements[1]!.position).toEqual(pos.b);
  });

  it('merging: matched elements keep their place, new ones go right of the map', () => {
    const existing = snap([el('x', 100, 50, { label: 'Attendance' }), el('y', 900, 80)]);
    const map = imported([element('n1', ' attendance '), element('n2', 'Motivation')]);
    const placed = withPositions(map, placeUnpositioned(map), existing);
    expect(placed.elements[0]!.position).toBeUndefined();
    expect(placed.elements[1]!.position![0]).toBeGreaterThanOrEqual(900 + 320);
  });

  it('lays out very large imports as a grid', () => {
    const els = Array.from({ length: 5000 }, (_, i) => element(`e${i}`));
    const pos = placeUnpositioned(imported(els));
    expect(new Set(Object.values(pos).map((p) => p.join(','))).size).toBe(5000);
  });
});
