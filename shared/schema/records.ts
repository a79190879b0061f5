import * as Y from 'yjs';
import type { FieldError } from './types';
import { LIMITS } from './limits';
import { SCHEMA_VERSION } from './version';
import { connectionEnds, knownFields, STORAGE_KEYS } from './doc';
import { validateConnection, validateElement, validateSource } from './validate';
import { SKETCH_FIELD, validateSketch } from './sketch';

/**
 * Validators for records as they are *stored* in the live document (one Y.Map each, in the
 * layout `doc.ts` describes), for the host's update check. They run the same field checks as
 * forms and importers (`validate.ts`), so a client and the host cannot disagree on what a valid
 * element is; they add what only storage has: the packed `_c`/`_e`/`_u` keys and the fields this
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

const isText = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/** Splits a stored record into its fields (packed keys unpacked) and its unknown fields. */
function unpack(
  map: Y.Map<unknown>,
  known: ReadonlySet<string>,
  errors: FieldError[],
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  map.forEach((raw, key) => {
    const v = plain(raw);
    if (key === STORAGE_KEYS.created) {
      if (!Array.isArray(v) || v.length !== 2 || !isText(v[0], LIMITS.labelChars))
        errors.push({ field: 'createdBy', message: 'createdBy must be text.' });
      else if (!isFiniteNumber(v[1]))
        errors.push({ field: 'createdAt', message: 'createdAt must be a finite number.' });
    } else if (key === STORAGE_KEYS.ends) {
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
    } else if (key === STORAGE_KEYS.updated) {
      if (!isFiniteNumber(v))
        errors.push({ field: 'updatedAt', message: 'updatedAt must be a finite number.' });
    } else if (key === 'createdBy') {
      if (!isText(v, LIMITS.labelChars))
        errors.push({ field: key, message: `${key} must be text.` });
    } else if (key === 'createdAt' || key === 'updatedAt') {
      if (!isFiniteNumber(v)) errors.push({ field: key, message: `${key} must be a number.` });
    } else if (known.has(key)) fields[key] = v;
    else checkExtra(key, v, errors);
  });
  return fields;
}

/** Problems with a stored element record (`id`: its key in `elements`). */
export function validateStoredElement(map: Y.Map<unknown>, id: string): FieldError[] {
  const errors: FieldError[] = [];
  const fields = unpack(map, knownFields.element, errors);
  if (fields.id !== undefined && fields.id !== id)
    errors.push({ field: 'id', message: 'The id field differs from the key.' });
  if (fields.parent !== undefined && !isText(fields.parent, 64))
    errors.push({ field: 'parent', message: 'parent must be an element id.' });
  const sketch = map.get(SKETCH_FIELD);
  if (sketch !== undefined) errors.push(...validateSketch(plain(sketch)));
  errors.push(...validateElement({ ...fields, id }));
  return errors;
}

/** Problems with a stored connection record; its ends' existence is the caller's check. */
export function validateStoredConnection(map: Y.Map<unknown>, id: string): FieldError[] {
  const errors: FieldError[] = [];
  const fields = unpack(map, knownFields.connection, errors);
  if (fields.id !== undefined && fields.id !== id)
    errors.push({ field: 'id', message: 'The id field differs from the key.' });
  const [from, to] = connectionEnds(map);
  errors.push(...validateConnection({ ...fields, id, from, to }));
  return errors;
}

export function validateStoredSource(map: Y.Map<unknown>, id: string): FieldError[] {
  const errors: FieldError[] = [];
  const fields = unpack(map, knownFields.source, errors);
  if (fields.id !== undefined && fields.id !== id)
    errors.push({ field: 'id', message: 'The id field differs from the key.' });
  const linked = fields.linkedTo;
  if (linked !== undefined && (!Array.isArray(linked) || linked.some((l) => !isText(l, 64))))
    errors.push({ field: 'linkedTo', message: 'linkedTo must be a list of ids.' });
  for (const k of ['clippedBy'] as const)
    if (fields[k] !== undefined && !isText(fields[k], LIMITS.labelChars))
      errors.push({ field: k, message: `${k} must be text.` });
  if (fields.clippedAt !== undefined && !isFiniteNumber(fields.clippedAt))
    errors.push({ field: 'clippedAt', message: 'clippedAt must be a finite number.' });
  errors.push(...validateSource(fields));
  return errors;
}

export function validateStoredLoopNote(map: Y.Map<unknown>): FieldError[] {
  const errors: FieldError[] = [];
  map.forEach((raw, key) => {
    const v = plain(raw);
    if (key === 'name' && !isText(v, LIMITS.labelChars))
      errors.push({ field: key, message: `name must be text of at most ${LIMITS.labelChars}.` });
    else if (key === 'note' && !isText(v, LIMITS.noteChars))
      errors.push({ field: key, message: `note must be text of at most ${LIMITS.noteChars}.` });
    else if (key === 'members' && (!Array.isArray(v) || v.some((m) => !isText(m, 64))))
      errors.push({ field: key, message: 'members must be a list of element ids.' });
    else if (key === 'updatedBy' && !isText(v, LIMITS.labelChars))
      errors.push({ field: key, message: 'updatedBy must be text.' });
    else if (key === 'updatedAt' && !isFiniteNumber(v))
      errors.push({ field: key, message: 'updatedAt must be a finite number.' });
    else if (!['name', 'note', 'members', 'updatedBy', 'updatedAt'].includes(key))
      checkExtra(key, v, errors);
  });
  return errors;
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
  if (deleted) return [];
  const errors: FieldError[] = [];
  if (key === 'title' && !isText(after, LIMITS.titleChars))
    errors.push({ field: key, message: `title must be text of at most ${LIMITS.titleChars}.` });
  else if (key === 'createdBy' && !isText(after, LIMITS.labelChars))
    errors.push({ field: key, message: 'createdBy must be text.' });
  else if (key === 'createdAt' && !isFiniteNumber(after))
    errors.push({ field: key, message: 'createdAt must be a finite number.' });
  else if (!knownFields.meta.has(key)) checkExtra(key, plain(after), errors);
  return errors;
}
