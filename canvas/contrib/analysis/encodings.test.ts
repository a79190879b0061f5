import { describe, expect, it } from 'vitest';
import { analyzeMap } from '../../../shared/analysis/index';
import { conn, el, snap } from '../../editor/test-fixtures';
import { CATEGORY_COLORS, computeEncodings, scalesFor } from './encodings';

const map = snap(
  [
    el('f1', 0, 0),
    el('f2', 100, 0),
    el('f3', 200, 0),
    el('i1', 300, 0, { kind: 'intervention' }),
    el('n1', 0, 300, { kind: 'note' }),
    ...['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map((id, i) =>
      el(id, i * 80, 200, { kind: 'actor', actorType: 'person' }),
    ),
  ],
  [
    conn('c12', 'f1', 'f2'),
    conn('c23', 'f2', 'f3', { polarity: '-' }),
    conn('c31', 'f3', 'f1'),
    conn('ci', 'i1', 'f1'),
    ...[
      ['a1', 'a2'],
      ['a2', 'a3'],
      ['a1', 'a3'],
      ['b1', 'b2'],
      ['b2', 'b3'],
      ['b1', 'b3'],
      ['a3', 'b1'],
    ].map(([x, y]) => conn(`r${x}${y}`, x!, y!, { kind: 'relationship', direction: 'undirected' })),
    conn('af', 'a1', 'f1'),
  ],
);

describe('encodings', () => {
  const analysis = analyzeMap(map);

  it('the system lens keeps factors, interventions and causal links', () => {
    const { encodings } = computeEncodings(map, analysis, {
      sizeBy: 'none',
      colorBy: 'none',
      lens: 'system',
    });
    const hidden = encodings.hidden!;
    expect(['f1', 'f2', 'f3', 'i1'].some((id) => hidden.has(id))).toBe(false);
    expect(['n1', 'a1', 'b3', 'ra1a2'].every((id) => hidden.has(id))).toBe(true);
  });

  it('the network lens keeps actors and relationships only', () => {
    const { encodings } = computeEncodings(map, analysis, {
      sizeBy: 'none',
      colorBy: 'none',
      lens: 'network',
    });
    const hidden = encodings.hidden!;
    expect(['f1', 'i1', 'n1', 'af', 'c12'].every((id) => hidden.has(id))).toBe(true);
    expect(hidden.has('a1') || hidden.has('ra1a2')).toBe(false);
  });

  it('colours actors by cluster, with a legend of the clusters', () => {
    const r = computeEncodings(map, analysis, { sizeBy: 'none', colorBy: 'cluster', lens: 'all' });
    const fill = r.encodings.fill!;
    expect(fill.get('a1')).toBe(fill.get('a2'));
    expect(fill.get('a1')).not.toBe(fill.get('b1'));
    expect(fill.has('f1')).toBe(false);
    expect(r.legend.map((l) => l.count)).toEqual([3, 3]);
  });

  it('colours factors by their shortest loop', () => {
    const r = computeEncodings(map, analysis, { sizeBy: 'none', colorBy: 'loop', lens: 'all' });
    expect(r.encodings.fill!.get('f1')).toBe(CATEGORY_COLORS[0]);
    expect(r.legend).toEqual([{ label: 'B1', color: CATEGORY_COLORS[0], count: 3 }]);
  });

  it('sizes by a metric, the largest 2.2 times its usual size', () => {
    const r = computeEncodings(map, analysis, {
      sizeBy: 'betweenness',
      colorBy: 'none',
      lens: 'all',
    });
    const scale = r.encodings.scale!;
    // a3 and b1 hold the only tie between the two triangles.
    expect(scale.get('a3')).toBe(2.2);
    expect(scale.get('a2')).toBe(0.7);
    expect(r.sized).toBe(6);
    expect(scalesFor(new Map([['x', 0]])).get('x')).toBe(0.7);
  });

  it('without an analysis yet, only the lens applies', () => {
    const r = computeEncodings(map, null, { sizeBy: 'degree', colorBy: 'cluster', lens: 'all' });
    expect(r.encodings).toEqual({});
  });
});
