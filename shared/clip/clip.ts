/**
 * Clip records: what the extension sends (`POST /api/rooms/:id/clips`) and the host validates
 * (here) and writes into a room as a source (plus a quote) in one transaction, idempotent by
 * `clipId` (clip-to-source.ts).
 */
import { LIMITS } from '../schema/limits';
import { ELEMENT_KINDS, type ElementKind, type FieldError } from '../schema/types';
import { isHttpUrl, validateQuote, validateSource } from '../schema/validate';
import { isIsoDate } from './dates';
import { parseDoi } from './doi';
import { normalizeLanguage, primaryLanguage } from './language';
import { METADATA_LIMITS, SOURCE_TYPES, type PageMetadata } from './types';

export {
  clipToSourcePatch,
  mergeClipIntoSource,
  type MergeResult,
  type SourceFields,
  type SourcePatch,
} from './clip-to-source';

export const CLIP_KINDS = ['page', 'selection', 'link', 'image'] as const;
export type ClipKind = (typeof CLIP_KINDS)[number];

export interface ClipQuote {
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly start?: number;
  readonly end?: number;
}

export interface Clip {
  /** Random id made by the extension when the clip is taken; the host writes a clip once per id. */
  readonly clipId: string;
  readonly roomId?: string;
  readonly kind: ClipKind;
  /** The clipped address: the page for `page`/`selection`, the target for `link`, the image for `image`. */
  readonly url: string;
  /** What is known about the thing at `url`. */
  readonly metadata: PageMetadata;
  /** Required for `selection` clips. */
  readonly quote?: ClipQuote;
  readonly note: string;
  readonly tags: readonly string[];
  /** Element and connection ids the source is evidence for. */
  readonly attachTo?: readonly string[];
  /** An element to create from the clip and attach the source to. */
  readonly newElement?: { readonly label: string; readonly kind: ElementKind };
  readonly clippedBy: string;
  /** Milliseconds since the epoch. */
  readonly clippedAt: number;
}

export type ClipValidation = { ok: true; clip: Clip } | { ok: false; errors: FieldError[] };

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const CLIP_ID = /^[A-Za-z0-9_-]{16,64}$/;
const MAX_ATTACH = 100;
const MAX_CLIPPED_BY = 200;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function optionalText(
  errors: FieldError[],
  field: string,
  v: unknown,
  max: number,
): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') errors.push({ field, message: `${field} must be text.` });
  else if (v.length > max)
    errors.push({
      field,
      message: `${field} is too long (${v.length} characters; at most ${max}).`,
    });
  else if (v.trim() !== '') return v;
  return undefined;
}

function optionalUrl(errors: FieldError[], field: string, v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (!isHttpUrl(v)) {
    errors.push({ field, message: `${field} must be an http(s) address.` });
    return undefined;
  }
  return v;
}

function validateMetadata(
  v: unknown,
  clipUrl: unknown,
  errors: FieldError[],
): PageMetadata | undefined {
  if (!isRecord(v)) {
    errors.push({
      field: 'metadata',
      message: 'metadata is required (what is known about the page).',
    });
    return undefined;
  }
  const before = errors.length;
  const m: Record<string, unknown> = {};
  const url = v.url === undefined ? clipUrl : v.url;
  if (!isHttpUrl(url))
    errors.push({ field: 'metadata.url', message: 'metadata.url must be an http(s) address.' });
  else m.url = url;

  if (typeof v.title !== 'string' || v.title.trim() === '')
    errors.push({ field: 'metadata.title', message: 'metadata.title is required.' });
  else if (v.title.length > METADATA_LIMITS.titleChars)
    errors.push({
      field: 'metadata.title',
      message: `metadata.title is too long (${v.title.length} characters; at most ${METADATA_LIMITS.titleChars}).`,
    });
  else m.title = v.title;

  if (v.authors === undefined) m.authors = [];
  else if (
    !Array.isArray(v.authors) ||
    v.authors.some(
      (a) => typeof a !== 'string' || a.trim() === '' || a.length > METADATA_LIMITS.authorChars,
    )
  )
    errors.push({
      field: 'metadata.authors',
      message: `metadata.authors must be a list of names of at most ${METADATA_LIMITS.authorChars} characters.`,
    });
  else if (v.authors.length > METADATA_LIMITS.authors)
    errors.push({
      field: 'metadata.authors',
      message: `At most ${METADATA_LIMITS.authors} authors.`,
    });
  else m.authors = [...(v.authors as string[])];

  if (v.publishedAt !== undefined && v.publishedAt !== null) {
    if (!isIsoDate(v.publishedAt))
      errors.push({
        field: 'metadata.publishedAt',
        message:
          'metadata.publishedAt must be an ISO 8601 date such as 2024-03-15 or 2024-03-15T09:30:00Z.',
      });
    else m.publishedAt = v.publishedAt;
  }
  if (v.doi !== undefined && v.doi !== null) {
    if (typeof v.doi !== 'string' || parseDoi(v.doi) !== v.doi)
      errors.push({
        field: 'metadata.doi',
        message: 'metadata.doi must be a bare DOI such as 10.1000/xyz123.',
      });
    else m.doi = v.doi;
  }
  if (v.language !== undefined && v.language !== null) {
    if (typeof v.language !== 'string' || normalizeLanguage(v.language) === undefined)
      errors.push({
        field: 'metadata.language',
        message: 'metadata.language must be a language tag such as en or fr-FR.',
      });
    else {
      m.language = normalizeLanguage(v.language);
      // Derived from the tag, whatever the sender said, so the two never disagree.
      m.primaryLanguage = primaryLanguage(m.language as string);
    }
  }
  if (v.type === undefined || v.type === null) m.type = 'webpage';
  else if (typeof v.type !== 'string' || !(SOURCE_TYPES as readonly string[]).includes(v.type))
    errors.push({
      field: 'metadata.type',
      message: `metadata.type must be one of: ${SOURCE_TYPES.join(', ')}.`,
    });
  else m.type = v.type;

  const texts: [string, number][] = [
    ['siteName', METADATA_LIMITS.siteNameChars],
    ['containerTitle', METADATA_LIMITS.siteNameChars],
    ['publisher', METADATA_LIMITS.siteNameChars],
    ['description', METADATA_LIMITS.descriptionChars],
  ];
  for (const [field, max] of texts) {
    const t = optionalText(errors, `metadata.${field}`, v[field], max);
    if (t !== undefined) m[field] = t;
  }
  for (const field of ['canonicalUrl', 'favicon', 'pdfUrl']) {
    const u = optionalUrl(errors, `metadata.${field}`, v[field]);
    if (u !== undefined) m[field] = u;
  }
  return errors.length === before ? (m as unknown as PageMetadata) : undefined;
}

function validateClipQuote(v: unknown, errors: FieldError[]): ClipQuote | undefined {
  if (!isRecord(v)) {
    errors.push({ field: 'quote', message: 'quote must be a record with the exact text.' });
    return undefined;
  }
  const before = errors.length;
  for (const e of validateQuote({ exact: v.exact, prefix: v.prefix ?? '', suffix: v.suffix ?? '' }))
    errors.push({ field: `quote.${e.field}`, message: e.message });
  const q: Record<string, unknown> = {
    exact: v.exact,
    prefix: v.prefix ?? '',
    suffix: v.suffix ?? '',
  };
  const offsets = [v.start, v.end];
  if (offsets.some((o) => o !== undefined && o !== null)) {
    if (!offsets.every((o) => typeof o === 'number' && Number.isInteger(o) && o >= 0))
      errors.push({
        field: 'quote.start',
        message: 'quote.start and quote.end must both be whole numbers >= 0.',
      });
    else if ((v.start as number) >= (v.end as number))
      errors.push({ field: 'quote.end', message: 'quote.end must be after quote.start.' });
    else {
      q.start = v.start;
      q.end = v.end;
    }
  }
  return errors.length === before ? (q as unknown as ClipQuote) : undefined;
}

/**
 * Checks a clip from the network. On success returns a fresh clip holding only the known fields
 * (`note` defaults to '', `tags` to [], `metadata.url` to `url`); otherwise one error per bad field,
 * named by its path (`metadata.title`, `quote.exact`, `attachTo[2]`).
 */
export function validateClip(value: unknown): ClipValidation {
  if (!isRecord(value))
    return { ok: false, errors: [{ field: '', message: 'Expected a clip record (an object).' }] };
  const errors: FieldError[] = [];

  if (typeof value.clipId !== 'string' || !CLIP_ID.test(value.clipId))
    errors.push({
      field: 'clipId',
      message: 'clipId must be a random id (a UUID, or 16-64 letters, digits, _ or -).',
    });
  if (value.roomId !== undefined && (typeof value.roomId !== 'string' || !ID.test(value.roomId)))
    errors.push({
      field: 'roomId',
      message: 'roomId must be an id of letters, digits, _ or - (at most 64).',
    });
  if (typeof value.kind !== 'string' || !(CLIP_KINDS as readonly string[]).includes(value.kind))
    errors.push({ field: 'kind', message: `kind must be one of: ${CLIP_KINDS.join(', ')}.` });
  if (!isHttpUrl(value.url))
    errors.push({ field: 'url', message: 'url must be an http(s) address.' });

  const metadata = validateMetadata(value.metadata, value.url, errors);

  let quote: ClipQuote | undefined;
  if (value.quote !== undefined && value.quote !== null)
    quote = validateClipQuote(value.quote, errors);
  else if (value.kind === 'selection')
    errors.push({ field: 'quote', message: 'A selection clip needs the quoted text.' });

  const note = value.note ?? '';
  if (typeof note !== 'string') errors.push({ field: 'note', message: 'note must be text.' });
  else if (note.length > LIMITS.noteChars)
    errors.push({
      field: 'note',
      message: `note is too long (${note.length} characters; at most ${LIMITS.noteChars}).`,
    });

  const tags = value.tags ?? [];
  errors.push(...validateSource({ tags }, { partial: true }));

  const attachTo = value.attachTo;
  if (attachTo !== undefined) {
    if (!Array.isArray(attachTo))
      errors.push({
        field: 'attachTo',
        message: 'attachTo must be a list of element or connection ids.',
      });
    else if (attachTo.length > MAX_ATTACH)
      errors.push({
        field: 'attachTo',
        message: `A clip can be attached to at most ${MAX_ATTACH} elements or connections.`,
      });
    else
      attachTo.forEach((id, i) => {
        if (typeof id !== 'string' || !ID.test(id))
          errors.push({
            field: `attachTo[${i}]`,
            message: 'Each attachTo entry must be an element or connection id.',
          });
      });
  }

  const newElement = value.newElement;
  if (newElement !== undefined) {
    if (!isRecord(newElement))
      errors.push({
        field: 'newElement',
        message: 'newElement must be a record with a label and a kind.',
      });
    else {
      if (typeof newElement.label !== 'string' || newElement.label.trim() === '')
        errors.push({ field: 'newElement.label', message: 'The new element needs a label.' });
      else if (newElement.label.length > LIMITS.labelChars)
        errors.push({
          field: 'newElement.label',
          message: `The new element's label is too long (at most ${LIMITS.labelChars} characters).`,
        });
      if (
        typeof newElement.kind !== 'string' ||
        !(ELEMENT_KINDS as readonly string[]).includes(newElement.kind)
      )
        errors.push({
          field: 'newElement.kind',
          message: `newElement.kind must be one of: ${ELEMENT_KINDS.join(', ')}.`,
        });
    }
  }

  if (typeof value.clippedBy !== 'string' || value.clippedBy.trim() === '')
    errors.push({ field: 'clippedBy', message: 'clippedBy (who clipped it) is required.' });
  else if (value.clippedBy.length > MAX_CLIPPED_BY)
    errors.push({
      field: 'clippedBy',
      message: `clippedBy is too long (at most ${MAX_CLIPPED_BY} characters).`,
    });
  if (
    typeof value.clippedAt !== 'number' ||
    !Number.isFinite(value.clippedAt) ||
    value.clippedAt <= 0
  )
    errors.push({
      field: 'clippedAt',
      message: 'clippedAt must be a time in milliseconds since 1970.',
    });

  if (errors.length > 0 || metadata === undefined) return { ok: false, errors };

  const clip: Clip = {
    clipId: value.clipId as string,
    ...(value.roomId !== undefined ? { roomId: value.roomId as string } : {}),
    kind: value.kind as ClipKind,
    url: value.url as string,
    metadata,
    ...(quote !== undefined ? { quote } : {}),
    note: note as string,
    tags: [...(tags as string[])],
    ...(Array.isArray(attachTo) ? { attachTo: [...(attachTo as string[])] } : {}),
    ...(isRecord(newElement)
      ? { newElement: { label: newElement.label as string, kind: newElement.kind as ElementKind } }
      : {}),
    clippedBy: value.clippedBy as string,
    clippedAt: value.clippedAt as number,
  };
  return { ok: true, clip };
}
