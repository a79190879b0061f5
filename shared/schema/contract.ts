import * as Y from 'yjs';
import type { FieldError } from './types';
import {
  connectionEnds,
  connectionsMap,
  elementsMap,
  loopsMap,
  metaMap,
  sourcesMap,
  type RecordMap,
} from './doc';
import { editedKeyOf, FlatRecord, parseBase, recordIdOfKey } from './flat';
import { describeErrors } from './validate';
import { ROOT } from './roots';
import { ELEMENT } from './records/element';
import { CONNECTION } from './records/connection';
import { SOURCE } from './records/source';
import { LOOP_NOTE } from './records/loop';
import {
  validateFlatKey,
  validateMetaChange,
  validateStoredConnection,
  validateStoredElement,
  validateStoredLoopNote,
  validateStoredSource,
} from './stored-checks';

/**
 * The document contract as the host checks it on every update a client sends (see
 * `shared/sync/update-guard.ts`): the update is tried on a copy, and what it changed is checked
 * here, record by record, in the state it leaves. A change is described as Yjs reports it: the
 * root type, the path from the root to the changed type, and the keys changed there.
 */
export interface KeyChange {
  readonly action: 'add' | 'update' | 'delete';
  readonly oldValue: unknown;
}

export interface DocChange {
  /** Name of the root type (`elements`, `meta`, `session`, ...). */
  readonly root: string;
  /** Keys (and array indices) from the root down to the type that changed; [] for the root. */
  readonly path: readonly (string | number)[];
  /** Map keys changed in that type (none for an array's change). */
  readonly keys: ReadonlyMap<string, KeyChange>;
}

const RECORD_VALIDATORS: Record<string, (map: RecordMap, id: string) => FieldError[]> = {
  [ROOT.elements]: validateStoredElement,
  [ROOT.connections]: validateStoredConnection,
  [ROOT.sources]: (map, id) => validateStoredSource(map as Y.Map<unknown>, id),
  [ROOT.loops]: (map) => validateStoredLoopNote(map as Y.Map<unknown>),
};

/** A record of each root, in words ("element"): its declaration's name. */
const SINGULAR: Record<string, string> = {
  [ROOT.elements]: ELEMENT.name,
  [ROOT.connections]: CONNECTION.name,
  [ROOT.sources]: SOURCE.name,
  [ROOT.loops]: LOOP_NOTE.name,
};

/** The roots whose records may be stored flat (schema v2, `flat.ts`), with their declaration. */
const FLAT_SPECS: Record<string, typeof ELEMENT | typeof CONNECTION> = {
  [ROOT.elements]: ELEMENT,
  [ROOT.connections]: CONNECTION,
};

/**
 * Ids of the records of each record root that a set of changes touched (a flat root's key
 * `<id>.<key>` touches record `<id>`), and the flat keys written (root, key).
 */
function touchedRecords(changes: readonly DocChange[]): {
  touched: Map<string, Set<string>>;
  flatKeys: [string, string][];
} {
  const touched = new Map<string, Set<string>>();
  const flatKeys: [string, string][] = [];
  for (const change of changes) {
    if (!(change.root in RECORD_VALIDATORS)) continue;
    let ids = touched.get(change.root);
    if (!ids) touched.set(change.root, (ids = new Set()));
    if (change.path.length > 0) ids.add(String(change.path[0]));
    else
      for (const [key, { action }] of change.keys) {
        const flat = change.root in FLAT_SPECS;
        ids.add(flat ? recordIdOfKey(key) : key);
        if (flat && action !== 'delete') flatKeys.push([change.root, key]);
      }
  }
  return { touched, flatKeys };
}

/**
 * Why the changes break the map's contract, or null when they keep it: every touched record
 * valid as stored (field types, text lengths, finite coordinates within the limit), no
 * connection to a missing element, `meta.schemaVersion` moved only by a migration. `doc` is in
 * the state the changes left.
 */
export function checkMapChanges(doc: Y.Doc, changes: readonly DocChange[]): string | null {
  for (const change of changes) {
    if (change.root !== ROOT.meta) continue;
    if (change.path.length > 0) return 'meta holds plain values only.';
    const meta = metaMap(doc);
    for (const [key, { action, oldValue }] of change.keys) {
      const errors = validateMetaChange(key, oldValue, meta.get(key), action === 'delete');
      if (errors.length) return `meta: ${describeErrors(errors)}`;
    }
  }
  const { touched, flatKeys } = touchedRecords(changes);
  const roots: Record<string, Y.Map<unknown>> = {
    [ROOT.elements]: doc.getMap(ROOT.elements),
    [ROOT.connections]: doc.getMap(ROOT.connections),
    [ROOT.sources]: sourcesMap(doc) as Y.Map<unknown>,
    [ROOT.loops]: loopsMap(doc) as Y.Map<unknown>,
  };
  for (const [root, key] of flatKeys) {
    const value = roots[root]!.get(key);
    // A nested record (schema v1: a map not migrated yet) is checked as a record below.
    if (value instanceof Y.Map && !key.includes('.')) continue;
    const errors = validateFlatKey(FLAT_SPECS[root]!, recordIdOfKey(key), editedKeyOf(key), value);
    if (errors.length) return `${SINGULAR[root]} key ${key}: ${describeErrors(errors)}`;
  }
  const elements = elementsMap(doc);
  const removedElements = new Set<string>();
  for (const [root, ids] of touched) {
    const container = roots[root]!;
    const validate = RECORD_VALIDATORS[root]!;
    for (const id of ids) {
      const raw = container.get(id);
      if (raw === undefined) {
        if (root === ROOT.elements) removedElements.add(id);
        continue;
      }
      let record: RecordMap;
      if (raw instanceof Y.Map) record = raw as Y.Map<unknown>;
      else if (root in FLAT_SPECS && parseBase(raw)) record = new FlatRecord(container, id);
      else return `${SINGULAR[root]} ${id} is not a record.`;
      const errors = validate(record, id);
      if (errors.length) return `${SINGULAR[root]} ${id}: ${describeErrors(errors)}`;
      if (root === ROOT.connections) {
        const ends = connectionEnds(record);
        for (const end of ends)
          if (!elements.has(end)) return `connection ${id} links to a missing element (${end}).`;
      }
    }
  }
  if (removedElements.size) {
    let dangling: string | null = null;
    connectionsMap(doc).forEach((record, id) => {
      if (dangling) return;
      const [from, to] = connectionEnds(record);
      if (removedElements.has(from) || removedElements.has(to)) dangling = id;
    });
    if (dangling)
      return `deleting an element would leave connection ${String(dangling)} linking to nothing (delete the connection too).`;
  }
  return null;
}
