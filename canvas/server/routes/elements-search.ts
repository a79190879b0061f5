import * as Y from 'yjs';
import { elementsMap, type RecordMap } from '../../../shared/schema/doc';
import { HttpError, sendJson } from '../http/json';
import type { ReadBudget } from '../http/heavy-reads';
import { requireRoomRole } from './room-auth';
import type { RouteModule } from './services';

export interface ElementMatch {
  id: string;
  label: string;
  kind: string;
}

export interface ElementSearchResponse {
  elements: ElementMatch[];
}

export const MAX_QUERY_CHARS = 200;
export const DEFAULT_MATCHES = 20;
export const MAX_MATCHES = 50;

const fold = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-US').replace(/\s+/g, ' ').trim();

/** Elements scanned between two yields to the event loop. */
export const SEARCH_CHUNK = 2_000;

interface Scored {
  match: ElementMatch;
  rank: number;
  key: string;
}

// One collator for every comparison: String#localeCompare builds one per call.
const collator = new Intl.Collator();
const byRank = (a: Scored, b: Scored): number =>
  a.rank - b.rank || collator.compare(a.key, b.key) || (a.match.id < b.match.id ? -1 : 1);

/**
 * Folded labels by element map, so that repeated searches of a big map (the clipper searches as
 * the person types) fold each label once; an entry is redone when its label changed.
 */
const folded = new WeakMap<Y.Doc, Map<string, { text: string; key: string }>>();

function foldedLabel(doc: Y.Doc, id: string, text: string): string {
  let byId = folded.get(doc);
  if (!byId) folded.set(doc, (byId = new Map()));
  const cached = byId.get(id);
  if (cached?.text === text) return cached.key;
  const key = fold(text);
  byId.set(id, { text, key });
  return key;
}

/** Ranks one element's label against the folded query, or undefined when it does not match. */
function score(doc: Y.Doc, id: string, map: RecordMap | undefined, q: string): Scored | undefined {
  if (map === undefined) return undefined;
  const label = map.get('label');
  const kind = map.get('kind');
  const text = typeof label === 'string' ? label : '';
  const key = foldedLabel(doc, id, text);
  let rank: number;
  if (q === '') rank = 0;
  else if (key === q) rank = 0;
  else if (key.startsWith(q)) rank = 1;
  else if (key.includes(` ${q}`)) rank = 2;
  else if (key.includes(q)) rank = 3;
  else return undefined;
  return { match: { id, label: text, kind: typeof kind === 'string' ? kind : 'note' }, rank, key };
}

/** Keeps the best `limit` of `scored` (sorted), so memory stays bounded by the limit. */
function keepBest(scored: Scored[], limit: number): void {
  scored.sort(byRank);
  scored.length = Math.min(scored.length, limit);
}

/**
 * Elements whose label contains `query` (case- and accent-insensitive), best first: a label equal
 * to the query, then labels starting with it, then labels with a word starting with it, then any
 * other match; ties by label. An empty query lists elements by label.
 *
 * Scans in chunks of SEARCH_CHUNK elements, yielding to the event
 * loop between them and giving up (503) when the read budget runs out, so a search of a huge map
 * cannot stall every other room. The ids are read first; an element deleted meanwhile is skipped.
 */
export async function searchElementsInChunks(
  doc: Y.Doc,
  query: string,
  limit: number,
  budget: ReadBudget,
): Promise<ElementMatch[]> {
  const q = fold(query);
  const elements = elementsMap(doc);
  const ids = [...elements.keys()];
  const scored: Scored[] = [];
  for (let start = 0; start < ids.length; start += SEARCH_CHUNK) {
    if (start > 0) await budget.yield();
    for (const id of ids.slice(start, start + SEARCH_CHUNK)) {
      const hit = score(doc, id, elements.get(id), q);
      if (!hit) continue;
      scored.push(hit);
      if (scored.length >= limit * 32) keepBest(scored, limit);
    }
  }
  keepBest(scored, limit);
  return scored.map((s) => s.match);
}

/**
 * `GET /api/rooms/:id/elements?q=<text>&limit=<n>` (Authorization: Bearer <any secret of the
 * room>): id, label and kind of the elements whose label matches, for the clipper's "attach to"
 * search. The extension is not a peer of the map, so it asks the host. Runs as a heavy read: a
 * few at once per room (429 beyond), within a time budget (503 beyond), in chunks.
 */
export const elementSearchRoutes: RouteModule = (router, { rooms, withRoomDoc, heavyReads }) => {
  router.get('/api/rooms/:id/elements', async ({ req, res, url, params }) => {
    const roomId = params.id ?? '';
    await requireRoomRole(rooms, req, roomId, ['view', 'edit', 'facilitator']);
    const query = url.searchParams.get('q') ?? '';
    if (query.length > MAX_QUERY_CHARS)
      throw new HttpError(400, `The search text is longer than ${MAX_QUERY_CHARS} characters.`, [
        'q',
      ]);
    const rawLimit = url.searchParams.get('limit');
    const limit = rawLimit === null ? DEFAULT_MATCHES : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MATCHES)
      throw new HttpError(400, `limit must be a whole number from 1 to ${MAX_MATCHES}.`, ['limit']);
    const elements = await heavyReads.run(roomId, (budget) =>
      withRoomDoc(roomId, (doc) => searchElementsInChunks(doc, query, limit, budget)),
    );
    const body: ElementSearchResponse = { elements };
    sendJson(res, 200, body);
  });
};
