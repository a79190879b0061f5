import type { ConnectionRecord, ElementRecord, MapSnapshot } from '../../shared/schema/types';
import { validateConnection, validateElement } from '../../shared/schema/validate';
import { newId } from '../../shared/domain/ids';
import {
  CONNECTION,
  ELEMENT,
  managedFields,
  ownKeyFields,
} from '../../shared/schema/records/index';
import type { NewConnection, NewElement } from '../../shared/domain/index';

/**
 * Copy and paste of map parts, within a map and across maps: the clipboard holds JSON with the
 * copied elements and the connections among them. Pasting gives every record a new id (so a
 * paste never collides with what is there) and keeps the connections and frames among the
 * pasted elements.
 */

export const CLIPBOARD_FORMAT = 'weavemap/clipboard';

type Row = Record<string, unknown>;

export interface ClipboardPayload {
  readonly format: typeof CLIPBOARD_FORMAT;
  readonly version: 1;
  /** The room it was copied from (a paste into the same room is offset so both copies show). */
  readonly roomId: string;
  readonly elements: readonly Row[];
  readonly connections: readonly Row[];
}

function elementRow(e: ElementRecord): Row {
  const { extra, createdAt: _c, createdBy: _b, updatedAt: _u, ...rest } = e;
  return { ...extra, ...rest, position: [...e.position], tags: [...e.tags] };
}

function connectionRow(c: ConnectionRecord): Row {
  const { extra, createdAt: _c, createdBy: _b, updatedAt: _u, ...rest } = c;
  return { ...extra, ...rest, tags: [...c.tags] };
}

/**
 * What copying `ids` takes: the selected elements, the elements inside selected frames, and
 * every connection whose two ends are both taken.
 */
export function copySelection(
  snapshot: MapSnapshot,
  ids: Iterable<string>,
  roomId: string,
): ClipboardPayload | null {
  const taken = new Set<string>();
  const take = (id: string, depth: number) => {
    const el = snapshot.elements.get(id);
    if (!el || taken.has(id)) return;
    taken.add(id);
    if (el.kind === 'group' && depth < 8)
      for (const other of snapshot.elements.values())
        if (other.parent === id) take(other.id, depth + 1);
  };
  const wanted = [...ids];
  for (const id of wanted) take(id, 0);
  // A selected connection brings its two ends.
  for (const id of wanted) {
    const c = snapshot.connections.get(id);
    if (c) {
      take(c.from, 0);
      take(c.to, 0);
    }
  }
  if (!taken.size) return null;
  const elements = [...taken].map((id) => elementRow(snapshot.elements.get(id)!));
  const connections = [...snapshot.connections.values()]
    .filter((c) => taken.has(c.from) && taken.has(c.to))
    .map(connectionRow);
  return { format: CLIPBOARD_FORMAT, version: 1, roomId, elements, connections };
}

/** Reads clipboard text; null when it is not a Weavemap clipboard or any record is invalid. */
export function parseClipboard(text: string): ClipboardPayload | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const p = v as Partial<ClipboardPayload>;
  if (p.format !== CLIPBOARD_FORMAT || !Array.isArray(p.elements) || !Array.isArray(p.connections))
    return null;
  if (p.elements.length > 20_000 || p.connections.length > 100_000) return null;
  if (p.elements.some((e) => validateElement(e).length > 0)) return null;
  if (p.connections.some((c) => validateConnection(c).length > 0)) return null;
  return {
    format: CLIPBOARD_FORMAT,
    version: 1,
    roomId: typeof p.roomId === 'string' ? p.roomId : '',
    elements: p.elements,
    connections: p.connections,
  };
}

/**
 * The fields a paste copies as they are: every field stored under its own key (see the record
 * declarations), but an element's position and frame, which a paste moves and remaps.
 */
const REMAPPED = new Set(['position', 'parent']);
const ELEMENT_FIELDS = ownKeyFields(ELEMENT).filter((f) => !REMAPPED.has(f));
const CONNECTION_FIELDS = ownKeyFields(CONNECTION);
/** Fields the paste sets itself (new ids, moved positions) or the codec manages. */
const MANAGED = new Set([...managedFields(ELEMENT), ...managedFields(CONNECTION), ...REMAPPED]);

function extraOf(row: Row, known: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!known.includes(k) && !MANAGED.has(k)) out[k] = v;
  return out;
}

function pick(row: Row, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (row[f] !== undefined) out[f] = row[f];
  return out;
}

/**
 * The records a paste writes: new ids, positions moved by `offset`, frames and connections
 * remapped to the new ids (a frame that was not copied is dropped as a parent).
 */
export function pasteRecords(
  payload: ClipboardPayload,
  offset: readonly [number, number],
  makeId: () => string = () => newId(),
): { elements: NewElement[]; connections: NewConnection[]; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  for (const e of payload.elements) ids.set(e.id as string, makeId());
  const elements = payload.elements.map((e): NewElement => {
    const [x, y] = e.position as [number, number];
    const parent = typeof e.parent === 'string' ? ids.get(e.parent) : undefined;
    return {
      ...(pick(e, ELEMENT_FIELDS) as unknown as NewElement),
      id: ids.get(e.id as string)!,
      position: [x + offset[0], y + offset[1]],
      ...(parent ? { parent } : {}),
      extra: extraOf(e, ELEMENT_FIELDS),
    };
  });
  const connections = payload.connections
    .filter((c) => ids.has(c.from as string) && ids.has(c.to as string))
    .map((c): NewConnection => ({
      ...(pick(c, CONNECTION_FIELDS) as unknown as NewConnection),
      id: makeId(),
      from: ids.get(c.from as string)!,
      to: ids.get(c.to as string)!,
      extra: extraOf(c, CONNECTION_FIELDS),
    }));
  return { elements, connections, ids };
}

/** Centre of the copied elements' positions. */
export function payloadCenter(payload: ClipboardPayload): [number, number] {
  let x = 0;
  let y = 0;
  for (const e of payload.elements) {
    const p = e.position as [number, number];
    x += p[0];
    y += p[1];
  }
  const n = Math.max(1, payload.elements.length);
  return [x / n, y / n];
}
