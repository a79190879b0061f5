import * as Y from 'yjs';
import { elementsMap } from '../../../shared/schema/doc';
import { HttpError, sendJson } from '../http/json';
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

/**
 * Elements whose label contains `query` (case- and accent-insensitive), best first: a label equal
 * to the query, then labels starting with it, then labels with a word starting with it, then any
 * other match; ties by label. An empty query lists elements by label.
 */
export function searchElements(doc: Y.Doc, query: string, limit: number): ElementMatch[] {
  const q = fold(query);
  const scored: { match: ElementMatch; rank: number; key: string }[] = [];
  for (const [id, map] of elementsMap(doc).entries()) {
    if (!(map instanceof Y.Map)) continue;
    const label = map.get('label');
    const kind = map.get('kind');
    const text = typeof label === 'string' ? label : '';
    const key = fold(text);
    let rank: number;
    if (q === '') rank = 0;
    else if (key === q) rank = 0;
    else if (key.startsWith(q)) rank = 1;
    else if (key.includes(` ${q}`)) rank = 2;
    else if (key.includes(q)) rank = 3;
    else continue;
    scored.push({
      match: { id, label: text, kind: typeof kind === 'string' ? kind : 'note' },
      rank,
      key,
    });
  }
  scored.sort(
    (a, b) => a.rank - b.rank || a.key.localeCompare(b.key) || (a.match.id < b.match.id ? -1 : 1),
  );
  return scored.slice(0, limit).map((s) => s.match);
}

/**
 * `GET /api/rooms/:id/elements?q=<text>&limit=<n>` (Authorization: Bearer <any secret of the
 * room>): id, label and kind of the elements whose label matches, for the clipper's "attach to"
 * search. The extension is not a peer of the map, so it asks the host.
 */
export const elementSearchRoutes: RouteModule = (router, { rooms, withRoomDoc }) => {
  router.get('/api/rooms/:id/elements', async ({ req, res, url, params }) => {
    const roomId = params.id ?? '';
    requireRoomRole(rooms, req, roomId, ['view', 'edit', 'facilitator']);
    const query = url.searchParams.get('q') ?? '';
    if (query.length > MAX_QUERY_CHARS)
      throw new HttpError(400, `The search text is longer than ${MAX_QUERY_CHARS} characters.`, [
        'q',
      ]);
    const rawLimit = url.searchParams.get('limit');
    const limit = rawLimit === null ? DEFAULT_MATCHES : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_MATCHES)
      throw new HttpError(400, `limit must be a whole number from 1 to ${MAX_MATCHES}.`, ['limit']);
    const elements = await withRoomDoc(roomId, (doc) => searchElements(doc, query, limit));
    const body: ElementSearchResponse = { elements };
    sendJson(res, 200, body);
  });
};
