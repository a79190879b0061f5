import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { evidenceByTarget, evidenceCount } from '../../../shared/clip/evidence';
import type { SourceRecord } from '../../../shared/schema/types';
import { connectClipper, NOT_INSTALLED } from './connect-clipper';
import { cslFileName, cslJsonText } from './csl-export';
import { filterSources, formatWhen, safeHref, sourceByline } from './filter';

function source(over: Partial<SourceRecord> & { id: string }): SourceRecord {
  return {
    url: `https://example.org/${over.id}`,
    title: `Source ${over.id}`,
    authors: [],
    quotes: [],
    linkedTo: [],
    tags: [],
    note: '',
    clippedBy: 'Ana',
    clippedAt: 1,
    extra: {},
    ...over,
  };
}

const quote = (exact: string) => ({
  id: `q-${exact}`,
  exact,
  prefix: '',
  suffix: '',
  note: '',
  clippedBy: 'Ben',
  clippedAt: 2,
});

const sources = [
  source({
    id: 'a',
    title: 'Groundwater in crisis',
    authors: ['Zoë Ángel', 'B. Smith', 'C. Jones', 'D. Li'],
    siteName: 'Nature Water',
    publishedAt: '2024-03-15',
    linkedTo: ['e1'],
    clippedAt: 30,
  }),
  source({ id: 'b', title: 'Council minutes', quotes: [quote('rates will rise')], clippedAt: 20 }),
  source({ id: 'c', title: 'A blog', tags: ['policy'], linkedTo: ['c9'], clippedAt: 40 }),
];

describe('filterSources', () => {
  it('searches every word across titles, authors, quotes and tags, accent-blind, newest first', () => {
    expect(filterSources(sources, '', 'all').map((s) => s.id)).toEqual(['c', 'a', 'b']);
    expect(filterSources(sources, 'zoe crisis', 'all').map((s) => s.id)).toEqual(['a']);
    expect(filterSources(sources, 'RATES', 'all').map((s) => s.id)).toEqual(['b']);
    expect(filterSources(sources, 'policy', 'all').map((s) => s.id)).toEqual(['c']);
    expect(filterSources(sources, 'nothing like this', 'all')).toEqual([]);
  });

  it('scopes to the selection, to unattached sources and to quoted ones', () => {
    expect(filterSources(sources, '', 'selection', ['e1']).map((s) => s.id)).toEqual(['a']);
    expect(filterSources(sources, '', 'selection', []).map((s) => s.id)).toEqual([]);
    expect(filterSources(sources, '', 'unlinked').map((s) => s.id)).toEqual(['b']);
    expect(filterSources(sources, '', 'quoted').map((s) => s.id)).toEqual(['b']);
  });
});

describe('display helpers', () => {
  it('links only http(s) addresses', () => {
    expect(safeHref('https://example.org/x')).toBe('https://example.org/x');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });

  it('summarises site, authors and date', () => {
    expect(sourceByline(sources[0]!)).toBe(
      'Nature Water · Zoë Ángel, B. Smith, C. Jones et al. · 2024-03-15',
    );
    expect(sourceByline(source({ id: 'x', url: 'https://www.example.com/p' }))).toBe('example.com');
    expect(
      sourceByline(source({ id: 'y', siteName: 'J', authors: ['Okafor, Adaeze', 'Li, Wei'] })),
    ).toBe('J · Okafor, Adaeze; Li, Wei');
    expect(formatWhen(0)).toBe('an unknown time');
    expect(formatWhen(new Date(2024, 2, 5, 9, 7).getTime())).toBe('2024-03-05 09:07');
  });

  it('indexes evidence by element and connection', () => {
    const index = evidenceByTarget(sources);
    expect(index.get('e1')?.map((s) => s.id)).toEqual(['a']);
    expect(evidenceCount(index, 'e1')).toEqual({ sources: 1, quotes: 0 });
    expect(evidenceCount(index, 'nothing')).toEqual({ sources: 0, quotes: 0 });
  });
});

describe('CSL-JSON export', () => {
  it('writes every source as a CSL item a reference manager can import', () => {
    const items = JSON.parse(cslJsonText(sources)) as Record<string, unknown>[];
    expect(items).toHaveLength(3);
    const a = items.find((i) => i.title === 'Groundwater in crisis');
    expect(a).toMatchObject({
      URL: 'https://example.org/a',
      issued: { 'date-parts': [[2024, 3, 15]] },
    });
    expect((a?.author as unknown[]).length).toBe(4);
    expect(cslFileName('Water & Sanitation: Ghana 2024')).toBe(
      'water-sanitation-ghana-2024-sources.csl.json',
    );
    expect(cslFileName('')).toBe('weavemap-sources.csl.json');
  });
});

describe('connectClipper', () => {
  function mapWindow(hash: string) {
    const win = new Window({ url: `http://127.0.0.1:5178/${hash}` });
    return win as unknown as globalThis.Window & { happyDOM: { close(): Promise<void> } };
  }

  it('posts the room and secret to this origin only and reads the clipper’s answer', async () => {
    const win = mapWindow('#/r/RoomRoomRoomRoom?k=secret-secret-secret');
    const asked: Record<string, unknown>[] = [];
    // What the extension's content script does on this page.
    win.addEventListener('message', (e: MessageEvent) => {
      const d = e.data as Record<string, unknown>;
      if (d.type !== 'weavemap:connect-clipper') return;
      asked.push(d);
      win.postMessage(
        { type: 'weavemap:clipper-connected', requestId: d.requestId, ok: true, title: 'Water' },
        win.location.origin,
      );
    });
    const answer = await connectClipper(win, { title: 'Water', userName: 'Ana' });
    expect(answer).toEqual({ ok: true, title: 'Water' });
    expect(asked[0]).toMatchObject({
      roomId: 'RoomRoomRoomRoom',
      secret: 'secret-secret-secret',
      userName: 'Ana',
    });
    await win.happyDOM.close();
  });

  it('says what to do when no clipper answers, and refuses a page that is not a map', async () => {
    const win = mapWindow('#/r/RoomRoomRoomRoom?k=secret-secret-secret');
    expect(await connectClipper(win, { title: '', userName: '' }, 50)).toEqual({
      ok: false,
      error: NOT_INSTALLED,
    });
    const home = mapWindow('');
    expect((await connectClipper(home, { title: '', userName: '' }, 50)).ok).toBe(false);
    await Promise.all([win.happyDOM.close(), home.happyDOM.close()]);
  });
});
