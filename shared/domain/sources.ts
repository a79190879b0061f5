import * as Y from 'yjs';
import type { QuoteRecord, SourceRecord } from '../schema/types';
import { connectionsMap, elementsMap, knownFields, sourcesMap } from '../schema/doc';
import { validateQuote, validateSource } from '../schema/validate';
import { LIMITS } from '../schema/limits';
import { ownKeyFields, SOURCE } from '../schema/records/index';
import { assertValid, DomainError, transact, type EditContext } from './context';
import { newId } from './ids';

export type NewSource = Partial<Omit<SourceRecord, 'quotes' | 'linkedTo'>> & {
  readonly url: string;
  readonly quotes?: readonly QuoteRecord[];
  readonly linkedTo?: readonly string[];
};

/** The text fields of a source (`records/source.ts`), each stored under its own key. */
const SCALARS = ownKeyFields(SOURCE, 'text') as (keyof NewSource & string)[];

/** Writes a source with its quotes (a Y.Array, so concurrent clips of one page both land). */
export function writeNewSource(ctx: EditContext, input: NewSource): string {
  const id = input.id ?? newId();
  assertValid(validateSource({ ...input, quotes: input.quotes ?? [] }));
  if (sourcesMap(ctx.doc).has(id))
    throw new DomainError([{ field: 'id', message: `A source with id ${id} exists already.` }]);
  const map = new Y.Map<unknown>();
  map.set('id', id);
  for (const k of SCALARS) {
    const v = input[k];
    if (typeof v === 'string') map.set(k, v);
  }
  map.set('authors', [...(input.authors ?? [])]);
  map.set('tags', [...(input.tags ?? [])]);
  map.set('clippedBy', input.clippedBy ?? ctx.userId);
  map.set('clippedAt', input.clippedAt ?? Date.now());
  for (const [k, v] of Object.entries(input.extra ?? {}))
    if (!knownFields.source.has(k)) map.set(k, v);
  const quotes = new Y.Array<unknown>();
  quotes.push((input.quotes ?? []).map((q) => ({ ...q })));
  map.set('quotes', quotes);
  const linked = new Y.Array<string>();
  linked.push([...new Set(input.linkedTo ?? [])]);
  map.set('linkedTo', linked);
  sourcesMap(ctx.doc).set(id, map);
  return id;
}

export function addSource(ctx: EditContext, input: NewSource): string {
  return transact(ctx, () => writeNewSource(ctx, input));
}

function sourceOrThrow(ctx: EditContext, id: string): Y.Map<unknown> {
  const s = sourcesMap(ctx.doc).get(id);
  if (!(s instanceof Y.Map))
    throw new DomainError([{ field: 'id', message: `No source with id ${id}.` }]);
  return s;
}

/** Adds a quote to an existing source; a quote with the same id is not added twice. */
export function writeQuote(ctx: EditContext, sourceId: string, quote: QuoteRecord): boolean {
  assertValid(validateQuote(quote));
  const s = sourceOrThrow(ctx, sourceId);
  let quotes = s.get('quotes');
  if (!(quotes instanceof Y.Array)) {
    quotes = new Y.Array<unknown>();
    s.set('quotes', quotes);
  }
  const arr = quotes as Y.Array<unknown>;
  if (arr.toArray().some((q) => (q as { id?: string }).id === quote.id)) return false;
  if (arr.length >= LIMITS.quotesPerSource)
    throw new DomainError([
      {
        field: 'quotes',
        message: `This source has ${LIMITS.quotesPerSource} quotes, the most it can hold.`,
      },
    ]);
  arr.push([{ ...quote }]);
  return true;
}

export function addQuote(ctx: EditContext, sourceId: string, quote: QuoteRecord): boolean {
  return transact(ctx, () => writeQuote(ctx, sourceId, quote));
}

/** Attaches a source as evidence to elements or connections (ids that exist). */
export function linkSource(ctx: EditContext, sourceId: string, targets: readonly string[]): void {
  transact(ctx, () => {
    const s = sourceOrThrow(ctx, sourceId);
    let linked = s.get('linkedTo');
    if (!(linked instanceof Y.Array)) {
      linked = new Y.Array<string>();
      s.set('linkedTo', linked);
    }
    const arr = linked as Y.Array<string>;
    const have = new Set(arr.toArray());
    for (const t of targets) {
      if (have.has(t)) continue;
      if (!elementsMap(ctx.doc).has(t) && !connectionsMap(ctx.doc).has(t))
        throw new DomainError([
          { field: 'linkedTo', message: `No element or connection with id ${t}.` },
        ]);
      arr.push([t]);
      have.add(t);
    }
  });
}

export function unlinkSource(ctx: EditContext, sourceId: string, targets: readonly string[]): void {
  const drop = new Set(targets);
  transact(ctx, () => {
    const linked = sourceOrThrow(ctx, sourceId).get('linkedTo');
    if (!(linked instanceof Y.Array)) return;
    const arr = linked.toArray() as string[];
    for (let i = arr.length - 1; i >= 0; i--) if (drop.has(arr[i] as string)) linked.delete(i, 1);
  });
}

export function removeSources(ctx: EditContext, ids: Iterable<string>): void {
  transact(ctx, () => {
    for (const id of ids) sourcesMap(ctx.doc).delete(id);
  });
}

export { newId as newSourceId };
