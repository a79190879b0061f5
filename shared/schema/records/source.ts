import * as C from '../checks';
import {
  idField,
  optionalText,
  stringList,
  tagList,
  text,
  url,
  when,
  who,
  type Field,
} from '../fields';
import { LIMITS } from '../limits';
import { defineRecord, type RecordOf } from './define';
import { readObject, validateAgainst } from './read';

/** A quote anchored with W3C Web Annotation selectors (TextQuote + TextPosition). */
export const QUOTE = defineRecord({
  name: 'quote',
  label: 'Quote',
  extra: false,
  fields: {
    // Quotes from before ids were kept have none: they get `q<index>` when read.
    id: { ...idField(), check: undefined },
    exact: {
      ...text('Quote', Infinity, { sparse: false }),
      check: (v, field, errors) => {
        if (typeof v !== 'string' || v.trim() === '')
          errors.push({ field, message: 'The quote is empty.' });
        else if (new TextEncoder().encode(v).length > LIMITS.quoteBytes)
          errors.push({
            field,
            message: `The quote is longer than ${LIMITS.quoteBytes / 1024} KB.`,
          });
      },
    },
    prefix: text('Before the quote', 200, { sparse: false }),
    suffix: text('After the quote', 200, { sparse: false }),
    start: { ...optionalNumber('Start'), check: undefined },
    end: { ...optionalNumber('End'), check: undefined },
    note: text('Note', LIMITS.noteChars, { sparse: false }),
    clippedBy: { ...who('Clipped by', 'key', LIMITS.labelChars), storedCheck: undefined },
    clippedAt: { ...when('Clipped', 'key'), storedCheck: undefined },
  },
});
export type QuoteRecord = RecordOf<typeof QUOTE>;

function optionalNumber(label: string): Field<number, true> {
  return {
    type: 'number',
    optional: true,
    label,
    read: (v) => (typeof v === 'number' ? v : undefined),
    storage: 'key',
  };
}

/** Quotes as stored (plain objects in a Y.Array); a quote without an id gets `q<index>`. */
const quotes: Field<readonly QuoteRecord[], false> = {
  type: 'other',
  optional: false,
  label: 'Quotes',
  read: (v) =>
    Array.isArray(v)
      ? v.flatMap((q, i) =>
          C.isRecord(q)
            ? [readObject(QUOTE, q, typeof q.id === 'string' ? q.id : `q${i}`) as QuoteRecord]
            : [],
        )
      : undefined,
  fallback: () => [],
  check: (v, field, errors) => {
    if (v === undefined) return;
    if (!Array.isArray(v)) {
      errors.push({ field, message: `${field} must be a list.` });
      return;
    }
    if (v.length > LIMITS.quotesPerSource)
      errors.push({ field, message: `At most ${LIMITS.quotesPerSource} quotes a source.` });
    v.forEach((q, i) => {
      for (const e of validateAgainst(QUOTE, q))
        errors.push({ field: `${field}[${i}].${e.field}`, message: e.message });
    });
  },
  storage: 'key',
};

/** A web page (or document) clipped as evidence, with its quotes and what it is evidence for. */
export const SOURCE = defineRecord({
  name: 'source',
  label: 'Source',
  extra: true,
  fields: {
    // Given by the code that writes a source (a clip, an import), not checked as a field.
    id: { ...idField(), check: undefined },
    url: url('Address', false),
    canonicalUrl: url('Canonical address', true),
    title: text('Title', LIMITS.titleChars),
    siteName: optionalText('Site', LIMITS.titleChars),
    authors: stringList('Authors', {
      check: (v, field, errors) => {
        if (v === undefined) return;
        if (
          !Array.isArray(v) ||
          v.some((a) => typeof a !== 'string' || a.length > LIMITS.labelChars)
        )
          errors.push({ field, message: `${field} must be a list of names.` });
        else if (v.length > 200) errors.push({ field, message: 'At most 200 authors.' });
      },
    }),
    /** ISO 8601 date or date-time. */
    publishedAt: optionalText('Published', 40),
    doi: optionalText('DOI', 200),
    description: optionalText('Description', LIMITS.descriptionChars),
    /** BCP 47 tag as the page gives it (en-GB): CSL's language. */
    language: optionalText('Language', 35),
    /** Its primary subtag (en): what comparisons of languages use. */
    primaryLanguage: optionalText('Primary language', 8),
    /** e.g. article, report, video, webpage, image, link */
    type: optionalText('Type', 40),
    favicon: url('Icon', true),
    quotes,
    /** Ids of elements and connections this source is evidence for. */
    linkedTo: stringList('Evidence for', {
      unique: true,
      storedCheck: C.storedIds('linkedTo must be a list of ids.'),
    }),
    tags: tagList('Tags'),
    note: text('Note', LIMITS.noteChars),
    clippedBy: who('Clipped by', 'key', LIMITS.labelChars),
    clippedAt: when('Clipped', 'key'),
  },
});
