import {
  ACTOR_TYPES,
  CONNECTION_KINDS,
  DIRECTIONS,
  ELEMENT_KINDS,
  POLARITIES,
  type ActorType,
  type ConnectionKind,
  type ConnectionRecord,
  type Direction,
  type ElementKind,
  type ElementRecord,
  type Polarity,
} from '../schema/types';
import { isWeight } from '../schema/validate';
import type { RawConnection, RawElement } from './builder';
import { kindFromType, polarityFromType } from './kinds';

/**
 * Typed attributes shared by GEXF and GraphML: Weavemap's fields as named attributes, custom
 * fields as attributes typed from their values (so numbers stay numbers), and analysis results
 * (cluster, betweenness, ...) as `analysis:<name>` attributes when asked for. On import, every
 * attribute that is not one of ours becomes a custom field; `analysis:` ones are left out
 * (they are recomputed).
 */

export type AttrType = 'string' | 'double' | 'integer' | 'boolean';

export interface AttrDef {
  /** The attribute's id in the file. */
  readonly id: string;
  /** Its title (GEXF) or attr.name (GraphML). */
  readonly title: string;
  readonly type: AttrType;
  readonly read: (r: Record<string, unknown>) => unknown;
}

export const NODE_FIELDS: readonly (readonly [string, AttrType])[] = [
  ['kind', 'string'],
  ['actorType', 'string'],
  ['description', 'string'],
  ['tags', 'string'],
  ['leverageLevel', 'integer'],
  ['pinned', 'boolean'],
  ['parent', 'string'],
];
export const EDGE_FIELDS: readonly (readonly [string, AttrType])[] = [
  ['kind', 'string'],
  ['polarity', 'string'],
  ['delay', 'boolean'],
  ['direction', 'string'],
  ['strength', 'double'],
  ['description', 'string'],
  ['tags', 'string'],
  ['proposed', 'boolean'],
];

/** Titles an importer treats as ours (with `label`, `x`, `y`, `color`, written by some formats). */
const RESERVED = new Set(
  [...NODE_FIELDS, ...EDGE_FIELDS]
    .map(([n]) => n.toLowerCase())
    .concat(['label', 'x', 'y', 'color', 'weight', 'title']),
);

export const EXTRA_PREFIX = 'extra:';
export const ANALYSIS_PREFIX = 'analysis:';

function typeOfValues(values: readonly unknown[]): AttrType {
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  // Whole numbers only: an integer column (Gephi's Modularity Class, NetworkX's ints) stays one.
  if (values.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) return 'integer';
  if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) return 'double';
  return 'string';
}

/** Attribute definitions for the custom fields found in `records`' extra. */
export function customAttrs(
  records: readonly { readonly extra: Readonly<Record<string, unknown>> }[],
  idPrefix: string,
): AttrDef[] {
  const values = new Map<string, unknown[]>();
  for (const r of records)
    for (const [k, v] of Object.entries(r.extra)) {
      if (v === undefined || v === null) continue;
      const list = values.get(k);
      if (list) list.push(v);
      else values.set(k, [v]);
    }
  let n = 0;
  return [...values.entries()].map(([key, vs]) => ({
    id: `${idPrefix}${n++}`,
    title:
      RESERVED.has(key.toLowerCase()) ||
      key.startsWith(ANALYSIS_PREFIX) ||
      key.startsWith(EXTRA_PREFIX)
        ? EXTRA_PREFIX + key
        : key,
    type: typeOfValues(vs),
    read: (r) => (r.extra as Record<string, unknown>)[key],
  }));
}

/** A value as attribute text (lists joined with `|`, objects as JSON). */
export function attrText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return v.map(String).join('|');
  return JSON.stringify(v);
}

export function builtinNodeValue(e: ElementRecord, name: string): unknown {
  if (name === 'tags') return e.tags.length ? e.tags.join('|') : undefined;
  if (name === 'description') return e.description || undefined;
  return (e as unknown as Record<string, unknown>)[name];
}

export function builtinEdgeValue(c: ConnectionRecord, name: string): unknown {
  if (name === 'tags') return c.tags.length ? c.tags.join('|') : undefined;
  if (name === 'description') return c.description || undefined;
  return (c as unknown as Record<string, unknown>)[name];
}

/** Reads an attribute's text by its declared type. */
export function typedValue(text: string, type: string | undefined): unknown {
  const t = (type ?? 'string').toLowerCase();
  if (
    [
      'double',
      'float',
      'integer',
      'int',
      'long',
      'short',
      'byte',
      'bigdecimal',
      'biginteger',
    ].includes(t)
  ) {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (t === 'boolean') return text.trim().toLowerCase() === 'true';
  return text;
}

const oneOf = <T extends string>(v: unknown, list: readonly T[]): T | undefined =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : undefined;

const splitTags = (v: unknown): string[] =>
  typeof v === 'string'
    ? v
        .replace(/^\[|\]$/g, '')
        .split(/\|/)
        .map((t) => t.trim())
        .filter(Boolean)
    : Array.isArray(v)
      ? v.map(String)
      : [];

/** Named values read from a node (title -> typed value), sorted into element fields and extra. */
export function elementFromAttrs(
  base: {
    where: string;
    ref: string;
    label: string;
    position?: readonly [number, number] | undefined;
    color?: string | undefined;
  },
  values: ReadonlyMap<string, unknown>,
): RawElement {
  const extra: Record<string, unknown> = {};
  const known: Record<string, unknown> = {};
  for (const [title, v] of values) {
    if (title.startsWith(ANALYSIS_PREFIX)) continue;
    if (title.startsWith(EXTRA_PREFIX)) extra[title.slice(EXTRA_PREFIX.length)] = v;
    else if (NODE_FIELDS.some(([n]) => n === title)) known[title] = v;
    else extra[title] = v;
  }
  let kind: ElementKind = oneOf(known.kind, ELEMENT_KINDS) ?? 'factor';
  let actorType: ActorType | undefined = oneOf(known.actorType, ACTOR_TYPES);
  if (!oneOf(known.kind, ELEMENT_KINDS)) {
    const typeText =
      typeof known.kind === 'string'
        ? known.kind
        : typeof extra.type === 'string'
          ? extra.type
          : '';
    if (typeText) {
      const k = kindFromType(typeText);
      kind = k.kind;
      actorType ??= k.actorType;
      if (typeof known.kind === 'string') extra.type = known.kind;
    }
  }
  const lev = known.leverageLevel;
  return {
    where: base.where,
    ref: base.ref,
    kind,
    label: base.label,
    description: typeof known.description === 'string' ? known.description : undefined,
    tags: splitTags(known.tags),
    position: base.position,
    actorType,
    leverageLevel: typeof lev === 'number' ? lev : undefined,
    color: base.color,
    pinned: known.pinned === true ? true : undefined,
    parent: typeof known.parent === 'string' && known.parent ? known.parent : undefined,
    extra,
  };
}

export function connectionFromAttrs(
  base: {
    where: string;
    ref: string | undefined;
    from: string;
    to: string;
    label: string;
    direction?: Direction | undefined;
    weight?: number | undefined;
  },
  values: ReadonlyMap<string, unknown>,
): RawConnection {
  const extra: Record<string, unknown> = {};
  const known: Record<string, unknown> = {};
  for (const [title, v] of values) {
    if (title.startsWith(ANALYSIS_PREFIX)) continue;
    if (title.startsWith(EXTRA_PREFIX)) extra[title.slice(EXTRA_PREFIX.length)] = v;
    else if (EDGE_FIELDS.some(([n]) => n === title)) known[title] = v;
    else extra[title] = v;
  }
  let polarity: Polarity | undefined = oneOf(known.polarity, POLARITIES);
  let label = base.label;
  let kind: ConnectionKind | undefined = oneOf(known.kind, CONNECTION_KINDS);
  if (!kind) {
    if (!polarity && polarityFromType(label)) {
      polarity = polarityFromType(label);
      label = '';
    }
    kind = polarity ? 'causal' : 'relationship';
  }
  let strength = typeof known.strength === 'number' ? known.strength : undefined;
  if ('weight' in extra) {
    // A weight that is not a number: `weight` is the connection's own field, so kept as `Weight`.
    extra.Weight ??= extra.weight;
    delete extra.weight;
  }
  let weight: number | undefined;
  if (base.weight !== undefined) {
    if (isWeight(base.weight)) weight = base.weight === 1 ? undefined : base.weight;
    else extra.Weight = base.weight; // zero or negative (Gephi allows them): kept as a field
  }
  if (strength !== undefined && (strength < 0 || strength > 1)) {
    extra.Strength = strength;
    strength = undefined;
  }
  return {
    where: base.where,
    ref: base.ref,
    from: base.from,
    to: base.to,
    kind,
    polarity,
    delay: known.delay === true ? true : undefined,
    direction: oneOf(known.direction, DIRECTIONS) ?? base.direction,
    strength,
    weight,
    label,
    description: typeof known.description === 'string' ? known.description : undefined,
    tags: splitTags(known.tags),
    proposed: known.proposed === true ? true : undefined,
    extra,
  };
}

/** Optional analysis results to write with the nodes (e.g. `{ cluster: Map(id -> 3) }`). */
export type AnalysisColumns = Readonly<Record<string, ReadonlyMap<string, number | string>>>;

export function analysisAttrs(analysis: AnalysisColumns | undefined, idPrefix: string): AttrDef[] {
  if (!analysis) return [];
  return Object.entries(analysis).map(([name, values], i) => ({
    id: `${idPrefix}${i}`,
    title: ANALYSIS_PREFIX + name,
    type: typeOfValues([...values.values()]),
    read: (r) => values.get(r.id as string),
  }));
}
