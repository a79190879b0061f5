import type { Edit } from '../fields';
import type { RecordSpec } from './define';
import { ELEMENT } from './element';
import { CONNECTION } from './connection';

/**
 * The fields people edit, for a form (the Inspector): derived from the record declarations, so
 * a field declared with `edit` shows up, labelled and with its vocabulary, without UI code.
 */
export interface EditableField {
  readonly name: string;
  readonly label: string;
  readonly control: Edit['control'];
  /** A choice's values with their words. */
  readonly options: readonly { readonly value: string | number; readonly label: string }[];
  /** The entry meaning "not set", when the field may be left unset. */
  readonly unset?: string;
  readonly placeholder?: string;
}

const EDITABLE = { element: ELEMENT, connection: CONNECTION } as const;
export type EditableRecord = keyof typeof EDITABLE;

/** The fields of `record` (an element or a connection) people may edit, in declaration order. */
export function editableFields(
  type: EditableRecord,
  record: Readonly<Record<string, unknown>>,
): EditableField[] {
  const spec: RecordSpec = EDITABLE[type];
  const out: EditableField[] = [];
  for (const [name, f] of Object.entries(spec.fields)) {
    const edit = f.edit;
    if (!edit || (edit.when && !edit.when(record))) continue;
    out.push({
      name,
      label: f.label,
      control: edit.control,
      options: f.vocab
        ? f.vocab.values.map((value) => ({ value, label: f.vocab!.label(value) }))
        : [],
      ...(edit.unset ? { unset: edit.unset } : f.optional && f.vocab ? { unset: '(not set)' } : {}),
      ...(edit.placeholder ? { placeholder: edit.placeholder } : {}),
    });
  }
  return out;
}

/** Whether `name` is a custom field the app manages on this record type (never edited by hand). */
export function isInternalField(type: EditableRecord, name: string): boolean {
  const spec: RecordSpec = EDITABLE[type];
  return Object.hasOwn(spec.internal ?? {}, name);
}

/** The states the app's own custom fields put `record` in (set ones only), in people's words. */
export function internalStates(
  type: EditableRecord,
  extra: Readonly<Record<string, unknown>>,
): { readonly name: string; readonly label: string; readonly explain: string }[] {
  const spec: RecordSpec = EDITABLE[type];
  return Object.entries(spec.internal ?? {})
    .filter(([name]) => extra[name] !== undefined && extra[name] !== false)
    .map(([name, f]) => ({ name, label: f.label, explain: f.explain ?? '' }));
}

/** A field's label, as people see it ("Leverage level (Meadows)"). */
export function fieldLabel(type: EditableRecord, name: string): string {
  const spec: RecordSpec = EDITABLE[type];
  return spec.fields[name]?.label ?? name;
}

/**
 * The value a form control's input stands for: '' is "not set" for optional fields, numbers are
 * parsed (NaN stays NaN so the field's check can say what is wrong), tags are split at commas.
 */
export function valueFromInput(field: EditableField, raw: string | boolean): unknown {
  if (typeof raw === 'boolean') return raw;
  const trimmed = raw.trim();
  switch (field.control) {
    case 'flag':
      return raw === 'true';
    case 'tags':
      return raw
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
    case 'number':
      return trimmed === '' ? undefined : Number(trimmed);
    case 'color':
      return trimmed || undefined;
    case 'choice': {
      if (raw === '') return undefined;
      const match = field.options.find((o) => String(o.value) === raw);
      return match ? match.value : raw;
    }
    default:
      return raw;
  }
}
