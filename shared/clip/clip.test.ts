import { afterAll, describe, expect, test } from 'vitest';
import { validateSource } from '../schema/validate';
import { clipToSourcePatch, mergeClipIntoSource, validateClip, type Clip } from './clip';
import { extractMetadata } from './metadata';
import { describeQuote } from './selectors';
import { pageText } from './dom-text';
import { fixture, parseHtml } from './testing/html';

const windows: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(windows.map((close) => close()));
});

/** A selection clip made the way the content script makes one, from a fixture page. */
function clipFromFixture(
  name: string,
  pageUrl: string,
  quoteText: string,
  overrides: Record<string, unknown> = {},
) {
  const { doc, close } = parseHtml(fixture(name), pageUrl);
  windows.push(close);
  const text = pageText(doc);
  const start = text.indexOf(quoteText);
  const sel = describeQuote(text, start, start + quoteText.length);
  return {
    clipId: '3f1c2a9e-5b7d-4e11-9a0c-6d2b8e4f7a10',
    roomId: 'room_Abc123',
    kind: 'selection',
    url: pageUrl,
    metadata: extractMetadata(doc, pageUrl),
    quote: { ...sel.textQuote, ...sel.textPosition },
    note: 'Supports the supervision → trust link.',
    tags: ['health', 'trust'],
    attachTo: ['el_trust', 'conn_supervision_trust'],
    clippedBy: 'researcher-7',
    clippedAt: Date.UTC(2024, 4, 2, 9, 30),
    ...overrides,
  };
}

const JOURNAL = 'https://journals.example.org/jsp/article/view/2041?utm_source=toc';

function valid(raw: unknown): Clip {
  const r = validateClip(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.clip;
}

describe('validateClip', () => {
  test('a clip made from a real page is valid and keeps only known fields', () => {
    const raw = {
      ...clipFromFixture('journal-article-highwire.html', JOURNAL, 'The delay between a stock-out'),
      extraField: 1,
    };
    const clip = valid(raw);
    expect(clip.kind).toBe('selection');
    expect(clip.quote?.exact).toBe('The delay between a stock-out');
    expect(clip.metadata.doi).toBe('10.5555/jsp.2023.0412');
    expect('extraField' in clip).toBe(false);
    expect('provenance' in clip.metadata).toBe(false);
  });

  test('a page clip needs no quote; note and tags default to empty', () => {
    const clip = valid({
      clipId: 'V1StGXR8_Z5jdHi6B-myT',
      kind: 'page',
      url: 'https://example.org/a',
      metadata: { title: 'A page' },
      clippedBy: 'me',
      clippedAt: 1_700_000_000_000,
    });
    expect(clip.note).toBe('');
    expect(clip.tags).toEqual([]);
    expect(clip.metadata).toEqual({
      url: 'https://example.org/a',
      title: 'A page',
      authors: [],
      type: 'webpage',
    });
  });

  test('each bad field gets its own error, named by its path', () => {
    const r = validateClip({
      clipId: 'short',
      roomId: 'bad room!',
      kind: 'screenshot',
      url: 'javascript:alert(1)',
      metadata: {
        title: '',
        authors: ['ok', 'x'.repeat(101)],
        publishedAt: 'yesterday',
        doi: 'not-a-doi',
        language: 'english please',
        type: 'podcast',
        canonicalUrl: 'data:text/html,hi',
        favicon: 'ftp://x.example.org/i.ico',
        description: 'd'.repeat(5001),
      },
      quote: { exact: 'x'.repeat(9 * 1024), prefix: 'p'.repeat(201), start: 10, end: 5 },
      note: 7,
      tags: ['a', 3],
      attachTo: ['el_1', 'bad id with spaces'],
      newElement: { label: ' ', kind: 'planet' },
      clippedBy: '',
      clippedAt: 'now',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'clipId',
        'roomId',
        'kind',
        'url',
        'metadata.url',
        'metadata.title',
        'metadata.authors',
        'metadata.publishedAt',
        'metadata.doi',
        'metadata.language',
        'metadata.type',
        'metadata.canonicalUrl',
        'metadata.favicon',
        'metadata.description',
        'quote.exact',
        'quote.prefix',
        'quote.end',
        'note',
        'tags',
        'attachTo[1]',
        'newElement.label',
        'newElement.kind',
        'clippedBy',
        'clippedAt',
      ]),
    );
    for (const e of r.errors) expect(e.message.length).toBeGreaterThan(5);
    expect(r.errors.find((e) => e.field === 'quote.exact')?.message).toMatch(/8 KB/);
  });

  test('a selection clip without a quote is refused', () => {
    const r = validateClip({
      ...clipFromFixture(
        'blog-opengraph.html',
        'https://fieldnotes.example.net/x',
        'eleven introductions',
      ),
      quote: undefined,
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        { field: 'quote', message: 'A selection clip needs the quoted text.' },
      ]);
  });

  test('not an object at all', () => {
    expect(validateClip(null)).toEqual({
      ok: false,
      errors: [{ field: '', message: 'Expected a clip record (an object).' }],
    });
    expect(validateClip('clip').ok).toBe(false);
  });
});

describe('clipToSourcePatch and mergeClipIntoSource', () => {
  test('a clip becomes a valid SourceRecord with one quote, keyed by the canonical URL', () => {
    const clip = valid(
      clipFromFixture('journal-article-highwire.html', JOURNAL, 'The delay between a stock-out'),
    );
    const patch = clipToSourcePatch(clip);
    expect(patch.key).toBe('https://journals.example.org/jsp/article/view/2041');
    expect(patch.quote).toMatchObject({
      id: clip.clipId,
      exact: 'The delay between a stock-out',
      note: 'Supports the supervision → trust link.',
      clippedBy: 'researcher-7',
    });
    expect(patch.source.extra).toEqual({
      containerTitle: 'Journal of Systems Practice',
      publisher: 'Example University Press',
      pdfUrl: 'https://journals.example.org/jsp/article/download/2041/pdf',
    });
    const merged = mergeClipIntoSource(undefined, clip, 'src_1');
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.quoteAdded).toBe(true);
    expect(merged.source.linkedTo).toEqual(['el_trust', 'conn_supervision_trust']);
    expect(validateSource(merged.source)).toEqual([]);
  });

  test('a second clip of the same page adds its quote to the existing source; replaying a clip adds nothing', () => {
    const first = valid(
      clipFromFixture(
        'news-jsonld-graph.html',
        'https://news.example.com/uk/2024/02/river-towns-flood-defences',
        'pool their budgets',
      ),
    );
    const second = valid(
      clipFromFixture(
        'news-jsonld-graph.html',
        'https://news.example.com/uk/2024/02/river-towns-flood-defences?utm_campaign=share#top',
        'That loop had to be broken.',
        {
          clipId: 'c2c2c2c2-0000-4000-8000-000000000002',
          attachTo: ['el_floods'],
          tags: ['floods'],
        },
      ),
    );
    expect(clipToSourcePatch(second).key).toBe(clipToSourcePatch(first).key);

    const a = mergeClipIntoSource(undefined, first, 'src_news');
    if (!a.ok) throw new Error('first merge failed');
    const b = mergeClipIntoSource(a.source, second, 'ignored');
    if (!b.ok) throw new Error('second merge failed');
    expect(b.source.id).toBe('src_news');
    expect(b.source.quotes.map((q) => q.exact)).toEqual([
      'pool their budgets',
      'That loop had to be broken.',
    ]);
    expect(b.source.linkedTo).toEqual(['el_trust', 'conn_supervision_trust', 'el_floods']);
    expect(b.source.tags).toEqual(['health', 'trust', 'floods']);

    const replay = mergeClipIntoSource(b.source, second, 'ignored');
    if (!replay.ok) throw new Error('replay failed');
    expect(replay.quoteAdded).toBe(false);
    expect(replay.source.quotes).toHaveLength(2);
  });

  test('existing values are kept; empty ones are filled', () => {
    const thin = valid({
      clipId: 'aaaaaaaaaaaaaaaa1',
      kind: 'link',
      url: 'https://blog.example.org/post',
      metadata: { title: 'Link text' },
      clippedBy: 'me',
      clippedAt: 1,
    });
    const rich = valid({
      clipId: 'aaaaaaaaaaaaaaaa2',
      kind: 'page',
      url: 'https://blog.example.org/post',
      metadata: {
        title: 'The real title',
        authors: ['Ann Author'],
        publishedAt: '2024-01-02',
        type: 'blog-post',
      },
      clippedBy: 'me',
      clippedAt: 2,
    });
    const a = mergeClipIntoSource(undefined, thin, 's');
    if (!a.ok) throw new Error('merge failed');
    expect(a.source.type).toBe('link');
    const b = mergeClipIntoSource(a.source, rich, 's');
    if (!b.ok) throw new Error('merge failed');
    expect(b.source.title).toBe('Link text');
    expect(b.source.authors).toEqual(['Ann Author']);
    expect(b.source.publishedAt).toBe('2024-01-02');
  });

  test('a source holds at most 50 quotes: the 51st is refused and nothing changes', () => {
    let source;
    for (let i = 0; i < 50; i++) {
      const clip = valid(
        clipFromFixture(
          'encyclopedia-wiki.html',
          'https://en.encyclopedia.example.org/wiki/Causal_loop_diagram',
          'causal loop diagram',
          {
            clipId: `clip-${String(i).padStart(12, '0')}`,
          },
        ),
      );
      const r = mergeClipIntoSource(source, clip, 'src');
      if (!r.ok) throw new Error(`merge ${i} failed`);
      source = r.source;
    }
    expect(source?.quotes).toHaveLength(50);
    const extra = valid(
      clipFromFixture(
        'encyclopedia-wiki.html',
        'https://en.encyclopedia.example.org/wiki/Causal_loop_diagram',
        'balancing loop',
        {
          clipId: 'clip-999999999999',
        },
      ),
    );
    const r = mergeClipIntoSource(source, extra, 'src');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/50 quotes/);
    // Replaying one of the 50 is still fine (idempotent, no new quote).
    const replay = mergeClipIntoSource(
      source,
      valid(
        clipFromFixture(
          'encyclopedia-wiki.html',
          'https://en.encyclopedia.example.org/wiki/Causal_loop_diagram',
          'causal loop diagram',
          { clipId: 'clip-000000000003' },
        ),
      ),
      'src',
    );
    expect(replay.ok).toBe(true);
  });

  test('a clip of the hostile page is safe to store', () => {
    const clip = valid(clipFromFixture('hostile.html', 'https://evil.example.com/page', 'world.'));
    const merged = mergeClipIntoSource(undefined, clip, 'src_evil');
    if (!merged.ok) throw new Error('merge failed');
    expect(validateSource(merged.source)).toEqual([]);
    expect(JSON.stringify(merged.source)).not.toMatch(/<script|javascript:|data:/i);
  });
});
