import type { Direction, MapSnapshot, Position } from '../schema/types';
import { DIRECTIONS } from '../schema/types';
import { MapBuilder } from './builder';
import { unescapeCell } from './cells';
import {
  connectionType,
  isAmbiguousType,
  kindFromType,
  polarityFromType,
  typeFromKind,
} from './kinds';
import type { ImportResult } from './model';

/**
 * Kumu's tabular model, shared by the JSON blueprint, the CSV files and the XLSX workbook: rows
 * of named cells for elements, connections and loops. Reading maps Kumu's columns to Weavemap's
 * fields and keeps every other column as a custom field; writing does the reverse.
 */

export type Cell = string | number | boolean | null | undefined | Date | readonly unknown[];
export type Row = Readonly<Record<string, unknown>>;

export interface KumuRows {
  readonly elements: readonly Row[];
  readonly connections: readonly Row[];
  readonly loops?: readonly Row[] | undefined;
  /** Element id -> position, from a Kumu backup's `maps` section. */
  readonly positions?: ReadonlyMap<string, Position> | undefined;
  readonly title?: string | undefined;
  /** How a row is named in problems: `Connections row 14`, `connections[3]`. */
  readonly where: (table: 'elements' | 'connections' | 'loops', index: number) => string;
  /**
   * Spreadsheet cells: remove formula escapes from text; with `typed`, text that is exactly a
   * number or true/false is read as one (CSV has no cell types).
   */
  readonly spreadsheet?: { readonly typed: boolean } | undefined;
}

export const ELEMENT_COLUMNS = [
  'ID',
  'Label',
  'Type',
  'Description',
  'Tags',
  'X',
  'Y',
  'Leverage',
  'Color',
  'Pinned',
  'Parent',
];
export const CONNECTION_COLUMNS = [
  'ID',
  'From',
  'To',
  'Type',
  'Direction',
  'Label',
  'Description',
  'Strength',
  'Tags',
  'Delay',
  'Weight',
];
const LOOP_COLUMNS = ['Label', 'Description', 'Elements', 'Signature'];

const ALIASES: Record<string, string> = {
  _id: 'id',
  'element type': 'type',
  'connection type': 'type',
  name: 'label',
  notes: 'description',
  x: 'x',
  y: 'y',
  leverage: 'leverage',
  'leverage level': 'leverage',
  colour: 'color',
};
const ELEMENT_KEYS = new Set([
  'id',
  'label',
  'type',
  'description',
  'tags',
  'x',
  'y',
  'leverage',
  'color',
  'pinned',
  'parent',
]);
const CONNECTION_KEYS = new Set([
  'id',
  'from',
  'to',
  'type',
  'direction',
  'label',
  'description',
  'strength',
  'tags',
  'delay',
  'weight',
]);

const keyOf = (header: string): string => {
  const k = header.trim().toLowerCase();
  return ALIASES[k] ?? k;
};

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

class RowReader {
  readonly known = new Map<string, unknown>();
  readonly custom: Record<string, unknown> = {};
  constructor(row: Row, keys: ReadonlySet<string>, spreadsheet: KumuRows['spreadsheet']) {
    // Kumu backups nest fields under `attributes`.
    const flat: Record<string, unknown> = { ...row };
    const attrs = row.attributes;
    if (attrs && typeof attrs === 'object' && !Array.isArray(attrs)) {
      delete flat.attributes;
      Object.assign(flat, attrs);
    }
    for (const [header, raw] of Object.entries(flat)) {
      let v = raw instanceof Date ? raw.toISOString() : raw;
      if (typeof v === 'string' && spreadsheet) {
        v = unescapeCell(v);
        if (spreadsheet.typed && NUMBER.test(v as string)) v = Number(v);
        else if (spreadsheet.typed && (v === 'true' || v === 'false')) v = v === 'true';
      }
      if (v === null || v === undefined || v === '') continue;
      const k = keyOf(header);
      if (keys.has(k) && !this.known.has(k)) this.known.set(k, v);
      else this.custom[header] = v;
    }
  }
  text(k: string): string {
    const v = this.known.get(k);
    return v === undefined
      ? ''
      : typeof v === 'string'
        ? v
        : Array.isArray(v)
          ? v.join('|')
          : String(v);
  }
  has(k: string): boolean {
    return this.known.has(k);
  }
  num(k: string): number | undefined {
    const v = this.known.get(k);
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return undefined;
  }
  bool(k: string): boolean {
    const v = this.known.get(k);
    return v === true || (typeof v === 'string' && /^(yes|true|1|x|y)$/i.test(v.trim())) || v === 1;
  }
  list(k: string): string[] {
    const v = this.known.get(k);
    if (Array.isArray(v)) return v.map(String);
    return this.text(k).split('|');
  }
}

export function readKumuRows(input: KumuRows): ImportResult {
  const b = new MapBuilder();
  b.title = input.title;
  let elementRows = input.elements;
  if (elementRows.length === 0 && input.connections.length > 0) {
    // Connections alone (Kumu's shortest import): their ends become elements, as in Kumu.
    const names = new Set<string>();
    for (const row of input.connections) {
      const r = new RowReader(row, CONNECTION_KEYS, input.spreadsheet);
      for (const end of ['from', 'to']) if (r.text(end).trim()) names.add(r.text(end).trim());
    }
    elementRows = [...names].map((label) => ({ Label: label }));
    b.warn(
      '',
      'elements',
      `No elements were given: ${names.size} were made from the connections' From and To.`,
    );
  }
  elementRows.forEach((row, i) => {
    const where = input.where('elements', i);
    const r = new RowReader(row, ELEMENT_KEYS, input.spreadsheet);
    const ref = r.has('id') ? r.text('id').trim() : undefined;
    const label = r.text('label');
    if (!label.trim() && !ref) {
      b.error(where, 'label', 'An element needs a Label (or an ID).');
      return;
    }
    const type = r.text('type');
    const k = kindFromType(type);
    const extra = r.custom;
    if (type && typeFromKind(k.kind, k.actorType) !== type) extra.type = type;
    // A blank type stays blank on export (it is not Kumu's "Factor").
    if (!type.trim()) extra.type = '';
    const x = r.num('x');
    const y = r.num('y');
    const position: Position | undefined =
      x !== undefined && y !== undefined ? [x, y] : ref ? input.positions?.get(ref) : undefined;
    b.element({
      where,
      ref,
      kind: k.kind,
      label,
      description: r.text('description'),
      tags: r.list('tags'),
      position,
      actorType: k.actorType,
      leverageLevel: r.num('leverage'),
      color: r.text('color') || undefined,
      pinned: r.bool('pinned') || undefined,
      parent: r.text('parent') || undefined,
      extra,
      unset: [
        ...(type.trim() ? [] : ['kind', 'actorType', 'type']),
        ...(['description', 'tags', 'label'] as const).filter((k) => !r.has(k)),
      ],
    });
  });
  input.connections.forEach((row, i) => {
    const where = input.where('connections', i);
    const r = new RowReader(row, CONNECTION_KEYS, input.spreadsheet);
    const type = r.text('type');
    const polarity = polarityFromType(type);
    const extra = r.custom;
    let kind: 'causal' | 'relationship' = 'relationship';
    if (polarity) {
      kind = 'causal';
      if (type !== polarity) extra.type = type;
    } else if (isAmbiguousType(type)) {
      // Kumu's `+-`/`-+`: causal, sign unknown (the loop finder counts it as `+` and says so).
      kind = 'causal';
      extra.type = type;
    } else if (type.trim().toLowerCase() === 'causal') kind = 'causal';
    else if (type) extra.type = type;
    const dir = r.text('direction').trim().toLowerCase();
    let direction: Direction | undefined;
    if (dir) {
      if ((DIRECTIONS as readonly string[]).includes(dir)) direction = dir as Direction;
      else
        b.warn(
          where,
          'direction',
          `Direction '${dir}' is not directed, undirected or mutual; read as the default.`,
        );
    }
    let strength = r.num('strength');
    if (r.has('strength') && (strength === undefined || strength < 0 || strength > 1)) {
      extra.Strength = r.known.get('strength');
      strength = undefined;
    }
    let weight = r.num('weight');
    if (r.has('weight') && (weight === undefined || !(weight > 0))) {
      extra.Weight = r.known.get('weight');
      weight = undefined;
    }
    b.connection({
      where,
      ref: r.has('id') ? r.text('id').trim() : undefined,
      from: r.text('from'),
      to: r.text('to'),
      kind,
      polarity,
      delay: r.bool('delay') || undefined,
      direction,
      strength,
      weight,
      label: r.text('label'),
      description: r.text('description'),
      tags: r.list('tags'),
      extra,
      unset: [
        ...(type.trim() ? [] : ['kind', 'polarity']),
        ...(['direction', 'label', 'description', 'tags'] as const).filter((k) => !r.has(k)),
      ],
    });
  });
  (input.loops ?? []).forEach((row, i) => {
    const where = input.where('loops', i);
    const r = new RowReader(
      row,
      new Set(['label', 'description', 'elements', 'signature', 'connections']),
      input.spreadsheet,
    );
    const connections = r.has('connections')
      ? r.list('connections').filter((m) => m.trim() !== '')
      : undefined;
    b.loop({
      where,
      name: r.text('label'),
      note: r.text('description'),
      signature: r.text('signature') || undefined,
      members: r.list('elements').filter((m) => m.trim() !== ''),
      connections,
    });
  });
  return b.finish();
}

/** One table ready to write: headers and rows of plain cells (text not yet escaped). */
export interface Table {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: readonly (string | number | boolean | null)[][];
}

const cellOf = (v: unknown): string | number | boolean | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(String).join('|');
  return JSON.stringify(v);
};

export function customColumns(
  records: Iterable<{ extra: Readonly<Record<string, unknown>> }>,
  builtIn: readonly string[],
  skip: readonly string[],
): string[] {
  const taken = new Set([...builtIn, ...skip].map((h) => keyOf(h)));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of records)
    for (const k of Object.keys(r.extra))
      if (!seen.has(k)) {
        seen.add(k);
        if (!taken.has(keyOf(k))) out.push(k);
      }
  return out;
}

export const byId = <T extends { id: string }>(m: ReadonlyMap<string, T>): T[] =>
  [...m.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The map as Kumu tables (Elements, Connections, and Loops when there are named loops). */
export function kumuTables(snapshot: MapSnapshot): Table[] {
  const elements = byId(snapshot.elements);
  const connections = byId(snapshot.connections);
  const eCustom = customColumns(elements, ELEMENT_COLUMNS, ['type']);
  const cCustom = customColumns(connections, CONNECTION_COLUMNS, ['type']);
  const tables: Table[] = [
    {
      name: 'Elements',
      headers: [...ELEMENT_COLUMNS, ...eCustom],
      rows: elements.map((e) => [
        e.id,
        e.label,
        typeFromKind(e.kind, e.actorType, e.extra.type),
        e.description || null,
        e.tags.length ? e.tags.join('|') : null,
        e.position[0],
        e.position[1],
        e.leverageLevel ?? null,
        e.color ?? null,
        e.pinned ? true : null,
        e.parent ?? null,
        ...eCustom.map((k) => cellOf(e.extra[k])),
      ]),
    },
    {
      name: 'Connections',
      headers: [...CONNECTION_COLUMNS, ...cCustom],
      rows: connections.map((c) => [
        c.id,
        c.from,
        c.to,
        cellOf(connectionType(c)),
        c.direction,
        c.label || null,
        c.description || null,
        c.strength ?? cellOf(c.extra.Strength),
        c.tags.length ? c.tags.join('|') : null,
        c.delay ? 'yes' : null,
        c.weight ?? cellOf(c.extra.Weight),
        ...cCustom.map((k) => cellOf(c.extra[k])),
      ]),
    },
  ];
  const loops = byId(new Map([...snapshot.loops].map(([k, l]) => [k, { ...l, id: k }])));
  if (loops.length)
    tables.push({
      name: 'Loops',
      headers: LOOP_COLUMNS,
      rows: loops.map((l) => [l.name || null, l.note || null, l.members.join('|'), l.signature]),
    });
  return tables;
}
