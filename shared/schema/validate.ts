import {
  ACTOR_TYPES,
  CONNECTION_KINDS,
  DIRECTIONS,
  ELEMENT_KINDS,
  POLARITIES,
  type FieldError,
} from './types';
import { LIMITS } from './limits';

/**
 * Field validators. Each takes an unknown value (from a form, a file or the network) and returns
 * the problems with it in words a person can act on. Nothing invalid is ever written.
 */

type Check = (value: unknown, errors: FieldError[]) => void;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text =
  (field: string, max: number, opts: { required?: boolean } = {}): Check =>
  (v, errors) => {
    if (v === undefined) {
      if (opts.required) errors.push({ field, message: `${field} is required.` });
      return;
    }
    if (typeof v !== 'string') errors.push({ field, message: `${field} must be text.` });
    else if (opts.required && v.trim() === '')
      errors.push({ field, message: `${field} cannot be empty.` });
    else if (v.length > max)
      errors.push({
        field,
        message: `${field} is too long (${v.length} characters; at most ${max}).`,
      });
  };

const oneOf =
  (field: string, allowed: readonly string[], opts: { required?: boolean } = {}): Check =>
  (v, errors) => {
    if (v === undefined) {
      if (opts.required) errors.push({ field, message: `${field} is required.` });
      return;
    }
    if (typeof v !== 'string' || !allowed.includes(v))
      errors.push({ field, message: `${field} must be one of: ${allowed.join(', ')}.` });
  };

const tags: Check = (v, errors) => {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.some((t) => typeof t !== 'string')) {
    errors.push({ field: 'tags', message: 'tags must be a list of words.' });
    return;
  }
  if (v.length > LIMITS.tagsPerRecord)
    errors.push({ field: 'tags', message: `At most ${LIMITS.tagsPerRecord} tags.` });
  const long = (v as string[]).find((t) => t.length > LIMITS.tagChars);
  if (long !== undefined)
    errors.push({
      field: 'tags',
      message: `A tag is too long (at most ${LIMITS.tagChars} characters).`,
    });
};

const position: Check = (v, errors) => {
  if (v === undefined) return;
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    !v.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= LIMITS.coordinate)
  )
    errors.push({ field: 'position', message: 'position must be two finite numbers [x, y].' });
};

const integerIn =
  (field: string, min: number, max: number): Check =>
  (v, errors) => {
    if (v === undefined || v === null) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      errors.push({ field, message: `${field} must be a whole number from ${min} to ${max}.` });
  };

const numberIn =
  (field: string, min: number, max: number): Check =>
  (v, errors) => {
    if (v === undefined || v === null) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
      errors.push({ field, message: `${field} must be a number from ${min} to ${max}.` });
  };

const positive =
  (field: string): Check =>
  (v, errors) => {
    if (v === undefined || v === null) return;
    if (!isWeight(v)) errors.push({ field, message: `${field} must be a number above 0.` });
  };

const boolean =
  (field: string): Check =>
  (v, errors) => {
    if (v !== undefined && typeof v !== 'boolean')
      errors.push({ field, message: `${field} must be true or false.` });
  };

const color: Check = (v, errors) => {
  if (v === undefined || v === null || v === '') return;
  if (typeof v !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(v))
    errors.push({ field: 'color', message: 'color must look like #1f77b4.' });
};

const id =
  (field: string): Check =>
  (v, errors) => {
    if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v))
      errors.push({
        field,
        message: `${field} must be an id of letters, digits, _ or - (at most 64).`,
      });
  };

function run(checks: Record<string, Check>, value: unknown, partial: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (!isRecord(value)) return [{ field: '', message: 'Expected a record (an object).' }];
  for (const [field, check] of Object.entries(checks)) {
    if (partial && !(field in value)) continue;
    check(value[field], errors);
  }
  return errors;
}

const elementChecks: Record<string, Check> = {
  id: id('id'),
  kind: oneOf('kind', ELEMENT_KINDS, { required: true }),
  label: text('label', LIMITS.labelChars),
  description: text('description', LIMITS.descriptionChars),
  tags,
  position,
  actorType: oneOf('actorType', ACTOR_TYPES),
  leverageLevel: integerIn('leverageLevel', 1, 12),
  color,
  pinned: boolean('pinned'),
};

const connectionChecks: Record<string, Check> = {
  id: id('id'),
  from: id('from'),
  to: id('to'),
  kind: oneOf('kind', CONNECTION_KINDS, { required: true }),
  polarity: oneOf('polarity', POLARITIES),
  delay: boolean('delay'),
  direction: oneOf('direction', DIRECTIONS),
  strength: numberIn('strength', 0, 1),
  weight: positive('weight'),
  label: text('label', LIMITS.labelChars),
  description: text('description', LIMITS.descriptionChars),
  tags,
  proposed: boolean('proposed'),
};

/** Problems with a whole element record (or, with `partial`, with only the fields present). */
export function validateElement(value: unknown, opts: { partial?: boolean } = {}): FieldError[] {
  return run(elementChecks, value, opts.partial ?? false);
}

export function validateConnection(value: unknown, opts: { partial?: boolean } = {}): FieldError[] {
  const errors = run(connectionChecks, value, opts.partial ?? false);
  if (isRecord(value) && !opts.partial && value.from === value.to && typeof value.from === 'string')
    errors.push({ field: 'to', message: 'A connection needs two different elements.' });
  return errors;
}

const quoteChecks: Record<string, Check> = {
  exact: (v, errors) => {
    if (typeof v !== 'string' || v.trim() === '')
      errors.push({ field: 'exact', message: 'The quote is empty.' });
    else if (new TextEncoder().encode(v).length > LIMITS.quoteBytes)
      errors.push({
        field: 'exact',
        message: `The quote is longer than ${LIMITS.quoteBytes / 1024} KB.`,
      });
  },
  prefix: text('prefix', 200),
  suffix: text('suffix', 200),
  note: text('note', LIMITS.noteChars),
};

export function validateQuote(value: unknown): FieldError[] {
  return run(quoteChecks, value, false);
}

/** A connection weight: a positive finite number. */
export function isWeight(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** An absolute http(s) URL: the only kind Weavemap stores, follows or links. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > LIMITS.urlChars) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const httpUrl =
  (field: string, opts: { required?: boolean } = {}): Check =>
  (v, errors) => {
    if (v === undefined || (v === '' && !opts.required)) {
      if (opts.required) errors.push({ field, message: `${field} is required.` });
      return;
    }
    if (!isHttpUrl(v)) errors.push({ field, message: `${field} must be an http(s) address.` });
  };

const sourceChecks: Record<string, Check> = {
  url: httpUrl('url', { required: true }),
  canonicalUrl: httpUrl('canonicalUrl'),
  title: text('title', LIMITS.titleChars),
  siteName: text('siteName', LIMITS.titleChars),
  publishedAt: text('publishedAt', 40),
  doi: text('doi', 200),
  description: text('description', LIMITS.descriptionChars),
  language: text('language', 35),
  primaryLanguage: text('primaryLanguage', 8),
  type: text('type', 40),
  favicon: httpUrl('favicon'),
  note: text('note', LIMITS.noteChars),
  tags,
  authors: (v, errors) => {
    if (v === undefined) return;
    if (!Array.isArray(v) || v.some((a) => typeof a !== 'string' || a.length > LIMITS.labelChars))
      errors.push({ field: 'authors', message: 'authors must be a list of names.' });
    else if (v.length > 200) errors.push({ field: 'authors', message: 'At most 200 authors.' });
  },
  quotes: (v, errors) => {
    if (v === undefined) return;
    if (!Array.isArray(v)) {
      errors.push({ field: 'quotes', message: 'quotes must be a list.' });
      return;
    }
    if (v.length > LIMITS.quotesPerSource)
      errors.push({
        field: 'quotes',
        message: `At most ${LIMITS.quotesPerSource} quotes a source.`,
      });
    v.forEach((q, i) => {
      for (const e of validateQuote(q))
        errors.push({ field: `quotes[${i}].${e.field}`, message: e.message });
    });
  },
};

export function validateSource(value: unknown, opts: { partial?: boolean } = {}): FieldError[] {
  return run(sourceChecks, value, opts.partial ?? false);
}

/** Joins errors into one sentence for a status line or an HTTP error body. */
export function describeErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join(' ');
}
