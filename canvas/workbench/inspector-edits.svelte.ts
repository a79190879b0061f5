import type { ConnectionRecord, ElementRecord } from '../../shared/schema/types';
import {
  ACTOR_TYPE_VOCAB,
  CONNECTION_KIND_VOCAB,
  DIRECTION_VOCAB,
  ELEMENT_KIND_VOCAB,
  MEADOWS_VOCAB,
  POLARITY_VOCAB,
  type Vocabulary,
} from '../../shared/schema/vocab/index';
import {
  editableFields,
  isInternalField,
  type EditableField,
  type EditableRecord,
} from '../../shared/schema/records/editable';
import { validateConnection, validateElement } from '../../shared/schema/validate';
import { PROPOSED_BY, PROPOSED_BY_ID } from '../../shared/domain/index';
import { executeCommand } from './registry';

const NOT_SET = { value: '', label: '(not set)' };
/** A vocabulary (`shared/schema/vocab/`) as a select's options, with its words. */
const optionsOf = <V extends string | number>(vocab: Vocabulary<V>) =>
  vocab.values.map((v) => ({ value: String(v), label: vocab.label(v) }));

/** The inspector's choices, as a select's options. */
export const OPTIONS = {
  kind: optionsOf(ELEMENT_KIND_VOCAB),
  actorType: [NOT_SET, ...optionsOf(ACTOR_TYPE_VOCAB)],
  meadows: [NOT_SET, ...optionsOf(MEADOWS_VOCAB)],
  connectionKind: optionsOf(CONNECTION_KIND_VOCAB),
  polarity: [NOT_SET, ...optionsOf(POLARITY_VOCAB)],
  direction: optionsOf(DIRECTION_VOCAB),
};

/** Fields the inspector lays out by hand; every other editable field shows in RecordFields. */
const LAID_OUT: Readonly<Record<EditableRecord, ReadonlySet<string>>> = {
  element: new Set([
    'kind',
    'label',
    'description',
    'tags',
    'actorType',
    'leverageLevel',
    'color',
    'pinned',
  ]),
  connection: new Set([
    'kind',
    'label',
    'polarity',
    'delay',
    'direction',
    'strength',
    'weight',
    'description',
    'tags',
    'proposed',
  ]),
};

/** The record's other editable fields, straight from its declaration (`records/<record>.ts`). */
export const declaredFields = (
  type: EditableRecord,
  record: Readonly<Record<string, unknown>>,
): EditableField[] => editableFields(type, record).filter((f) => !LAID_OUT[type].has(f.name));

export const tagsOf = (raw: string): string[] =>
  raw
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** Blank is "not set"; anything else is a number (the validator says if it is not one). */
export const numberOrUnset = (raw: string): number | undefined =>
  raw.trim() === '' ? undefined : Number(raw.trim());

/** Who proposed an introduction is shown as such, not as an editable custom field. */
const SHOWN_ELSEWHERE = new Set([PROPOSED_BY, PROPOSED_BY_ID]);

/**
 * A record's custom fields the inspector edits (plain values): not those the app manages
 * (declared `internal` in the record's file, shown as a state instead).
 */
export const extraEntries = (r: ElementRecord | ConnectionRecord): [string, unknown][] =>
  Object.entries(r.extra).filter(
    ([k, v]) =>
      !('from' in r && SHOWN_ELSEWHERE.has(k)) &&
      !isInternalField('from' in r ? 'connection' : 'element', k) &&
      (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'),
  );

/**
 * The inspector's edits: each value is checked with the schema's validators first; an invalid
 * one is kept out of the map with the validator's words in `errors` (by field), a valid one is
 * written by a command (one undo step).
 */
export class InspectorEdits {
  errors = $state<Record<string, string>>({});

  reset(): void {
    this.errors = {};
  }

  #fail(field: string, message: string): void {
    this.errors = { ...this.errors, [field]: message };
  }

  #ok(field: string): void {
    if (this.errors[field]) {
      const { [field]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  setElement(e: ElementRecord, field: string, value: unknown): void {
    const problems = validateElement({ [field]: value }, { partial: true });
    if (problems.length) return this.#fail(field, problems.map((p) => p.message).join(' '));
    this.#ok(field);
    void executeCommand('map.setElementFields', { id: e.id, fields: { [field]: value } });
  }

  setConnection(c: ConnectionRecord, field: string, value: unknown): void {
    const problems = validateConnection({ [field]: value }, { partial: true });
    if (problems.length) return this.#fail(field, problems.map((p) => p.message).join(' '));
    this.#ok(field);
    void executeCommand('map.setConnectionFields', { id: c.id, fields: { [field]: value } });
  }

  setCoord(e: ElementRecord, axis: 0 | 1, raw: string): void {
    const v = raw.trim() === '' ? NaN : Number(raw);
    const p: [number, number] = [e.position[0], e.position[1]];
    p[axis] = v;
    const field = axis === 0 ? 'x' : 'y';
    const problems = validateElement({ position: p }, { partial: true });
    if (problems.length) return this.#fail(field, problems.map((x) => x.message).join(' '));
    this.#ok(field);
    void executeCommand('map.setPosition', { id: e.id, position: p });
  }

  setExtra(e: ElementRecord | ConnectionRecord, key: string, raw: string): void {
    const before = e.extra[key];
    const value =
      typeof before === 'number' ? Number(raw) : typeof before === 'boolean' ? raw === 'true' : raw;
    if (typeof before === 'number' && !Number.isFinite(value))
      return this.#fail(`x:${key}`, `${key} must be a number.`);
    this.#ok(`x:${key}`);
    const command = 'position' in e ? 'map.setElementFields' : 'map.setConnectionFields';
    void executeCommand(command, { id: e.id, fields: { extra: { [key]: value } } });
  }
}
