import type { FieldError } from '../checks';
import { isRecord } from '../checks';
import type { RecordSpec } from './define';

/**
 * Reading and validating plain records against their declaration: the readers turn any value
 * (stored, imported, pasted) into the record the declaration describes, keeping unknown fields
 * in `extra`; the validators run every declared check.
 */

/**
 * The record from its fields as plain values (`stored`: field name -> value, packed keys already
 * unpacked), `extra`: the unknown ones. Fields every record has come first, in declaration order,
 * then `extra`, then the optional fields that are present.
 */
export function buildRecord(
  spec: RecordSpec,
  id: string,
  stored: Record<string, unknown>,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (const [name, f] of spec.requiredFields) {
    if (f.storage === 'id') {
      rec[name] = id;
      continue;
    }
    const v = f.read(stored[name], rec);
    rec[name] = v === undefined ? f.fallback!(rec) : v;
  }
  if (spec.extra) rec.extra = extra;
  for (const [name, f] of spec.optionalFields) {
    const raw = stored[name];
    if (raw === undefined) continue;
    const v = f.read(raw, rec);
    if (v !== undefined) rec[name] = v;
    else if (spec.extra && f.custom?.(raw)) extra[name] = raw;
  }
  return rec;
}

/** A record from a plain object (a quote in a source, a row of a file). */
export function readObject(
  spec: RecordSpec,
  value: Readonly<Record<string, unknown>>,
  id: string,
): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const k in value) (spec.known.has(k) ? stored : extra)[k] = value[k];
  return buildRecord(spec, id, stored, extra);
}

/**
 * Problems with a record (or, with `partial`, with only the fields present), in declaration
 * order, then the checks across fields (whole records only).
 */
export function validateAgainst(
  spec: RecordSpec,
  value: unknown,
  opts: { partial?: boolean } = {},
): FieldError[] {
  if (!isRecord(value)) return [{ field: '', message: 'Expected a record (an object).' }];
  const errors: FieldError[] = [];
  for (const [name, f] of Object.entries(spec.fields)) {
    if (!f.check || (opts.partial && !(name in value))) continue;
    f.check(value[name], name, errors);
  }
  if (!opts.partial) spec.refine?.(value, errors);
  return errors;
}

/**
 * A row (of a file, a clipboard) split into the declared fields and the custom ones. A value a
 * field's `custom` says is not its value (a custom field of that name from before the field
 * existed) goes with the custom fields, as older versions kept it.
 */
export function splitFields(
  spec: RecordSpec,
  row: Readonly<Record<string, unknown>>,
): { fields: Record<string, unknown>; extra: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const f = spec.fields[k];
    (f && !f.custom?.(v) ? fields : extra)[k] = v;
  }
  return { fields, extra };
}
