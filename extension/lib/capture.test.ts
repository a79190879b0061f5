import { afterEach, describe, expect, it } from 'vitest';
import { anchorQuote } from '../../shared/clip/selectors';
import { pageText } from '../../shared/clip/dom-text';
import { fixture, parseHtml } from '../../shared/clip/testing/html';
import { LIMITS } from '../../shared/schema/limits';
import { capturePage, type Capture } from './capture';
import { correctClip, makeClip, parseTags } from './clip-factory';

const open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

function page(name: string, url: string) {
  const parsed = parseHtml(name.endsWith('.html') ? fixture(name) : name, url);
  open.push(parsed);
  return parsed.doc;
}

/** A DOM range over the first occurrence of `text` inside one text node of `doc`. */
function rangeOver(doc: Document, text: string) {
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(text);
    if (i >= 0)
      return { startContainer: n, startOffset: i, endContainer: n, endOffset: i + text.length };
  }
  throw new Error(`"${text}" is not in one text node`);
}

const ok = (r: ReturnType<typeof capturePage>): Capture => {
  if (!r.ok) throw new Error(r.error);
  return r.capture;
};

const choices = { roomId: 'room-0123456789ab', clippedBy: 'Ana' };

describe('capturePage', () => {
  it('captures a selection on a journal article as a quote that anchors again, with citation metadata', () => {
    const url = 'https://journals.example.org/article/123?utm_source=feed';
    const doc = page('journal-article-highwire.html', url);
    const text = pageText(doc);
    const passage = text.slice(text.length / 2, text.length / 2 + 40).trim();
    const c = ok(capturePage(doc, url, { kind: 'selection' }, rangeOver(doc, passage)));
    expect(c.kind).toBe('selection');
    expect(c.quote?.exact).toBe(passage);
    expect(anchorQuote(text, c.quote!)).toEqual({ start: c.quote!.start, end: c.quote!.end });
    expect(c.metadata.type).toBe('scholarly-article');
    expect(c.metadata.authors.length).toBeGreaterThan(0);
    expect(c.metadata.doi).toMatch(/^10\./);

    const made = makeClip(c, { ...choices, tags: parseTags(' water, policy ,water,, ') });
    expect(made.ok).toBe(true);
    if (made.ok) {
      expect(made.clip.tags).toEqual(['water', 'policy']);
      expect(made.clip.clipId).toMatch(/^[0-9a-f-]{36}$/);
      expect(made.clip.quote?.exact).toBe(passage);
    }
  });

  it('makes a hostile page a safe clip: no script, no javascript: address, text only', () => {
    const url = 'https://evil.example/page';
    const doc = page('hostile.html', url);
    const c = ok(capturePage(doc, url, { kind: 'page' }, null));
    expect(c.kind).toBe('page');
    const all = JSON.stringify(c.metadata);
    expect(all.toLowerCase()).not.toContain('javascript:');
    expect(all).not.toMatch(/<script|onerror=|<img/i);
    expect(c.metadata.canonicalUrl ?? url).toMatch(/^https:/);
    expect(c.metadata.title.length).toBeLessThanOrEqual(500);
    expect(makeClip(c, choices).ok).toBe(true);
  });

  it('refuses pages, links and images that are not http(s), with a reason', () => {
    const doc = page(
      '<html><body><a href="javascript:alert(1)">x</a></body></html>',
      'https://a.example/',
    );
    expect(capturePage(doc, 'file:///etc/passwd', { kind: 'page' }, null)).toEqual({
      ok: false,
      error: 'Only web pages (http or https) can be clipped.',
    });
    expect(
      capturePage(
        doc,
        'https://a.example/',
        { kind: 'link', linkUrl: 'javascript:alert(1)' },
        null,
      ),
    ).toEqual({
      ok: false,
      error: 'Only http(s) links can be clipped.',
    });
    const image = capturePage(
      doc,
      'https://a.example/',
      { kind: 'image', srcUrl: 'data:image/png;base64,AAAA' },
      null,
    );
    expect(image.ok).toBe(false);
  });

  it('clips a link as a source titled by its text and an image by its alt text', () => {
    const url = 'https://blog.example/post';
    const doc = page(
      `<html><head><title>The post</title></head><body>
        <p>See <a href="/reports/2024.pdf">the <b>2024</b> report</a>.</p>
        <img src="https://cdn.example/chart.png" alt="Chart of rainfall &lt;script&gt;">
      </body></html>`,
      url,
    );
    const link = ok(
      capturePage(
        doc,
        url,
        { kind: 'link', linkUrl: 'https://blog.example/reports/2024.pdf' },
        null,
      ),
    );
    expect(link).toMatchObject({
      kind: 'link',
      url: 'https://blog.example/reports/2024.pdf',
      pageTitle: 'The post',
    });
    expect(link.metadata.title).toBe('the 2024 report');
    expect(link.metadata.description).toBe('Found on “The post” (https://blog.example/post)');
    const image = ok(
      capturePage(doc, url, { kind: 'image', srcUrl: 'https://cdn.example/chart.png' }, null),
    );
    expect(image.metadata).toMatchObject({ type: 'image', url: 'https://cdn.example/chart.png' });
    expect(image.metadata.title).not.toContain('<');
    expect(makeClip(link, choices).ok).toBe(true);
    expect(makeClip(image, choices).ok).toBe(true);
  });

  it('refuses a selection over the quote cap and an empty selection, clearly', () => {
    const url = 'https://long.example/';
    const big = 'word '.repeat(LIMITS.quoteBytes / 4);
    const doc = page(`<html><body><p>${big}</p></body></html>`, url);
    const r = capturePage(doc, url, { kind: 'selection' }, rangeOver(doc, big.trim()));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/too long to quote .* at most 8 KB/);
    expect(capturePage(doc, url, { kind: 'selection' }, null)).toEqual({
      ok: false,
      error: 'Nothing is selected on this page: select the passage to quote, then clip it.',
    });
  });

  it('quotes the browser’s selection text when the page text does not hold it (a form field)', () => {
    const url = 'https://form.example/';
    const doc = page('<html><body><textarea>typed words</textarea></body></html>', url);
    const c = ok(
      capturePage(doc, url, { kind: 'selection', selectionText: '  typed words ' }, null),
    );
    expect(c.quote).toEqual({ exact: 'typed words', prefix: '', suffix: '' });
  });

  // How long a capture takes on a long page is measured in Chromium, where it runs
  // (test/e2e/extension.spec.ts); a 20,000-paragraph page costs about 15 s to build in happy-dom.
  it('captures a selection deep in a long page, with its context', () => {
    const url = 'https://huge.example/';
    const body = Array.from({ length: 2_000 }, (_, i) => `<p>Paragraph ${i} of many.</p>`).join('');
    const doc = page(`<html><head><title>Huge</title></head><body>${body}</body></html>`, url);
    const c = ok(
      capturePage(doc, url, { kind: 'selection' }, rangeOver(doc, 'Paragraph 1900 of many.')),
    );
    expect(c.quote?.exact).toBe('Paragraph 1900 of many.');
    expect(c.quote?.prefix).toContain('Paragraph 1899');
    expect(c.metadata.title).toBe('Huge');
  });
});

describe('makeClip and correctClip', () => {
  const capture: Capture = {
    kind: 'page',
    url: 'https://x.example/',
    metadata: { url: 'https://x.example/', title: 'T', authors: [], type: 'webpage' },
    pageUrl: 'https://x.example/',
    pageTitle: 'T',
  };

  it('returns the host’s own field errors for a clip it would refuse', () => {
    const r = makeClip(capture, {
      ...choices,
      title: 'y'.repeat(501),
      note: 'n'.repeat(LIMITS.noteChars + 1),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['metadata.title', 'note']);
  });

  it('corrects a refused clip keeping its id', () => {
    const r = makeClip(capture, {
      ...choices,
      newElement: { label: ' New factor ', kind: 'factor' },
    });
    if (!r.ok) throw new Error('expected a clip');
    expect(r.clip.newElement).toEqual({ label: 'New factor', kind: 'factor' });
    const fixed = correctClip(r.clip, { title: 'Better title', tags: ['a'] });
    expect(fixed.ok && fixed.clip.clipId).toBe(r.clip.clipId);
    expect(fixed.ok && fixed.clip.metadata.title).toBe('Better title');
    expect(correctClip(r.clip, { title: '' }).ok).toBe(false);
  });
});
