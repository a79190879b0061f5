import type { ConnectionRecord, ElementRecord, LoopNoteRecord } from '../schema/types';

/**
 * What the analysis reads: a `MapSnapshot`, or any object with the same `elements` and
 * `connections` (as ReadonlyMaps keyed by id, or as plain arrays of records). Everything else in
 * a snapshot is ignored here.
 */
export interface MapLike {
  readonly elements: ReadonlyMap<string, ElementRecord> | readonly ElementRecord[];
  readonly connections: ReadonlyMap<string, ConnectionRecord> | readonly ConnectionRecord[];
  readonly loops?: ReadonlyMap<string, LoopNoteRecord> | readonly LoopNoteRecord[];
}

/** The same map as arrays in a stable order (sorted by id), with an element lookup. */
export interface MapData {
  readonly elements: readonly ElementRecord[];
  readonly connections: readonly ConnectionRecord[];
  readonly byId: ReadonlyMap<string, ElementRecord>;
  readonly loopNotes: readonly LoopNoteRecord[];
}

const values = <T>(x: ReadonlyMap<string, T> | readonly T[] | undefined): T[] =>
  x === undefined
    ? []
    : Array.isArray(x)
      ? [...(x as readonly T[])]
      : [...(x as ReadonlyMap<string, T>).values()];

const byIdOrder = (a: { id: string }, b: { id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Reads a map into sorted arrays. Sorting by id makes every result independent of insertion
 * order, so the same map always gives the same loops, clusters and suggestions. Connections whose
 * ends are not both on the map (a half-applied edit) are left out.
 */
export function readMap(map: MapLike): MapData {
  if (map === null || typeof map !== 'object' || !map.elements || !map.connections)
    throw new TypeError('Analysis needs a map with elements and connections.');
  const elements = values(map.elements).sort(byIdOrder);
  const byId = new Map<string, ElementRecord>();
  for (const e of elements) byId.set(e.id, e);
  const connections = values(map.connections)
    .filter((c) => byId.has(c.from) && byId.has(c.to))
    .sort(byIdOrder);
  const loopNotes = values(map.loops).sort((a, b) =>
    a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0,
  );
  return { elements, connections, byId, loopNotes };
}

/** Reads once: lets functions take either raw map data or an already-read `MapData`. */
export function asMapData(map: MapLike | MapData): MapData {
  return 'byId' in map && map.byId instanceof Map ? (map as MapData) : readMap(map as MapLike);
}
