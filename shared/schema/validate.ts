import type { FieldError } from './checks';
import { ELEMENT } from './records/element';
import { CONNECTION } from './records/connection';
import { QUOTE, SOURCE } from './records/source';
import { validateAgainst } from './records/read';

export { isHttpUrl, isWeight } from './checks';

/**
 * Record validators, derived from the record declarations (`records/<record>.ts`). Each takes an
 * unknown value (from a form, a file or the network) and returns the problems with it in words
 * a person can act on. Nothing invalid is ever written.
 */

/** Problems with a whole element record (or, with `partial`, with only the fields present). */
export function validateElement(value: unknown, opts: { partial?: boolean } = {}): FieldError[] {
  return validateAgainst(ELEMENT, value, opts);
}

export function validateConnection(value: unknown, opts: { partial?: boolean } = {}): FieldError[] {
  return validateAgainst(CONNECTION, value, opts);
}

export function validateQuote(value: unknown): FieldError[] {
  return validateAgainst(QUOTE, value);
}

export function validateSource(value: unknown, opts: { partial?: boolean } = {}): FieldError[] {
  return validateAgainst(SOURCE, value, opts);
}

/** Joins errors into one sentence for a status line or an HTTP error body. */
export function describeErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join(' ');
}
