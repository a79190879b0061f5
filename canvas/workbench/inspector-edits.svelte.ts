import {
  ACTOR_TYPES,
  CONNECTION_KINDS,
  DIRECTIONS,
  ELEMENT_KINDS,
  type ConnectionRecord,
  type ElementRecord,
} from '../../shared/schema/types';
import { validateConnection, validateElement } from '../../shared/schema/validate';
import { PROPOSED_BY, PROPOSED_BY_ID } from '../../shared/domain/index';
import { KIND_TITLE } from '../ui/kind-names';
import { executeCommand } from './registry';

/** The inspector's choices, as a select's options. */
const MEADOWS: Record<number, string> = {
  12: 'Constants, parameters, numbers',
  11: 'Sizes of buffers and stocks',
  10: 'Structure of material stocks and flows',
  9: 'Lengths of delays',
  8: 'Strength of balancing feedback loops',
  7: 'Gain around reinforcing feedback loops',
  6: 'Structure of information flows',
  5: 'Rules of the system',
  4: 'Power to add or change system structure',
  3: 'Goals of the system',
  2: 'Mindset or paradigm',
  1: 'Power to transcend paradigms',
};
const NOT_SET = { value: '', label: '(not set)' };
const same = (v: string) => ({ value: v, label: v });
export const OPTIONS = {
  kind: ELEMENT_KINDS.map((k) => ({ value: k, label: KIND_TITLE[k] })),
  actorType: [NOT_SET, ...ACTOR_TYPES.map(same)],
  meadows: [
    NOT_SET,
    ...Object.entries(MEADOWS)
      .reverse()
      .map(([n, name]) => ({ value: n, label: `${n}. ${name}` })),
  ],
  connectionKind: CONNECTION_KINDS.map(same),
  polarity: [
    NOT_SET,
    { value: '+', label: '+ same direction' },
    { value: '-', label: '− opposite direction' },
  ],
  direction: DIRECTIONS.map(same),
};

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

/** A record's custom fields the inspector edits (plain values). */
export const extraEntries = (r: ElementRecord | ConnectionRecord): [string, unknown][] =>
  Object.entries(r.extra).filter(
    ([k, v]) =>
      !('from' in r && SHOWN_ELSEWHERE.has(k)) &&
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
