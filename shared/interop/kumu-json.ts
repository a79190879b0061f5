import type { MapSnapshot, Position } from '../schema/types';
import {
  byId,
  CONNECTION_COLUMNS,
  customColumns,
  ELEMENT_COLUMNS,
  readKumuRows,
  type Row,
} from './kumu-table';
import { connectionType, typeFromKind } from './kinds';
import { fail, guard, type ImportInput, type ImportResult } from './model';
import { parseJsonInput } from './text';

/**
 * Kumu's JSON blueprint: `{ elements, connections, loops }`, elements with `label`, `type`,
 * `description`, `tags` and any other field; connections with `from`/`to` (an element's id or
 * label), `type`, `direction`. Also reads Kumu project backups (`_id`, fields nested under
 * `attributes`, positions under `maps[].elements[]`). Positions are written the backup's way.
 */

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Element positions from a backup's `maps`: from the first map that places each element (a
 * project backup can hold several maps, and an element may be placed only on a later one).
 */
function positionsOf(maps: unknown): { positions: Map<string, Position>; mapCount: number } {
  const positions = new Map<string, Position>();
  if (!Array.isArray(maps)) return { positions, mapCount: 0 };
  const list = maps.filter(isObj);
  for (const m of list) {
    if (!Array.isArray(m.elements)) continue;
    for (const p of m.elements) {
      if (!isObj(p) || !isObj(p.position)) continue;
      const { x, y } = p.position;
      const id =
        typeof p.element === 'string' ? p.element : typeof p.id === 'string' ? p.id : undefined;
      if (id && !positions.has(id) && typeof x === 'number' && typeof y === 'number')
        positions.set(id, [x, y]);
    }
  }
  return { positions, mapCount: list.length };
}

export function importKumuJson(input: ImportInput): ImportResult {
  return guard(() => {
    const value = parseJsonInput(input);
    if (!isObj(value) || (!Array.isArray(value.elements) && !Array.isArray(value.connections)))
      return fail('This is not a Kumu blueprint: it has no "elements" or "connections" list.');
    const rows = (key: string): Row[] | undefined => {
      const v = value[key];
      if (v === undefined) return undefined;
      return Array.isArray(v) ? v.map((r) => (isObj(r) ? r : { label: String(r) })) : [];
    };
    const { positions, mapCount } = positionsOf(value.maps);
    const elements = rows('elements') ?? [];
    const unplaced =
      mapCount > 0
        ? elements.filter((e) => {
            const id = e._id ?? e.id;
            const attrs = isObj(e.attributes) ? e.attributes : {};
            const hasXY = ['x', 'X'].some((k) => k in e || k in attrs);
            return typeof id === 'string' && !positions.has(id) && !hasXY;
          })
        : [];
    const result = readKumuRows({
      elements,
      connections: rows('connections') ?? [],
      loops: rows('loops'),
      positions,
      title:
        typeof value.name === 'string'
          ? value.name
          : typeof value.title === 'string'
            ? value.title
            : undefined,
      where: (table, i) => `${table}[${i}]`,
    });
    if (!result.ok || unplaced.length === 0) return result;
    const names = unplaced.slice(0, 5).map((e) => {
      const attrs = isObj(e.attributes) ? e.attributes : {};
      return `'${String(attrs.label ?? e.label ?? e._id ?? e.id)}'`;
    });
    const more = unplaced.length > 5 ? ` and ${unplaced.length - 5} more` : '';
    return {
      ...result,
      problems: [
        ...result.problems,
        {
          where: 'maps',
          field: 'position',
          message: `${unplaced.length} element${unplaced.length === 1 ? ' is' : 's are'} on none of the backup's ${mapCount} map${mapCount === 1 ? '' : 's'} (${names.join(', ')}${more}): placed automatically.`,
        },
      ],
    };
  });
}

const put = (o: Record<string, unknown>, k: string, v: unknown): void => {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return;
  o[k] = v;
};

export interface KumuBlueprint {
  readonly name: string;
  readonly elements: Record<string, unknown>[];
  readonly connections: Record<string, unknown>[];
  readonly loops: Record<string, unknown>[];
  readonly maps: {
    name: string;
    elements: { element: string; position: { x: number; y: number } }[];
  }[];
}

export function exportKumuJson(snapshot: MapSnapshot): KumuBlueprint {
  const elements = byId(snapshot.elements);
  const connections = byId(snapshot.connections);
  const eCustom = customColumns(elements, ELEMENT_COLUMNS, ['type']);
  const cCustom = customColumns(connections, CONNECTION_COLUMNS, ['type']);
  return {
    name: snapshot.meta.title,
    elements: elements.map((e) => {
      const o: Record<string, unknown> = { id: e.id, label: e.label };
      put(o, 'type', typeFromKind(e.kind, e.actorType, e.extra.type)); // a blank type stays out
      put(o, 'description', e.description);
      put(o, 'tags', [...e.tags]);
      put(o, 'leverage', e.leverageLevel);
      put(o, 'color', e.color);
      put(o, 'pinned', e.pinned);
      put(o, 'parent', e.parent);
      for (const k of eCustom) put(o, k, e.extra[k]);
      return o;
    }),
    connections: connections.map((c) => {
      const o: Record<string, unknown> = { id: c.id, from: c.from, to: c.to };
      put(o, 'type', connectionType(c));
      o.direction = c.direction;
      put(o, 'label', c.label);
      put(o, 'description', c.description);
      put(o, 'strength', c.strength ?? c.extra.Strength);
      put(o, 'tags', [...c.tags]);
      put(o, 'delay', c.delay);
      put(o, 'weight', c.weight ?? c.extra.Weight);
      for (const k of cCustom) put(o, k, c.extra[k]);
      return o;
    }),
    loops: [...snapshot.loops.values()]
      .sort((a, b) => (a.signature < b.signature ? -1 : 1))
      .map((l) => {
        const o: Record<string, unknown> = { label: l.name };
        put(o, 'description', l.note);
        o.elements = [...l.members];
        // As Kumu backups list a loop: by its connections (a mutual link walked backwards too).
        if (!l.signature.startsWith('named:'))
          o.connections = [...new Set(l.signature.split(' ').map((t) => t.replace(/~$/, '')))];
        o.signature = l.signature;
        return o;
      }),
    maps: [
      {
        name: snapshot.meta.title || 'Map',
        elements: elements.map((e) => ({
          element: e.id,
          position: { x: e.position[0], y: e.position[1] },
        })),
      },
    ],
  };
}

export const serializeKumuJson = (snapshot: MapSnapshot): string =>
  JSON.stringify(exportKumuJson(snapshot), null, 2);
