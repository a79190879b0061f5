import * as Y from 'yjs';
import type {
  ConnectionRecord,
  ElementRecord,
  FieldError,
  MapSnapshot,
  SourceRecord,
} from '../schema/types';
import { loopsMap, metaMap } from '../schema/doc';
import { CONNECTION, ELEMENT, SOURCE, splitFields, type RecordSpec } from '../schema/records/index';
import { ROOT } from '../schema/roots';
import { validateConnection, validateElement, validateSource } from '../schema/validate';
import { SCHEMA_VERSION } from '../schema/version';
import { transact, type EditContext } from '../domain/context';
import { writeNewElement, type Provenance } from '../domain/elements';
import { writeNewConnection } from '../domain/connections';
import { writeNewSource } from '../domain/sources';
import { readSnapshot } from '../schema/snapshot';
import { exportSessionJson, importSessionJson } from '../session/layout';

/**
 * The native file format, `.weavemap.json`: the whole map as plain JSON, lossless (ids, fields,
 * positions, provenance and fields this version does not know). It is also the user's backup.
 */

export const NATIVE_FORMAT = 'weavemap';
export const NATIVE_VERSION = 1;

type Row = Record<string, unknown>;

export interface NativeFile {
  readonly format: typeof NATIVE_FORMAT;
  readonly version: number;
  readonly exportedAt: string;
  readonly meta: Row;
  readonly elements: readonly Row[];
  readonly connections: readonly Row[];
  readonly sources: readonly Row[];
  readonly loops: readonly Row[];
  /** Facilitation state (agenda, timer, votes, reflections, actions), when the map has one. */
  readonly session?: unknown;
  /** Shared perspectives (saved encodings), when the map has any. */
  readonly perspectives?: unknown;
}

function flatten(rec: { readonly extra: Readonly<Record<string, unknown>> }): Row {
  const { extra, ...rest } = rec as unknown as Row & { extra: Row };
  return { ...extra, ...rest };
}

/** Records in id order, so an export is deterministic (and diffs well under version control). */
function byKey<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/**
 * The schema version a file's rows are in. Schema v2 changed only how a document stores
 * elements and connections (flat keys, `shared/schema/flat.ts`), not the records: a file from a
 * v2 document says 1, so that a Weavemap from before v2 still imports it. A schema step that
 * changes the records themselves raises this with it.
 */
const FILE_SCHEMA_VERSION = 1;

function fileMeta(meta: Row): Row {
  if (typeof meta.schemaVersion !== 'number' || meta.schemaVersion <= FILE_SCHEMA_VERSION)
    return meta;
  return { ...meta, schemaVersion: FILE_SCHEMA_VERSION };
}

export function exportNative(snapshot: MapSnapshot, exportedAt = new Date()): NativeFile {
  return {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    exportedAt: exportedAt.toISOString(),
    meta: fileMeta(flatten(snapshot.meta)),
    elements: byKey(snapshot.elements).map(flatten),
    connections: byKey(snapshot.connections).map(flatten),
    sources: byKey(snapshot.sources).map(flatten),
    loops: byKey(snapshot.loops).map((l) => ({ ...l })),
  };
}

export function serializeNative(snapshot: MapSnapshot): string {
  return JSON.stringify(exportNative(snapshot), null, 2);
}

/**
 * The whole document as a native file: the map, plus the facilitation state and shared
 * perspectives (what `weavemap report` reads from an exported map).
 */
export function exportNativeDoc(doc: Y.Doc, exportedAt = new Date()): NativeFile {
  const file = exportNative(readSnapshot(doc), exportedAt);
  const session = exportSessionJson(doc);
  const hasSession = Object.values(session).some((m) => Object.keys(m as object).length > 0);
  const perspectives = doc.getMap(ROOT.perspectives).toJSON();
  return {
    ...file,
    ...(hasSession ? { session } : {}),
    ...(Object.keys(perspectives).length ? { perspectives } : {}),
  };
}

/** A problem with one row of an imported file. */
export interface ImportProblem {
  /** e.g. `elements[14]`, `connections[3]`, or '' for the whole file. */
  readonly where: string;
  readonly field: string;
  readonly message: string;
}

export type ParsedNative =
  | { readonly ok: true; readonly file: NativeFile }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

function rows(v: unknown, where: string, problems: ImportProblem[]): Row[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push({ where, field: '', message: `${where} must be a list.` });
    return [];
  }
  return v.map((r, i) => {
    if (!isRow(r))
      problems.push({ where: `${where}[${i}]`, field: '', message: 'Expected an object.' });
    return isRow(r) ? r : {};
  });
}

/**
 * Validates a parsed `.weavemap.json` value: every problem is reported with its row, and the
 * file is accepted only when there are none (it is then applied whole, or not at all).
 */
export function parseNative(value: unknown): ParsedNative {
  const problems: ImportProblem[] = [];
  if (!isRow(value) || value.format !== NATIVE_FORMAT)
    return {
      ok: false,
      problems: [
        {
          where: '',
          field: 'format',
          message: 'This is not a Weavemap file (no "format": "weavemap").',
        },
      ],
    };
  if (typeof value.version !== 'number' || value.version > NATIVE_VERSION)
    return {
      ok: false,
      problems: [
        {
          where: '',
          field: 'version',
          message: `This file was written by a newer Weavemap (file version ${String(value.version)}; this one reads up to ${NATIVE_VERSION}).`,
        },
      ],
    };
  const meta = isRow(value.meta) ? value.meta : {};
  if (typeof meta.schemaVersion === 'number' && meta.schemaVersion > SCHEMA_VERSION)
    problems.push({
      where: 'meta',
      field: 'schemaVersion',
      message: `The map uses schema ${meta.schemaVersion}; this Weavemap reads up to ${SCHEMA_VERSION}.`,
    });
  const elements = rows(value.elements, 'elements', problems);
  const connections = rows(value.connections, 'connections', problems);
  const sources = rows(value.sources, 'sources', problems);
  const loops = rows(value.loops, 'loops', problems);

  const push = (where: string, errs: readonly FieldError[]) => {
    for (const e of errs) problems.push({ where, field: e.field, message: e.message });
  };
  const elementIds = new Set<string>();
  elements.forEach((r, i) => {
    const where = `elements[${i}]`;
    push(where, validateElement(declared(ELEMENT, r)));
    if (typeof r.id === 'string') {
      if (elementIds.has(r.id))
        problems.push({
          where,
          field: 'id',
          message: `Duplicate id ${r.id}: another element has it.`,
        });
      elementIds.add(r.id);
    }
  });
  const connectionIds = new Set<string>();
  connections.forEach((r, i) => {
    const where = `connections[${i}]`;
    push(where, validateConnection(declared(CONNECTION, r)));
    for (const end of ['from', 'to'] as const)
      if (typeof r[end] === 'string' && !elementIds.has(r[end] as string))
        problems.push({
          where,
          field: end,
          message: `Connection to '${String(r[end])}', which no element has.`,
        });
    if (typeof r.id === 'string') {
      if (connectionIds.has(r.id) || elementIds.has(r.id))
        problems.push({ where, field: 'id', message: `Duplicate id ${r.id}.` });
      connectionIds.add(r.id);
    }
  });
  sources.forEach((r, i) => {
    push(`sources[${i}]`, validateSource(r));
    if (typeof r.id !== 'string')
      problems.push({ where: `sources[${i}]`, field: 'id', message: 'id is required.' });
  });
  loops.forEach((r, i) => {
    if (typeof r.signature !== 'string' || r.signature === '')
      problems.push({
        where: `loops[${i}]`,
        field: 'signature',
        message: 'signature is required.',
      });
  });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    file: {
      format: NATIVE_FORMAT,
      version: value.version,
      exportedAt: typeof value.exportedAt === 'string' ? value.exportedAt : '',
      meta,
      elements,
      connections,
      sources,
      loops,
      ...(isRow(value.session) ? { session: value.session } : {}),
      ...(isRow(value.perspectives) ? { perspectives: value.perspectives } : {}),
    },
  };
}

function split(row: Row, spec: RecordSpec): { known: Row; extra: Row } {
  const { fields, extra } = splitFields(spec, row);
  return { known: fields, extra };
}

/** A row's declared fields only (custom fields are checked as plain data, not as fields). */
const declared = (spec: RecordSpec, row: Row): Row => splitFields(spec, row).fields;

/** The provenance a row carries, when it carries a whole one. */
function provenanceOf(row: Row): Provenance | undefined {
  if (typeof row.createdBy !== 'string' || typeof row.createdAt !== 'number') return undefined;
  return {
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    ...(typeof row.updatedAt === 'number' ? { updatedAt: row.updatedAt } : {}),
  };
}

/**
 * Writes a validated native file into an empty document, in one transaction (one undo step):
 * ids, positions, provenance and unknown fields as they were.
 */
export function applyNative(ctx: EditContext, file: NativeFile): void {
  transact(ctx, () => {
    const meta = metaMap(ctx.doc);
    for (const [k, v] of Object.entries(file.meta)) meta.set(k, v);
    meta.set('schemaVersion', SCHEMA_VERSION);
    for (const row of file.elements) {
      const { known, extra } = split(row, ELEMENT);
      writeNewElement(ctx, { ...(known as unknown as ElementRecord), extra }, provenanceOf(row));
    }
    for (const row of file.connections) {
      const { known, extra } = split(row, CONNECTION);
      writeNewConnection(
        ctx,
        { polarity: undefined, ...(known as unknown as ConnectionRecord), extra },
        provenanceOf(row),
      );
    }
    for (const row of file.sources) {
      const { known, extra } = split(row, SOURCE);
      writeNewSource(ctx, { ...(known as unknown as SourceRecord), extra });
    }
    for (const row of file.loops) {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries(row)) if (k !== 'signature') m.set(k, v);
      loopsMap(ctx.doc).set(row.signature as string, m);
    }
    if (file.session !== undefined) importSessionJson(ctx.doc, file.session, ctx.origin);
    if (isRow(file.perspectives)) {
      const root = ctx.doc.getMap(ROOT.perspectives);
      for (const [id, p] of Object.entries(file.perspectives)) {
        if (!isRow(p)) continue;
        const m = new Y.Map<unknown>();
        for (const [k, v] of Object.entries(p)) m.set(k, v);
        root.set(id, m);
      }
    }
  });
}
