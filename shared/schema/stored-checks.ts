import * as Y from 'yjs';
import type { FieldError } from './types';
import { LIMITS } from './limits';
import { SCHEMA_VERSION } from './version';
import { connectionEnds, packedKeyName } from './doc';
import { id as idCheck, isFiniteNumber, isText } from './checks';
import type { StoredRecord } from './flat';
import type { RecordSpec } from './records/define';
import { validateAgainst } from './records/read';
import { ELEMENT } from './records/element';
import { CONNECTION } from './records/connection';
import { SOURCE } from './records/source';
import { LOOP_NOTE } from './records/loop';
import { META } from './records/meta';
import { SKETCH_FIELD, validateSketch } from './sketch';

/**
 * Validators for records as they are *stored* in the live document (one Y.Map each, in the
 * layout `doc.ts` describes), for the host's update check. They run the same field checks as
 * forms and importers (`validate.ts`), so a client and the host cannot disagree on what a valid
 * element is; they add what only storage has: the packed keys and the fields this
 * version does not know (`extra`), which must be plain, finite, bounded JSON.
 */

/** Largest JSON size of one unknown field's value (custom fields, fields from newer clients). */
export const MAX_EXTRA_FIELD_BYTES = 64 * 1024;
const MAX_JSON_DEPTH = 8;

const plain = (v: unknown): unknown => (v instanceof Y.AbstractType ? v.toJSON() : v);

/** Whether `v` is JSON without non-finite numbers, nested at most `depth` deep. */
function isPlainJson(v: unknown, depth = 0): boolean {
  if (depth > MAX_JSON_DEPTH) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isPlainJson(x, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.values(v as Record<string, unknown>).every((x) => isPlainJson(x, depth + 1));
  return false;
}

function checkExtra(field: string, value: unknown, errors: FieldError[]): void {
  if (!isPlainJson(value)) {
    errors.push({ field, message: `${field} must be plain data (finite numbers, no nesting).` });
    return;
  }
  if (JSON.stringify(value).length > MAX_EXTRA_FIELD_BYTES)
    errors.push({ field, message: `${field} is larger than ${MAX_EXTRA_FIELD_BYTES} bytes.` });
}

/**
 * Splits a stored record into its fields (packed keys unpacked, each slot checked) and checks
 * its unknown fields.
 */
function unpack(
  spec: RecordSpec,
  map: StoredRecord,
  errors: FieldError[],
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  map.forEach((raw, key) => {
    const v = plain(raw);
    const packed = packedKeyName(key);
    const field = spec.fields[key];
    if (packed === 'created') {
      if (!Array.isArray(v) || v.length !== 2 || !isText(v[0], LIMITS.labelChars))
        errors.push({ field: 'createdBy', message: 'createdBy must be text.' });
      else if (!isFiniteNumber(v[1]))
        errors.push({ field: 'createdAt', message: 'createdAt must be a finite number.' });
    } else if (packed === 'ends') {
      if (
        !Array.isArray(v) ||
        v.length !== 4 ||
        !isText(v[2], LIMITS.labelChars) ||
        !isFiniteNumber(v[3])
      )
        errors.push({ field: 'from', message: 'A connection must name its two ends.' });
      else {
        fields.from = v[0];
        fields.to = v[1];
      }
    } else if (packed === 'updated') {
      if (!isFiniteNumber(v))
        errors.push({ field: 'updatedAt', message: 'updatedAt must be a finite number.' });
    } else if (key === 'createdBy' && (!field || field.storage !== 'key')) {
      // Provenance as plain keys (documents from before it was packed).
      if (!isText(v, LIMITS.labelChars))
        errors.push({ field: key, message: `${key} must be text.` });
    } else if (
      (key === 'createdAt' || key === 'updatedAt') &&
      (!field || field.storage !== 'key')
    ) {
      if (!isFiniteNumber(v)) errors.push({ field: key, message: `${key} must be a number.` });
    } else if (field && !field.custom?.(v)) fields[key] = v;
    // Unknown fields, and custom fields named like a later field that are not its values.
    else checkExtra(key, v, errors);
  });
  return fields;
}

/**
 * Problems with a stored record (`id`: its key in its root): the packed keys, the stored-only
 * checks of its declaration, then the same field checks as forms and importers run.
 */
function validateStored(
  spec: RecordSpec,
  map: StoredRecord,
  id: string,
  complete: (fields: Record<string, unknown>) => Record<string, unknown>,
): FieldError[] {
  const errors: FieldError[] = [];
  const fields = unpack(spec, map, errors);
  if (fields.id !== undefined && fields.id !== id)
    errors.push({ field: 'id', message: 'The id field differs from the key.' });
  for (const [name, f] of Object.entries(spec.fields))
    if (f.storedCheck && f.storage === 'key') f.storedCheck(fields[name], name, errors);
  errors.push(...validateAgainst(spec, complete(fields)));
  return errors;
}

/** Problems with a stored element record (`id`: its key in `elements`). */
export function validateStoredElement(map: StoredRecord, id: string): FieldError[] {
  const errors = validateStored(ELEMENT, map, id, (fields) => ({ ...fields, id }));
  // A Graphs-over-Time sketch is a custom field with a shape of its own (`sketch.ts`).
  const sketch = map.get(SKETCH_FIELD);
  if (sketch !== undefined) errors.push(...validateSketch(plain(sketch)));
  return errors;
}

/** Problems with a stored connection record; its ends' existence is the caller's check. */
export function validateStoredConnection(map: StoredRecord, id: string): FieldError[] {
  const [from, to] = connectionEnds(map);
  return validateStored(CONNECTION, map, id, (fields) => ({ ...fields, id, from, to }));
}

/** Storage keys a flat record's edit may not write: fixed when the record is created. */
const FIXED_AT_CREATION = new Set(['_c', '_e', 'id']);
/** Largest base value of a flat record (its fields as created, as JSON). */
export const MAX_FLAT_BASE_CHARS = 256 * 1024;

/**
 * Problems with one key of a flat root (schema v2, `flat.ts`) as written: the record id it
 * names, and for an edit key (`<id>.<key>`) the key it edits and its value on its own (`null`
 * clears a field). The record as a whole is checked apart, when it exists.
 */
export function validateFlatKey(
  spec: RecordSpec,
  id: string,
  edited: string | undefined,
  value: unknown,
): FieldError[] {
  const errors: FieldError[] = [];
  idCheck(id, 'id', errors);
  if (errors.length) return errors;
  if (edited === undefined) {
    if (typeof value !== 'string' || value.length > MAX_FLAT_BASE_CHARS)
      errors.push({ field: 'id', message: 'A record is stored as its fields in JSON.' });
    return errors;
  }
  if (edited === '' || FIXED_AT_CREATION.has(edited))
    return [{ field: edited || 'id', message: `${edited || 'This key'} cannot be edited.` }];
  if (value === null || value === undefined) return errors;
  const packed = packedKeyName(edited);
  if (packed === 'updated') {
    if (!isFiniteNumber(value))
      errors.push({ field: 'updatedAt', message: 'updatedAt must be a finite number.' });
    return errors;
  }
  const field = spec.fields[edited];
  if (field && field.storage === 'key' && !field.custom?.(value)) {
    field.storedCheck?.(value, edited, errors);
    errors.push(...validateAgainst(spec, { [edited]: value }, { partial: true }));
  } else if (field && field.storage !== 'key') {
    errors.push({ field: edited, message: `${edited} is not stored as a key of its own.` });
  } else checkExtra(edited, value, errors);
  return errors;
}

export function validateStoredSource(map: Y.Map<unknown>, id: string): FieldError[] {
  return validateStored(SOURCE, map, id, (fields) => fields);
}

export function validateStoredLoopNote(map: Y.Map<unknown>): FieldError[] {
  return validateStored(LOOP_NOTE, map, '', (fields) => fields);
}

/**
 * Problems with a change to the map's `meta`. `schemaVersion` moves only the way `initMap`,
 * importers and migrations move it: from absent or older to exactly SCHEMA_VERSION, never back,
 * never past what this code reads (a higher one would open every client read-only).
 */
export function validateMetaChange(
  key: string,
  before: unknown,
  after: unknown,
  deleted: boolean,
): FieldError[] {
  if (key === 'schemaVersion') {
    // Setting it again to the current version is harmless: two people opening a new map at
    // once both stamp it (`initMap`).
    const wasOlder =
      before === undefined || (typeof before === 'number' && before <= SCHEMA_VERSION);
    if (deleted || after !== SCHEMA_VERSION || !wasOlder)
      return [
        {
          field: 'schemaVersion',
          message: `schemaVersion can only be set to ${SCHEMA_VERSION} by a migration.`,
        },
      ];
    return [];
  }
  if (key.startsWith('migrated/')) {
    // The last record migration run (record-migrations.ts): a whole number that never goes back.
    const was = typeof before === 'number' ? before : 0;
    if (deleted || !Number.isInteger(after) || (after as number) < was)
      return [{ field: key, message: `${key} can only move forward, by a migration.` }];
    return [];
  }
  if (deleted) return [];
  const errors: FieldError[] = [];
  if (key === 'title' && !isText(after, LIMITS.titleChars))
    errors.push({ field: key, message: `title must be text of at most ${LIMITS.titleChars}.` });
  else if (key === 'createdBy' && !isText(after, LIMITS.labelChars))
    errors.push({ field: key, message: 'createdBy must be text.' });
  else if (key === 'createdAt' && !isFiniteNumber(after))
    errors.push({ field: key, message: 'createdAt must be a finite number.' });
  else if (!META.known.has(key)) checkExtra(key, plain(after), errors);
  return errors;
}
