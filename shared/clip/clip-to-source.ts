/** A validated clip as the host writes it: the source fields and quote, merged into a source. */
import { LIMITS } from '../schema/limits';
import type { ElementKind, FieldError, QuoteRecord, SourceRecord } from '../schema/types';
import type { Clip } from './clip';
import type { SourceType } from './types';
import { sourceKey } from './url';

/** The source fields a clip describes (everything but the id, the quotes and the links). */
export type SourceFields = Omit<SourceRecord, 'id' | 'quotes' | 'linkedTo'>;

export interface SourcePatch {
  /** Finds an existing source for the same page (see sourceKey in url.ts). */
  readonly key: string;
  readonly source: SourceFields;
  /** The quote to append, for a clip that carries one; its id is the clip id (idempotent). */
  readonly quote?: QuoteRecord;
  /** Ids to add to the source's `linkedTo`. */
  readonly linkedTo: readonly string[];
  /** An element the host should create and link, if the clip asked for one. */
  readonly newElement?: { readonly label: string; readonly kind: ElementKind };
}

function sourceTypeOf(clip: Clip): SourceType {
  if (clip.kind === 'image') return 'image';
  if (clip.kind === 'link' && clip.metadata.type === 'webpage') return 'link';
  return clip.metadata.type;
}

/** Turns a validated clip into the source fields and quote the host writes. */
export function clipToSourcePatch(clip: Clip): SourcePatch {
  const m = clip.metadata;
  const key = sourceKey({ url: clip.url, canonicalUrl: m.canonicalUrl }) ?? clip.url;
  const extra: Record<string, unknown> = {};
  if (m.containerTitle !== undefined) extra.containerTitle = m.containerTitle;
  if (m.publisher !== undefined) extra.publisher = m.publisher;
  if (m.pdfUrl !== undefined) extra.pdfUrl = m.pdfUrl;
  const source: SourceFields = {
    url: clip.url,
    ...(m.canonicalUrl !== undefined ? { canonicalUrl: m.canonicalUrl } : {}),
    title: m.title,
    ...(m.siteName !== undefined ? { siteName: m.siteName } : {}),
    authors: [...m.authors],
    ...(m.publishedAt !== undefined ? { publishedAt: m.publishedAt } : {}),
    ...(m.doi !== undefined ? { doi: m.doi } : {}),
    ...(m.description !== undefined ? { description: m.description } : {}),
    ...(m.language !== undefined ? { language: m.language } : {}),
    ...(m.primaryLanguage !== undefined ? { primaryLanguage: m.primaryLanguage } : {}),
    type: sourceTypeOf(clip),
    ...(m.favicon !== undefined ? { favicon: m.favicon } : {}),
    tags: [...clip.tags],
    // With a quote, the note is about the quote; without one, about the source.
    note: clip.quote ? '' : clip.note,
    clippedBy: clip.clippedBy,
    clippedAt: clip.clippedAt,
    extra,
  };
  const quote: QuoteRecord | undefined = clip.quote
    ? {
        id: clip.clipId,
        exact: clip.quote.exact,
        prefix: clip.quote.prefix,
        suffix: clip.quote.suffix,
        ...(clip.quote.start !== undefined ? { start: clip.quote.start } : {}),
        ...(clip.quote.end !== undefined ? { end: clip.quote.end } : {}),
        note: clip.note,
        clippedBy: clip.clippedBy,
        clippedAt: clip.clippedAt,
      }
    : undefined;
  return {
    key,
    source,
    ...(quote ? { quote } : {}),
    linkedTo: [...(clip.attachTo ?? [])],
    ...(clip.newElement ? { newElement: clip.newElement } : {}),
  };
}

export type MergeResult =
  { ok: true; source: SourceRecord; quoteAdded: boolean } | { ok: false; errors: FieldError[] };

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/**
 * The source after applying a clip: a new record (with `sourceId`) when `existing` is undefined,
 * else `existing` with the quote appended (unless a quote with the clip's id is already there:
 * replaying a clip changes nothing), links and tags added, and empty fields filled from the
 * clip. Existing values are never overwritten. Fails, changing nothing, when the source already
 * holds the maximum number of quotes. `extraLinks` adds ids the host created (a new element).
 */
export function mergeClipIntoSource(
  existing: SourceRecord | undefined,
  clip: Clip,
  sourceId: string,
  extraLinks: readonly string[] = [],
): MergeResult {
  const patch = clipToSourcePatch(clip);
  const links = union(patch.linkedTo, extraLinks);
  if (existing === undefined) {
    return {
      ok: true,
      source: {
        id: sourceId,
        ...patch.source,
        quotes: patch.quote ? [patch.quote] : [],
        linkedTo: links,
      },
      quoteAdded: patch.quote !== undefined,
    };
  }
  const already =
    patch.quote !== undefined && existing.quotes.some((q) => q.id === patch.quote?.id);
  const adding = patch.quote !== undefined && !already;
  if (adding && existing.quotes.length >= LIMITS.quotesPerSource) {
    return {
      ok: false,
      errors: [
        {
          field: 'quote',
          message: `This source already has ${LIMITS.quotesPerSource} quotes, the most a source can hold.`,
        },
      ],
    };
  }
  const filled: Record<string, unknown> = { ...existing };
  for (const [k, v] of Object.entries(patch.source)) {
    if (k === 'tags' || k === 'note' || k === 'clippedBy' || k === 'clippedAt' || k === 'extra')
      continue;
    const cur = filled[k];
    const empty = cur === undefined || cur === '' || (Array.isArray(cur) && cur.length === 0);
    if (empty) filled[k] = v;
  }
  const source: SourceRecord = {
    ...(filled as unknown as SourceRecord),
    quotes: adding && patch.quote ? [...existing.quotes, patch.quote] : existing.quotes,
    linkedTo: union(existing.linkedTo, links),
    tags: union(existing.tags, patch.source.tags),
    note: existing.note === '' ? patch.source.note : existing.note,
    extra: { ...patch.source.extra, ...existing.extra },
  };
  return { ok: true, source, quoteAdded: adding };
}
