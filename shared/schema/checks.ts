import { LIMITS } from './limits';

/** One problem with one field of one record, phrased for the person who typed it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * A field check: takes an unknown value (from a form, a file or the network) and the field's
 * name, and adds the problems with it in words a person can act on. `undefined` means "not
 * given": only a required check complains about it.
 */
export type Check = (value: unknown, field: string, errors: FieldError[]) => void;

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

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

export const isText = (v: unknown, max: number): boolean =>
  typeof v === 'string' && v.length <= max;
export const isFiniteNumber = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v);

export const text =
  (max: number, opts: { required?: boolean } = {}): Check =>
  (v, field, errors) => {
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

export const oneOf =
  (allowed: readonly (string | number)[], opts: { required?: boolean } = {}): Check =>
  (v, field, errors) => {
    if (v === undefined) {
      if (opts.required) errors.push({ field, message: `${field} is required.` });
      return;
    }
    if ((typeof v !== 'string' && typeof v !== 'number') || !allowed.includes(v))
      errors.push({ field, message: `${field} must be one of: ${allowed.join(', ')}.` });
  };

export const tags: Check = (v, field, errors) => {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.some((t) => typeof t !== 'string')) {
    errors.push({ field, message: `${field} must be a list of words.` });
    return;
  }
  if (v.length > LIMITS.tagsPerRecord)
    errors.push({ field, message: `At most ${LIMITS.tagsPerRecord} tags.` });
  const long = (v as string[]).find((t) => t.length > LIMITS.tagChars);
  if (long !== undefined)
    errors.push({
      field,
      message: `A tag is too long (at most ${LIMITS.tagChars} characters).`,
    });
};

export const position: Check = (v, field, errors) => {
  if (v === undefined) return;
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    !v.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= LIMITS.coordinate)
  )
    errors.push({ field, message: `${field} must be two finite numbers [x, y].` });
};

export const integerIn =
  (min: number, max: number): Check =>
  (v, field, errors) => {
    if (v === undefined || v === null) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      errors.push({ field, message: `${field} must be a whole number from ${min} to ${max}.` });
  };

export const numberIn =
  (min: number, max: number): Check =>
  (v, field, errors) => {
    if (v === undefined || v === null) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
      errors.push({ field, message: `${field} must be a number from ${min} to ${max}.` });
  };

export const positive: Check = (v, field, errors) => {
  if (v === undefined || v === null) return;
  if (!isWeight(v)) errors.push({ field, message: `${field} must be a number above 0.` });
};

export const boolean: Check = (v, field, errors) => {
  if (v !== undefined && typeof v !== 'boolean')
    errors.push({ field, message: `${field} must be true or false.` });
};

export const color: Check = (v, field, errors) => {
  if (v === undefined || v === null || v === '') return;
  if (typeof v !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(v))
    errors.push({ field, message: `${field} must look like #1f77b4.` });
};

export const id: Check = (v, field, errors) => {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(v))
    errors.push({
      field,
      message: `${field} must be an id of letters, digits, _ or - (at most 64).`,
    });
};

export const httpUrl =
  (opts: { required?: boolean } = {}): Check =>
  (v, field, errors) => {
    if (v === undefined || (v === '' && !opts.required)) {
      if (opts.required) errors.push({ field, message: `${field} is required.` });
      return;
    }
    if (!isHttpUrl(v)) errors.push({ field, message: `${field} must be an http(s) address.` });
  };

/** Stored-only checks (the host's): text that may be absent, numbers, lists of ids. */
export const storedText =
  (max: number, what = 'text'): Check =>
  (v, field, errors) => {
    if (v !== undefined && !isText(v, max))
      errors.push({ field, message: `${field} must be ${what}.` });
  };
export const storedNumber: Check = (v, field, errors) => {
  if (v !== undefined && !isFiniteNumber(v))
    errors.push({ field, message: `${field} must be a finite number.` });
};
export const storedIds =
  (message: string): Check =>
  (v, field, errors) => {
    if (v !== undefined && (!Array.isArray(v) || v.some((l) => !isText(l, 64))))
      errors.push({ field, message });
  };
