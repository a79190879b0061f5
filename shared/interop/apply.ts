import * as Y from 'yjs';
import {
  CONNECTION_KINDS,
  ELEMENT_KINDS,
  type ActorType,
  type ConnectionKind,
  type ConnectionRecord,
  type ElementKind,
  type FieldError,
  type MapSnapshot,
} from '../schema/types';
import {
  connectionsMap,
  elementsMap,
  knownFields,
  loopsMap,
  metaMap,
  sourcesMap,
} from '../schema/doc';
import { readSnapshot } from '../schema/snapshot';
import { validateConnection, validateElement, validateSource } from '../schema/validate';
import { SCHEMA_VERSION } from '../schema/version';
import { DomainError, nowOf, transact, type EditContext } from '../domain/context';
import { updateElement, writeNewElement, type ElementPatch } from '../domain/elements';
import { updateConnection, writeNewConnection, type ConnectionPatch } from '../domain/connections';
import { linkSource, writeNewSource } from '../domain/sources';
import { newId } from '../domain/ids';
import { loopSignature, normLabel } from './builder';
import type { ImportedConnection, ImportedElement, ImportedMap } from './model';

/**
 * Preview and apply of an imported map. `applyImport` writes everything in ONE transaction (one
 * undo step), and checks everything before writing anything: Yjs cannot roll a transaction back,
 * so a record that would fail must fail before the first write.
 */

export interface ImportPreview {
  readonly elements: number;
  readonly elementsByKind: Readonly<Record<ElementKind, number>>;
  readonly actorsByType: Readonly<Partial<Record<ActorType | 'unspecified', number>>>;
  readonly connections: number;
  readonly connectionsByKind: Readonly<Record<ConnectionKind, number>>;
  readonly loops: number;
  readonly sources: number;
  /** With an existing map: how many records a merge would update and how many it would add. */
  readonly merge?: {
    readonly elements: { readonly matched: number; readonly added: number };
    readonly connections: { readonly matched: number; readonly added: number };
  };
  /** e.g. "12 elements (8 factors, 4 actors), 20 connections, 1 loop, 2 sources" */
  readonly summary: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function previewImport(map: ImportedMap, existing?: MapSnapshot): ImportPreview {
  const elementsByKind = Object.fromEntries(ELEMENT_KINDS.map((k) => [k, 0])) as Record<
    ElementKind,
    number
  >;
  const actorsByType: Partial<Record<ActorType | 'unspecified', number>> = {};
  for (const e of map.elements) {
    elementsByKind[e.kind]++;
    if (e.kind === 'actor') {
      const t = e.actorType ?? 'unspecified';
      actorsByType[t] = (actorsByType[t] ?? 0) + 1;
    }
  }
  const connectionsByKind = Object.fromEntries(CONNECTION_KINDS.map((k) => [k, 0])) as Record<
    ConnectionKind,
    number
  >;
  for (const c of map.connections) connectionsByKind[c.kind]++;
  const kinds = ELEMENT_KINDS.filter((k) => elementsByKind[k] > 0).map((k) =>
    plural(elementsByKind[k], k === 'actor' ? 'actor' : k),
  );
  const parts = [
    `${plural(map.elements.length, 'element')}${kinds.length ? ` (${kinds.join(', ')})` : ''}`,
    plural(map.connections.length, 'connection'),
    plural(map.loops.length, 'loop'),
    plural(map.sources.length, 'source'),
  ];
  let merge: ImportPreview['merge'];
  if (existing) {
    const plan = planMerge(map, existing);
    const matchedE = plan.elementTarget.size;
    const matchedC = plan.connectionTarget.size;
    merge = {
      elements: { matched: matchedE, added: map.elements.length - matchedE },
      connections: { matched: matchedC, added: map.connections.length - matchedC },
    };
    parts.push(
      `merging updates ${plural(matchedE, 'element')} and ${plural(matchedC, 'connection')}`,
    );
  }
  return {
    elements: map.elements.length,
    elementsByKind,
    actorsByType,
    connections: map.connections.length,
    connectionsByKind,
    loops: map.loops.length,
    sources: map.sources.length,
    ...(merge ? { merge } : {}),
    summary: parts.join(', '),
  };
}

interface MergePlan {
  /** Imported element id -> existing element id it updates. */
  readonly elementTarget: Map<string, string>;
  /** Imported connection id -> existing connection id it updates. */
  readonly connectionTarget: Map<string, string>;
}

/** Kumu's rule: an imported record is the existing one with its ID, else the one with its label. */
function planMerge(map: ImportedMap, existing: MapSnapshot): MergePlan {
  const byLabel = new Map<string, string>();
  for (const e of existing.elements.values()) {
    const k = normLabel(e.label);
    if (k && !byLabel.has(k)) byLabel.set(k, e.id);
  }
  const elementTarget = new Map<string, string>();
  const taken = new Set<string>();
  for (const e of map.elements) {
    let target = existing.elements.has(e.id) ? e.id : byLabel.get(normLabel(e.label));
    if (target && taken.has(target)) target = undefined; // two imported rows, one element: add the second
    if (target) {
      elementTarget.set(e.id, target);
      taken.add(target);
    }
  }
  const endOf = (id: string): string => elementTarget.get(id) ?? id;
  const byEnds = new Map<string, ConnectionRecord[]>();
  for (const c of existing.connections.values()) {
    const k = `${c.from}>${c.to}`;
    const list = byEnds.get(k);
    if (list) list.push(c);
    else byEnds.set(k, [c]);
  }
  const connectionTarget = new Map<string, string>();
  const takenC = new Set<string>();
  for (const c of map.connections) {
    const from = endOf(c.from);
    const to = endOf(c.to);
    const same = existing.connections.get(c.id);
    let target: string | undefined;
    if (same && same.from === from && same.to === to) target = same.id;
    else {
      const candidates = (byEnds.get(`${from}>${to}`) ?? []).filter(
        (x) => x.kind === c.kind && !takenC.has(x.id),
      );
      target = (candidates.find((x) => x.label === c.label) ?? candidates[0])?.id;
    }
    if (target && !takenC.has(target)) {
      connectionTarget.set(c.id, target);
      takenC.add(target);
    }
  }
  return { elementTarget, connectionTarget };
}

export interface ApplyOptions {
  /** 'new': the document is a new, empty map. 'merge': update matching records, add the rest. */
  readonly mode: 'new' | 'merge';
  /** Title for a new map (default: the file's title, else "Imported map"). */
  readonly title?: string;
}

export interface ApplySummary {
  readonly created: { elements: number; connections: number; sources: number; loops: number };
  readonly updated: { elements: number; connections: number; sources: number; loops: number };
  /** Imported id -> id in the document (they differ where a merge matched or an id was taken). */
  readonly ids: ReadonlyMap<string, string>;
}

function check(where: string, errors: readonly FieldError[], out: FieldError[]): void {
  for (const e of errors) out.push({ field: `${where}.${e.field}`, message: e.message });
}

/** Drops the fields a file left blank, so a merge keeps the map's values for them. */
function keepSet(p: Record<string, unknown>, unset: readonly string[] | undefined): void {
  if (!unset?.length) return;
  for (const k of unset) delete p[k];
  // Custom fields left blank in the file (a blank Kumu Type) keep the map's value too.
  if (p.extra && unset.some((k) => k in (p.extra as object))) {
    const extra = { ...(p.extra as Record<string, unknown>) };
    for (const k of unset) delete extra[k];
    p.extra = extra;
  }
}

function elementPatch(e: ImportedElement, parent: string | undefined): ElementPatch {
  const p: Record<string, unknown> = {
    kind: e.kind,
    label: e.label,
    description: e.description,
    tags: e.tags,
  };
  for (const k of ['position', 'actorType', 'leverageLevel', 'color', 'pinned'] as const)
    if (e[k] !== undefined) p[k] = e[k];
  if (parent) p.parent = parent;
  if (Object.keys(e.extra).length) p.extra = e.extra;
  keepSet(p, e.unset);
  return p as ElementPatch;
}

function connectionPatch(c: ImportedConnection): ConnectionPatch {
  const p: Record<string, unknown> = {
    kind: c.kind,
    label: c.label,
    description: c.description,
    tags: c.tags,
  };
  for (const k of ['polarity', 'delay', 'direction', 'strength', 'weight', 'proposed'] as const)
    if (c[k] !== undefined) p[k] = c[k];
  if (Object.keys(c.extra).length) p.extra = c.extra;
  keepSet(p, c.unset);
  return p as ConnectionPatch;
}

/**
 * Writes an imported map into `ctx.doc` in one transaction. Throws a `DomainError` (having
 * written nothing) when a record is invalid, when 'new' is asked of a map that has content, or
 * when a connection end is neither imported nor on the map.
 */
export function applyImport(
  ctx: EditContext,
  map: ImportedMap,
  options: ApplyOptions,
): ApplySummary {
  const doc = ctx.doc;
  const errors: FieldError[] = [];
  map.elements.forEach((e, i) =>
    check(`elements[${i}]`, validateElement({ ...e, extra: undefined, unset: undefined }), errors),
  );
  map.connections.forEach((c, i) =>
    check(
      `connections[${i}]`,
      validateConnection({ ...c, extra: undefined, unset: undefined }),
      errors,
    ),
  );
  map.sources.forEach((s, i) => check(`sources[${i}]`, validateSource(s), errors));
  const snapshot = readSnapshot(doc);
  if (options.mode === 'new' && (snapshot.elements.size > 0 || snapshot.connections.size > 0))
    errors.push({
      field: 'mode',
      message: 'This map already has content: import into a new map, or merge.',
    });
  const plan =
    options.mode === 'merge'
      ? planMerge(map, snapshot)
      : { elementTarget: new Map<string, string>(), connectionTarget: new Map<string, string>() };

  // Ids in the document for every imported record.
  const ids = new Map<string, string>();
  const takenIds = new Set<string>([
    ...elementsMap(doc).keys(),
    ...connectionsMap(doc).keys(),
    ...sourcesMap(doc).keys(),
  ]);
  const claim = (id: string): string => {
    const out = takenIds.has(id) ? newId() : id;
    takenIds.add(out);
    return out;
  };
  for (const e of map.elements) ids.set(e.id, plan.elementTarget.get(e.id) ?? claim(e.id));
  for (const c of map.connections) {
    for (const end of [c.from, c.to])
      if (!ids.has(end) && !snapshot.elements.has(end))
        errors.push({
          field: 'connections.from',
          message: `Connection to '${end}', which no element has.`,
        });
    ids.set(c.id, plan.connectionTarget.get(c.id) ?? claim(c.id));
  }
  const sourceByUrl = new Map<string, string>();
  for (const s of snapshot.sources.values()) sourceByUrl.set(s.url, s.id);
  const sourceTarget = new Map<string, string>();
  for (const s of map.sources) {
    const match =
      options.mode === 'merge'
        ? snapshot.sources.has(s.id)
          ? s.id
          : sourceByUrl.get(s.url)
        : undefined;
    if (match) sourceTarget.set(s.id, match);
    ids.set(s.id, match ?? claim(s.id));
  }
  if (errors.length) throw new DomainError(errors);

  const created = { elements: 0, connections: 0, sources: 0, loops: 0 };
  const updated = { elements: 0, connections: 0, sources: 0, loops: 0 };
  const mapId = (id: string): string => ids.get(id) ?? id;

  transact(ctx, () => {
    const meta = metaMap(doc);
    if (!meta.has('schemaVersion')) {
      meta.set('schemaVersion', SCHEMA_VERSION);
      meta.set('title', (options.title ?? map.title ?? '').trim() || 'Imported map');
      meta.set('createdAt', nowOf(ctx));
      meta.set('createdBy', ctx.userId);
    }
    for (const [k, v] of Object.entries(map.meta ?? {}))
      if (!knownFields.meta.has(k) && v !== undefined)
        meta.set(k, JSON.parse(JSON.stringify(v)) as unknown);
    for (const e of map.elements) {
      const target = plan.elementTarget.get(e.id);
      const parent = e.parent ? mapId(e.parent) : undefined;
      if (target) {
        updateElement(ctx, target, elementPatch(e, parent));
        updated.elements++;
      } else {
        const { unset: _u, ...fields } = e;
        writeNewElement(ctx, { ...fields, id: mapId(e.id), ...(parent ? { parent } : {}) });
        created.elements++;
      }
    }
    for (const c of map.connections) {
      const target = plan.connectionTarget.get(c.id);
      if (target) {
        updateConnection(ctx, target, connectionPatch(c));
        updated.connections++;
      } else {
        const { unset: _u, ...fields } = c;
        writeNewConnection(ctx, {
          ...fields,
          polarity: fields.polarity, // present even when unsigned: no default `+` on import
          id: mapId(c.id),
          from: mapId(c.from),
          to: mapId(c.to),
        });
        created.connections++;
      }
    }
    for (const s of map.sources) {
      const linked = s.linkedTo?.map(mapId) ?? [];
      const target = sourceTarget.get(s.id);
      if (target) {
        linkSource(ctx, target, linked);
        updated.sources++;
      } else {
        writeNewSource(ctx, { ...s, id: mapId(s.id), linkedTo: linked });
        created.sources++;
      }
    }
    for (const l of map.loops) {
      const signature = l.signature.startsWith('named:')
        ? l.signature
        : loopSignature(
            l.signature
              .split(' ')
              .filter(Boolean)
              .map((t) => (t.endsWith('~') ? `${mapId(t.slice(0, -1))}~` : mapId(t))),
          );
      let m = loopsMap(doc).get(signature);
      if (m instanceof Y.Map) updated.loops++;
      else {
        m = new Y.Map<unknown>();
        loopsMap(doc).set(signature, m);
        created.loops++;
      }
      if (l.name) m.set('name', l.name);
      if (l.note) m.set('note', l.note);
      m.set('members', l.members.map(mapId));
      m.set('updatedBy', ctx.userId);
      m.set('updatedAt', nowOf(ctx));
    }
  });
  return { created, updated, ids };
}
