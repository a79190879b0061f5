/**
 * Writing a validated clip into a map document: what the host's clips endpoint does, in one
 * transaction, and nothing else.
 *
 *  - A clip already applied (its id is in the document's `clipLog`) changes nothing and returns
 *    the result it had the first time: the extension may send a clip again after a timeout.
 *  - A clip of a page the map already has (same `sourceKey`, else same DOI) adds its quote, tags
 *    and links to that source and fills its empty fields; otherwise a new source is written.
 *  - `attachTo` ids that name no element or connection any more (deleted while the clip waited in
 *    the outbox) are skipped and reported, so the clip is not lost over one stale id.
 *  - `newElement` creates an element labelled as asked and links the source to it.
 *
 * The clip log is a root `Y.Map` named `clipLog` (clip id -> the result), written in the same
 * transaction as the source, so a stored clip and its log entry are never apart.
 */
import * as Y from 'yjs';
import { connectionsMap, elementsMap, readSource, sourcesMap } from '../schema/doc';
import type { SourceRecord } from '../schema/types';
import { ROOT } from '../schema/roots';
import { ownKeyFields, SOURCE } from '../schema/records/index';
import { validateElement, validateSource } from '../schema/validate';
import { assertValid, DomainError, transact, type EditContext } from '../domain/context';
import { writeNewElement } from '../domain/elements';
import { newId } from '../domain/ids';
import { writeNewSource, writeQuote } from '../domain/sources';
import { mergeClipIntoSource, type Clip } from './clip';
import { sameDoi } from './doi';
import { sourceKey } from './url';

export const CLIP_LOG_KEY = ROOT.clipLog;

export interface ClipResult {
  readonly sourceId: string;
  /** The quote written for a selection clip (its id is the clip id), else null. */
  readonly quoteId: string | null;
  /** True when the clip made a new source, false when it joined an existing one. */
  readonly created: boolean;
  /** The element made for `newElement`, if any. */
  readonly elementId: string | null;
  /** `attachTo` ids that were not linked because no such element or connection exists. */
  readonly skippedTargets: readonly string[];
}

export interface AppliedClip extends ClipResult {
  /** True when this clip id had been applied before and nothing was written now. */
  readonly replayed: boolean;
}

export const clipLogMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(CLIP_LOG_KEY);

function readLogged(value: unknown): ClipResult | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.sourceId !== 'string') return undefined;
  return {
    sourceId: v.sourceId,
    quoteId: typeof v.quoteId === 'string' ? v.quoteId : null,
    created: v.created === true,
    elementId: typeof v.elementId === 'string' ? v.elementId : null,
    skippedTargets: Array.isArray(v.skippedTargets)
      ? v.skippedTargets.filter((t): t is string => typeof t === 'string')
      : [],
  };
}

/** The stored result of a clip id, if that clip has been applied to `doc`. */
export function appliedClip(doc: Y.Doc, clipId: string): ClipResult | undefined {
  return readLogged(clipLogMap(doc).get(clipId));
}

/** The id of the source that holds the same page as `clip` (same source key, else same DOI). */
export function findSourceFor(doc: Y.Doc, clip: Clip): string | undefined {
  const key = sourceKey({ url: clip.url, canonicalUrl: clip.metadata.canonicalUrl });
  const doi = clip.metadata.doi;
  let byDoi: string | undefined;
  for (const [id, map] of sourcesMap(doc).entries()) {
    if (!(map instanceof Y.Map)) continue;
    const url = map.get('url');
    const canonical = map.get('canonicalUrl');
    if (typeof url === 'string' && key !== null) {
      const k = sourceKey({
        url,
        canonicalUrl: typeof canonical === 'string' ? canonical : undefined,
      });
      if (k === key) return id;
    }
    const theirs = map.get('doi');
    if (byDoi === undefined && doi && typeof theirs === 'string' && sameDoi(theirs, doi))
      byDoi = id;
  }
  return byDoi;
}

const exists = (doc: Y.Doc, id: string): boolean =>
  elementsMap(doc).has(id) || connectionsMap(doc).has(id);

/** A spot for a new element: right of everything on the map, so it never lands on another. */
function freePosition(doc: Y.Doc): [number, number] {
  let maxX = -Infinity;
  let y = 0;
  for (const el of elementsMap(doc).values()) {
    const p = el.get('position');
    if (Array.isArray(p) && typeof p[0] === 'number' && p[0] > maxX) {
      maxX = p[0];
      y = typeof p[1] === 'number' ? p[1] : 0;
    }
  }
  return maxX === -Infinity ? [0, 0] : [Math.round(maxX + 220), y];
}

/** A source's text fields a later clip may fill in (never its address). */
const TEXT_FIELDS = ownKeyFields(SOURCE, 'text').filter((k) => k !== 'url') as (keyof SourceRecord &
  string)[];

/** Writes what `merged` adds to the stored source `map` (never overwriting a value). */
function writeMerge(
  ctx: EditContext,
  map: Y.Map<unknown>,
  before: SourceRecord,
  merged: SourceRecord,
): void {
  // First: the one write here that can refuse (it re-checks the quote cap).
  const quote = merged.quotes.at(-1);
  if (merged.quotes.length > before.quotes.length && quote) writeQuote(ctx, before.id, quote);
  for (const k of TEXT_FIELDS) {
    const v = merged[k];
    if (typeof v === 'string' && v !== '' && (before[k] === undefined || before[k] === ''))
      map.set(k, v);
  }
  if (before.authors.length === 0 && merged.authors.length > 0)
    map.set('authors', [...merged.authors]);
  if (merged.tags.length !== before.tags.length) map.set('tags', [...merged.tags]);
  for (const [k, v] of Object.entries(merged.extra)) if (!map.has(k)) map.set(k, v);
  const added = merged.linkedTo.filter((id) => !before.linkedTo.includes(id));
  if (added.length > 0) {
    let linked = map.get('linkedTo');
    if (!(linked instanceof Y.Array)) {
      linked = new Y.Array<string>();
      map.set('linkedTo', linked);
    }
    (linked as Y.Array<string>).push(added);
  }
}

/**
 * Applies a validated clip to the document in one transaction (see the module comment). Throws a
 * DomainError, writing nothing, when the clip cannot be stored (the source is full of quotes).
 */
export function applyClip(ctx: EditContext, clip: Clip): AppliedClip {
  return transact(ctx, () => {
    const log = clipLogMap(ctx.doc);
    const previous = readLogged(log.get(clip.clipId));
    if (previous) return { ...previous, replayed: true };

    const wanted = [...new Set(clip.attachTo ?? [])];
    const targets = wanted.filter((id) => exists(ctx.doc, id));
    const skippedTargets = wanted.filter((id) => !exists(ctx.doc, id));

    const existingId = findSourceFor(ctx.doc, clip);
    const existingMap = existingId === undefined ? undefined : sourcesMap(ctx.doc).get(existingId);
    const before =
      existingId !== undefined && existingMap instanceof Y.Map
        ? readSource(existingMap, existingId)
        : undefined;
    const sourceId = before?.id ?? newId();

    // Everything is computed and checked before the first write: a Yjs transaction cannot be
    // rolled back, so a refused clip must leave nothing behind (no orphan element).
    const elementId = clip.newElement ? newId() : null;
    const merged = mergeClipIntoSource(
      before,
      { ...clip, attachTo: targets },
      sourceId,
      elementId === null ? [] : [elementId],
    );
    if (!merged.ok) throw new DomainError(merged.errors);
    assertValid(validateSource(merged.source));
    if (clip.newElement && elementId !== null) {
      const element = {
        id: elementId,
        kind: clip.newElement.kind,
        label: clip.newElement.label,
        position: freePosition(ctx.doc),
      };
      assertValid(validateElement({ description: '', tags: [], ...element }));
      writeNewElement(ctx, element);
    }

    if (before === undefined || !(existingMap instanceof Y.Map)) {
      const { extra, ...fields } = merged.source;
      writeNewSource(ctx, { ...fields, extra });
    } else {
      writeMerge(ctx, existingMap, before, merged.source);
    }

    const result: ClipResult = {
      sourceId,
      quoteId: clip.quote ? clip.clipId : null,
      created: before === undefined,
      elementId,
      skippedTargets,
    };
    log.set(clip.clipId, { ...result, skippedTargets: [...skippedTargets], at: clip.clippedAt });
    return { ...result, replayed: false };
  });
}
