import type { ElementRecord, MapSnapshot } from '../../../shared/schema/types';
import { conn, el } from '../test-fixtures';

/**
 * A small map with every element kind, connection style and overlay, for eyeballing the renderer
 * (bench.html?showcase=1, add &theme=dark for the dark palette).
 */
export function showcaseMap(): MapSnapshot {
  const elements: ElementRecord[] = [
    el('grp', 0, 0, { kind: 'group', label: 'Local food system' }),
    el('f1', 80, 80, { label: 'Demand for local produce', parent: 'grp' }),
    el('f2', 420, 80, { label: 'Farm income', parent: 'grp' }),
    el('f3', 420, 300, { label: 'Number of small farms', parent: 'grp' }),
    el('f4', 80, 300, {
      label: 'Land prices with a very long label that must be cut',
      parent: 'grp',
    }),
    el('i1', 760, 80, { kind: 'intervention', label: 'Farm-to-school programme' }),
    el('n1', 780, 320, {
      kind: 'note',
      label:
        'Check the 2023 county survey before the next session: prices rose fastest near towns.',
    }),
    el('p1', 80, 560, { kind: 'actor', actorType: 'person', label: 'Ana (grower)' }),
    el('o1', 300, 560, { kind: 'actor', actorType: 'organization', label: 'Food bank' }),
    el('a1', 520, 560, { kind: 'actor', actorType: 'group', label: 'Growers co-op' }),
    el('c1', 740, 560, { kind: 'actor', actorType: 'community', label: 'North valley' }),
    el('f5', 1080, 80, { label: 'Custom colour', color: '#d3f9d8' }),
  ];
  const connections = [
    conn('k1', 'f1', 'f2', { polarity: '+' }),
    conn('k2', 'f2', 'f3', { polarity: '+', delay: true }),
    conn('k3', 'f3', 'f4', { polarity: '+' }),
    conn('k4', 'f4', 'f1', { polarity: '-' }),
    conn('k5', 'i1', 'f2', { polarity: '+' }),
    conn('k6', 'f2', 'i1', { polarity: '-', delay: true }),
    conn('r1', 'p1', 'o1', { kind: 'relationship', direction: 'undirected', polarity: undefined }),
    conn('r2', 'o1', 'a1', {
      kind: 'relationship',
      direction: 'mutual',
      polarity: undefined,
      label: 'shares a van',
    }),
    conn('r3', 'a1', 'c1', {
      kind: 'relationship',
      direction: 'directed',
      polarity: undefined,
      proposed: true,
    }),
    conn('r4', 'p1', 'f1', { kind: 'relationship', direction: 'directed', polarity: undefined }),
  ];
  return {
    meta: { schemaVersion: 1, title: 'Showcase', createdAt: 0, createdBy: 'bench', extra: {} },
    elements: new Map(elements.map((e) => [e.id, e])),
    connections: new Map(connections.map((c) => [c.id, c])),
    sources: new Map(),
    loops: new Map(),
  };
}
