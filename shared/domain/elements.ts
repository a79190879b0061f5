import * as Y from 'yjs';
import type { ElementRecord, Position } from '../schema/types';
import { ELEMENT, managedFields } from '../schema/records/index';
import {
  connectionEnds,
  connectionsMap,
  elementsMap,
  encodeRecord,
  isReservedFieldName,
  knownFields,
  markUpdated,
  sourcesMap,
  type RecordMap,
  writeField,
} from '../schema/doc';
import { validateElement } from '../schema/validate';
import { assertValid, DomainError, nowOf, transact, type EditContext } from './context';
import { newId } from './ids';

/** A new element: its kind, any of the fields people set (`records/element.ts`), custom fields. */
export type NewElement = Partial<Omit<ElementRecord, 'kind' | 'extra' | ManagedElementField>> &
  Pick<ElementRecord, 'kind'> & {
    readonly id?: string;
    /** Custom fields, kept as they are. */
    readonly extra?: Readonly<Record<string, unknown>>;
  };
type ManagedElementField = 'id' | 'createdBy' | 'createdAt' | 'updatedAt';

/** Fields an edit may change (id, kind's provenance and timestamps are managed here). */
export type ElementPatch = Partial<Omit<NewElement, 'id'>>;

/** Fields the codec manages (the id, provenance): an edit never sets them. */
const RESERVED = managedFields(ELEMENT);

function fieldsOf(input: NewElement | ElementPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === 'extra' || k === 'id' || v === undefined) continue;
    out[k] = Array.isArray(v) ? [...v] : v;
  }
  if (input.extra) {
    for (const [k, v] of Object.entries(input.extra)) {
      if (knownFields.element.has(k)) continue;
      if (isReservedFieldName(k))
        throw new DomainError([
          { field: k, message: `"${k}" is reserved: give this field another name.` },
        ]);
      out[k] = v;
    }
  }
  return out;
}

/** Who made a record and when, for imports that keep the original provenance. */
export interface Provenance {
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt?: number;
}

/** Writes a validated element (flat, or as a nested Y.Map in a v1 document). Returns its id. */
export function writeNewElement(
  ctx: EditContext,
  input: NewElement,
  provenance?: Provenance,
): string {
  const id = input.id ?? newId();
  const fields = { id, label: '', description: '', tags: [], position: [0, 0], ...fieldsOf(input) };
  assertValid(validateElement(fields));
  if (elementsMap(ctx.doc).has(id))
    throw new DomainError([{ field: 'id', message: `An element with id ${id} exists already.` }]);
  const stamp = provenance ?? { createdBy: ctx.userId, createdAt: nowOf(ctx) };
  elementsMap(ctx.doc).create(id, encodeRecord('element', { ...fields, ...stamp }));
  return id;
}

export function addElement(ctx: EditContext, input: NewElement): string {
  return transact(ctx, () => writeNewElement(ctx, input));
}

/** Adds many elements in one transaction (one undo step). All are validated before any is written. */
export function addElements(ctx: EditContext, inputs: readonly NewElement[]): string[] {
  inputs.forEach((input, i) => {
    const errors = validateElement({ id: input.id ?? 'new', label: '', ...fieldsOf(input) });
    if (errors.length)
      throw new DomainError(
        errors.map((e) => ({ field: `[${i}].${e.field}`, message: e.message })),
      );
  });
  return transact(ctx, () => inputs.map((input) => writeNewElement(ctx, input)));
}

function elementOrThrow(ctx: EditContext, id: string): RecordMap {
  const el = elementsMap(ctx.doc).get(id);
  if (el === undefined)
    throw new DomainError([
      { field: 'id', message: `No element with id ${id}: it may have been deleted.` },
    ]);
  return el;
}

/** Changes only the given fields (others' concurrent edits to other fields survive). */
export function updateElement(ctx: EditContext, id: string, patch: ElementPatch): void {
  const fields = fieldsOf(patch);
  for (const k of Object.keys(fields)) if (RESERVED.has(k)) delete fields[k];
  assertValid(validateElement(fields, { partial: true }));
  transact(ctx, () => {
    const el = elementOrThrow(ctx, id);
    let changed = false;
    for (const [k, v] of Object.entries(fields)) changed = writeField(el, k, v, ELEMENT) || changed;
    // Explicitly cleared optional fields (`undefined` in the patch) are removed.
    for (const [k, v] of Object.entries(patch))
      if (v === undefined && k !== 'extra' && !RESERVED.has(k))
        changed = writeField(el, k, undefined, ELEMENT) || changed;
    if (changed) markUpdated(el, nowOf(ctx));
  });
}

/**
 * Moves elements in one transaction: one key per element, written only if it changed. `parents`
 * (element id → the id of the group frame it now sits in, or null for none) changes frame
 * membership in the same transaction, so a drag into or out of a frame is one undoable change.
 */
export function moveElements(
  ctx: EditContext,
  moves: Iterable<readonly [string, Position]>,
  parents?: ReadonlyMap<string, string | null>,
): void {
  const list = [...moves];
  for (const [, p] of list) {
    const errors = validateElement({ position: [...p] }, { partial: true });
    assertValid(errors);
  }
  transact(ctx, () => {
    const elements = elementsMap(ctx.doc);
    for (const [id, [x, y]] of list) {
      const el = elements.get(id);
      if (el === undefined) continue; // deleted meanwhile by someone else: nothing to move
      writeField(el, 'position', [x, y], ELEMENT);
    }
    for (const [id, parent] of parents ?? []) {
      const el = elements.get(id);
      if (el === undefined || parent === id) continue;
      const frame = parent === null ? undefined : elements.get(parent);
      // A frame removed meanwhile: the element stays out of frames rather than point at nothing.
      const ok = frame !== undefined && frame.get('kind') === 'group';
      if (writeField(el, 'parent', ok ? parent : undefined)) markUpdated(el, nowOf(ctx));
    }
  });
}

/**
 * Removes elements, every connection that touches them, and their links from sources, in one
 * transaction. Returns the ids of the connections removed with them.
 */
export function removeElements(ctx: EditContext, ids: Iterable<string>): string[] {
  const gone = new Set(ids);
  const removedConnections: string[] = [];
  transact(ctx, () => {
    elementsMap(ctx.doc).deleteMany(gone);
    const connections = connectionsMap(ctx.doc);
    connections.forEach((c, cid) => {
      const [from, to] = connectionEnds(c);
      if (gone.has(from) || gone.has(to)) {
        removedConnections.push(cid);
      }
    });
    connections.deleteMany(removedConnections);
    unlinkFromSources(ctx, new Set([...gone, ...removedConnections]));
  });
  return removedConnections;
}

export function unlinkFromSources(ctx: EditContext, targets: ReadonlySet<string>): void {
  sourcesMap(ctx.doc).forEach((s) => {
    if (!(s instanceof Y.Map)) return;
    const linked = s.get('linkedTo');
    if (!(linked instanceof Y.Array)) return;
    const arr = linked.toArray() as unknown[];
    for (let i = arr.length - 1; i >= 0; i--)
      if (targets.has(arr[i] as string)) linked.delete(i, 1);
  });
}
