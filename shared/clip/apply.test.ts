import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, addSource, DomainError } from '../domain/index';
import { testContext } from '../domain/test-context';
import { readSnapshot } from '../schema/snapshot';
import { LIMITS } from '../schema/limits';
import { appliedClip, applyClip } from './apply';
import { validateClip, type Clip } from './clip';

let n = 0;
function clip(over: Record<string, unknown> = {}): Clip {
  n += 1;
  const result = validateClip({
    clipId: `clip-${String(n).padStart(12, '0')}`,
    kind: 'selection',
    url: 'https://News.example.org/2024/rivers?utm_source=x#top',
    metadata: {
      title: 'Rivers are rising',
      authors: ['Ada Lovelace'],
      siteName: 'Example News',
      publishedAt: '2024-03-15',
      type: 'news-article',
    },
    quote: { exact: 'water tables fell by a third', prefix: 'Since 1990 ', suffix: ' in the' },
    note: 'key figure',
    tags: ['water'],
    clippedBy: 'Ana',
    clippedAt: 1_700_000_000_000,
    ...over,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.clip;
}

describe('applyClip', () => {
  it('writes a new source with its quote, attached to an existing element', () => {
    const ctx = testContext();
    const el = addElement(ctx, { kind: 'factor', label: 'Groundwater' });
    const c = clip({ attachTo: [el] });
    const r = applyClip(ctx, c);
    expect(r).toMatchObject({ created: true, quoteId: c.clipId, replayed: false });
    const s = readSnapshot(ctx.doc).sources.get(r.sourceId);
    expect(s?.title).toBe('Rivers are rising');
    expect(s?.authors).toEqual(['Ada Lovelace']);
    expect(s?.linkedTo).toEqual([el]);
    expect(s?.quotes.map((q) => [q.exact, q.note, q.clippedBy])).toEqual([
      ['water tables fell by a third', 'key figure', 'Ana'],
    ]);
  });

  it('stores the language as the page gave it (for CSL) and its primary subtag (for comparing)', () => {
    const ctx = testContext();
    // A client that sent a primaryLanguage at odds with its tag is overruled: it is derived.
    const c = clip({
      metadata: { title: 'Rivers', language: 'en_gb', primaryLanguage: 'fr', type: 'news-article' },
    });
    expect([c.metadata.language, c.metadata.primaryLanguage]).toEqual(['en-GB', 'en']);
    const { sourceId } = applyClip(ctx, c);
    const s = readSnapshot(ctx.doc).sources.get(sourceId);
    expect([s?.language, s?.primaryLanguage]).toEqual(['en-GB', 'en']);
    expect(s?.extra).toEqual({});
  });

  it('is idempotent: the same clip id twice writes once and answers the same', () => {
    const ctx = testContext();
    const c = clip({ newElement: { label: 'Falling water tables', kind: 'factor' } });
    const first = applyClip(ctx, c);
    const before = Y.encodeStateAsUpdate(ctx.doc);
    const again = applyClip(ctx, c);
    expect(again).toEqual({ ...first, replayed: true });
    expect(Y.encodeStateAsUpdate(ctx.doc)).toEqual(before);
    const snap = readSnapshot(ctx.doc);
    expect(snap.sources.size).toBe(1);
    expect(snap.elements.size).toBe(1);
    expect(appliedClip(ctx.doc, c.clipId)?.sourceId).toBe(first.sourceId);
  });

  it('adds a second clip of the same page (other tracking, fragment) to the same source', () => {
    const ctx = testContext();
    const a = applyClip(ctx, clip());
    const b = applyClip(
      ctx,
      clip({
        url: 'https://news.example.org/2024/rivers?fbclid=abc',
        quote: { exact: 'a second finding', prefix: '', suffix: '' },
        tags: ['policy'],
        metadata: { title: 'Rivers are rising', description: 'Filled from the second clip' },
      }),
    );
    expect(b.created).toBe(false);
    expect(b.sourceId).toBe(a.sourceId);
    const s = readSnapshot(ctx.doc).sources.get(a.sourceId);
    expect(s?.quotes.map((q) => q.exact)).toEqual([
      'water tables fell by a third',
      'a second finding',
    ]);
    expect(s?.tags).toEqual(['water', 'policy']);
    expect(s?.description).toBe('Filled from the second clip');
    expect(s?.siteName).toBe('Example News');
  });

  it('matches an existing source by DOI when the addresses differ', () => {
    const ctx = testContext();
    const a = applyClip(
      ctx,
      clip({
        kind: 'page',
        quote: undefined,
        url: 'https://journal.example/article/1',
        metadata: { title: 'A study', doi: '10.1234/abc.5' },
      }),
    );
    const b = applyClip(
      ctx,
      clip({
        kind: 'page',
        quote: undefined,
        url: 'https://mirror.example/paper.html',
        metadata: { title: 'A study', doi: '10.1234/ABC.5' },
      }),
    );
    expect(b.sourceId).toBe(a.sourceId);
    expect(readSnapshot(ctx.doc).sources.size).toBe(1);
  });

  it('skips attach targets that no longer exist and reports them', () => {
    const ctx = testContext();
    const el = addElement(ctx, { kind: 'actor', label: 'Council' });
    const r = applyClip(ctx, clip({ attachTo: [el, 'goneGoneGoneGone'] }));
    expect(r.skippedTargets).toEqual(['goneGoneGoneGone']);
    expect(readSnapshot(ctx.doc).sources.get(r.sourceId)?.linkedTo).toEqual([el]);
  });

  it('creates a new element to the right of the map and links the source to it', () => {
    const ctx = testContext();
    addElement(ctx, { kind: 'factor', label: 'A', position: [100, 40] });
    const r = applyClip(ctx, clip({ newElement: { label: 'Drought', kind: 'factor' } }));
    const snap = readSnapshot(ctx.doc);
    const made = snap.elements.get(r.elementId ?? '');
    expect(made?.label).toBe('Drought');
    expect(made?.position).toEqual([320, 40]);
    expect(snap.sources.get(r.sourceId)?.linkedTo).toEqual([r.elementId]);
  });

  it('refuses a quote for a full source in one piece: no element, no log entry', () => {
    const ctx = testContext();
    const quotes = Array.from({ length: LIMITS.quotesPerSource }, (_, i) => ({
      id: `q${i}`,
      exact: `quote ${i}`,
      prefix: '',
      suffix: '',
      note: '',
      clippedBy: 'x',
      clippedAt: 1,
    }));
    addSource(ctx, { url: 'https://news.example.org/2024/rivers', title: 'Full', quotes });
    const c = clip({ newElement: { label: 'Not made', kind: 'factor' } });
    expect(() => applyClip(ctx, c)).toThrow(DomainError);
    const snap = readSnapshot(ctx.doc);
    expect(snap.elements.size).toBe(0);
    expect(appliedClip(ctx.doc, c.clipId)).toBeUndefined();
  });

  it('all of a clip lands in one transaction', () => {
    const ctx = testContext();
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => (transactions += 1));
    applyClip(ctx, clip({ newElement: { label: 'One step', kind: 'factor' } }));
    expect(transactions).toBe(1);
  });
});
