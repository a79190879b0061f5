import type { ConnectionRecord, ElementRecord, MapSnapshot } from '../../shared/schema/types';

/** Small hand-made snapshots for the editor's unit tests. */

export function el(
  id: string,
  x: number,
  y: number,
  extra: Partial<ElementRecord> = {},
): ElementRecord {
  return {
    id,
    kind: 'factor',
    label: id,
    description: '',
    tags: [],
    position: [x, y],
    createdBy: 't',
    createdAt: 0,
    updatedAt: 0,
    extra: {},
    ...extra,
  };
}

export function conn(
  id: string,
  from: string,
  to: string,
  extra: Partial<ConnectionRecord> = {},
): ConnectionRecord {
  return {
    id,
    from,
    to,
    kind: 'causal',
    polarity: '+',
    direction: 'directed',
    label: '',
    description: '',
    tags: [],
    createdBy: 't',
    createdAt: 0,
    updatedAt: 0,
    extra: {},
    ...extra,
  };
}

export function snap(
  elements: readonly ElementRecord[],
  connections: readonly ConnectionRecord[] = [],
): MapSnapshot {
  return {
    meta: { schemaVersion: 1, title: 't', createdAt: 0, createdBy: 't', extra: {} },
    elements: new Map(elements.map((e) => [e.id, e])),
    connections: new Map(connections.map((c) => [c.id, c])),
    sources: new Map(),
    loops: new Map(),
  };
}

/** `s` with some elements replaced or added (new record objects) and others kept by identity. */
export function withElements(
  s: MapSnapshot,
  changed: readonly ElementRecord[],
  removed: readonly string[] = [],
): MapSnapshot {
  const elements = new Map(s.elements);
  for (const e of changed) elements.set(e.id, e);
  for (const id of removed) elements.delete(id);
  const connections = new Map(
    [...s.connections].filter(([, c]) => elements.has(c.from) && elements.has(c.to)),
  );
  return {
    ...s,
    elements,
    connections: connections.size === s.connections.size ? s.connections : connections,
  };
}
