import { afterAll, describe, expect, test } from 'vitest';
import { pageText } from './dom-text';
import {
  anchorQuote,
  describeQuote,
  describeRange,
  rangeFromOffsets,
  selectionOffsets,
} from './selectors';
import { fixture, parseHtml } from './testing/html';

const windows: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(windows.map((close) => close()));
});

function page(html: string): Document {
  const { doc, close } = parseHtml(html, 'https://example.org/page');
  windows.push(close);
  return doc;
}

const ARTICLE =
  'Trust between clinics and villages grew where supervision visits were regular, and fell where stock-outs repeated. ' +
  'The delay between a stock-out and the loss of trust was about two months. ' +
  'Districts that shared stock between clinics saw fewer stock-outs and kept trust higher.';

describe('describeQuote', () => {
  test('exact text with 32 characters of context on each side and the position', () => {
    const start = ARTICLE.indexOf('The delay');
    const end = ARTICLE.indexOf('two months.') + 'two months.'.length;
    const sel = describeQuote(ARTICLE, start, end);
    expect(sel.textQuote.exact).toBe(
      'The delay between a stock-out and the loss of trust was about two months.',
    );
    expect(sel.textQuote.prefix).toBe(ARTICLE.slice(start - 32, start));
    expect(sel.textQuote.prefix).toHaveLength(32);
    expect(sel.textQuote.suffix).toBe(ARTICLE.slice(end, end + 32));
    expect(sel.textPosition).toEqual({ start, end });
  });

  test('context is cut at the ends of the text and can be changed', () => {
    const sel = describeQuote('short text here', 0, 5, { context: 4 });
    expect(sel.textQuote).toEqual({ exact: 'short', prefix: '', suffix: ' tex' });
  });

  test('never splits a surrogate pair in the context', () => {
    const text = 'ab😀cd quote';
    const start = text.indexOf('quote');
    const sel = describeQuote(text, start, start + 5, { context: 4 });
    expect(sel.textQuote.prefix).toBe('😀cd ');
  });

  test('bad offsets are a clear RangeError', () => {
    expect(() => describeQuote('abc', 2, 2)).toThrow(RangeError);
    expect(() => describeQuote('abc', -1, 2)).toThrow(/start < end/);
    expect(() => describeQuote('abc', 0, 9)).toThrow(RangeError);
  });
});

describe('selections in a parsed page', () => {
  const HTML =
    '<html><head><title>t</title></head><body><h1>Loops</h1><p>First <em>reinforcing</em> loop.</p>' +
    '<script>var x = "not text";</script><p>  Second   paragraph about <b>balancing</b> loops. </p></body></html>';

  test('the page text skips scripts', () => {
    const doc = page(HTML);
    expect(pageText(doc)).toBe(
      'LoopsFirst reinforcing loop.  Second   paragraph about balancing loops. ',
    );
  });

  test('a Range across elements gives its text offsets and selectors', () => {
    const doc = page(HTML);
    const range = doc.createRange();
    const em = doc.querySelector('em')!;
    const b = doc.querySelector('b')!;
    range.setStart(em.firstChild!, 0);
    range.setEnd(b.firstChild!, 'balancing'.length);
    const sel = describeRange(doc, range, { context: 6 })!;
    expect(sel.textQuote.exact).toBe('reinforcing loop.  Second   paragraph about balancing');
    expect(sel.textQuote.prefix).toBe('First ');
    expect(sel.textQuote.suffix).toBe(' loops');
    const text = pageText(doc);
    expect(text.slice(sel.textPosition.start, sel.textPosition.end)).toBe(sel.textQuote.exact);
  });

  test('element boundaries and whitespace at the ends of a selection', () => {
    const doc = page(HTML);
    const p2 = doc.querySelectorAll('p')[1]!;
    const range = doc.createRange();
    range.setStart(p2, 0);
    range.setEnd(p2, p2.childNodes.length);
    const found = selectionOffsets(doc, range)!;
    expect(found.text.slice(found.start, found.end)).toBe(
      'Second   paragraph about balancing loops.',
    );
  });

  test('a collapsed or whitespace-only selection holds no quote', () => {
    const doc = page(HTML);
    const range = doc.createRange();
    const em = doc.querySelector('em')!;
    range.setStart(em.firstChild!, 3);
    range.setEnd(em.firstChild!, 3);
    expect(describeRange(doc, range)).toBeNull();
  });

  test('rangeFromOffsets finds the DOM points again, for highlighting', () => {
    const doc = page(fixture('encyclopedia-wiki.html'));
    const text = pageText(doc);
    const start = text.indexOf('A reinforcing loop');
    const end = text.indexOf('initial deviation.') + 'initial deviation.'.length;
    const r = rangeFromOffsets(doc, start, end)!;
    const range = doc.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    expect(range.toString()).toBe(text.slice(start, end));
    const again = selectionOffsets(doc, r)!;
    expect([again.start, again.end]).toEqual([start, end]);
    expect(rangeFromOffsets(doc, text.length + 5, text.length + 9)).toBeNull();
  });
});

describe('anchorQuote', () => {
  const quoteOf = (text: string, exact: string) => {
    const start = text.indexOf(exact);
    return describeQuote(text, start, start + exact.length);
  };
  const textAt = (text: string, pos: { start: number; end: number } | null) =>
    pos === null ? null : text.slice(pos.start, pos.end);

  test('the unchanged page: found at its old position', () => {
    const sel = quoteOf(ARTICLE, 'loss of trust');
    expect(anchorQuote(ARTICLE, sel)).toEqual(sel.textPosition);
  });

  test('accepts the flat form a stored quote uses', () => {
    const sel = quoteOf(ARTICLE, 'loss of trust');
    const flat = { ...sel.textQuote, ...sel.textPosition };
    expect(anchorQuote(ARTICLE, flat)).toEqual(sel.textPosition);
    expect(anchorQuote(ARTICLE, { exact: 'loss of trust' })).toEqual(sel.textPosition);
  });

  test('text moved: a paragraph added above shifts the quote', () => {
    const sel = quoteOf(ARTICLE, 'The delay between a stock-out');
    const moved = 'Editor’s note: this article was updated on 3 May. ' + ARTICLE;
    const pos = anchorQuote(moved, sel);
    expect(textAt(moved, pos)).toBe('The delay between a stock-out');
    expect(pos!.start).toBe(
      sel.textPosition.start + 'Editor’s note: this article was updated on 3 May. '.length,
    );
  });

  test('several exact matches: the one whose context agrees wins, not the nearest', () => {
    const text = 'Clinics shared stock. Trust rose. Villages shared stock. Trust fell.';
    const start = text.lastIndexOf('shared stock');
    const sel = describeQuote(text, start, start + 'shared stock'.length, { context: 10 });
    // The page gains a sentence in front; the old position now points near the first occurrence.
    const edited = 'New intro. ' + text;
    const pos = anchorQuote(edited, sel)!;
    expect(edited.slice(pos.start - 9, pos.start)).toBe('Villages ');
  });

  test('context edited around an unchanged quote', () => {
    const sel = quoteOf(ARTICLE, 'about two months');
    const edited = ARTICLE.replace(
      'The delay between a stock-out and the loss of trust was',
      'The measured lag before trust dropped was',
    );
    expect(textAt(edited, anchorQuote(edited, sel))).toBe('about two months');
  });

  test('whitespace changes: re-wrapped and re-indented text still anchors', () => {
    const sel = quoteOf(ARTICLE, 'The delay between a stock-out and the loss of trust');
    const rewrapped = ARTICLE.replace(
      'between a stock-out',
      'between\n      a   stock-out',
    ).replace('The delay', 'The\u00a0delay');
    const pos = anchorQuote(rewrapped, sel)!;
    expect(textAt(rewrapped, pos)).toBe(
      'The\u00a0delay between\n      a   stock-out and the loss of trust',
    );
  });

  test('the quote itself slightly edited: found by approximate search', () => {
    const sel = quoteOf(
      ARTICLE,
      'Districts that shared stock between clinics saw fewer stock-outs',
    );
    const edited = ARTICLE.replace('saw fewer stock-outs', 'had fewer stock-outs');
    const found = textAt(edited, anchorQuote(edited, sel));
    expect(found).toBe('Districts that shared stock between clinics had fewer stock-outs');
  });

  test('not found: gone, rewritten beyond the threshold, or empty', () => {
    const sel = quoteOf(
      ARTICLE,
      'The delay between a stock-out and the loss of trust was about two months.',
    );
    expect(anchorQuote('An entirely different page about rivers and floods.', sel)).toBeNull();
    const rewritten = ARTICLE.replace(
      'The delay between a stock-out and the loss of trust was about two months.',
      'Trust recovered slowly once supplies came back, over many weeks.',
    );
    expect(anchorQuote(rewritten, sel)).toBeNull();
    expect(anchorQuote(ARTICLE, { exact: '   ' })).toBeNull();
    expect(anchorQuote('', sel)).toBeNull();
  });

  test('a stale position outside the text is ignored, not an error', () => {
    expect(
      textAt(ARTICLE, anchorQuote(ARTICLE, { exact: 'two months', start: 99_999, end: 100_009 })),
    ).toBe('two months');
  });

  test('re-anchors a quote on a fixture page after the page changed', () => {
    const before = pageText(page(fixture('news-jsonld-graph.html')));
    const exact = "Every wall we built made the next town's flooding worse";
    const sel = quoteOf(before, exact);
    const afterHtml = fixture('news-jsonld-graph.html').replace(
      '<article>',
      '<article><aside>Live updates: more rain expected tonight across the valley.</aside>',
    );
    const after = pageText(page(afterHtml));
    const pos = anchorQuote(after, sel);
    expect(textAt(after, pos)).toBe(exact);
  });

  test('approximate search on a long page stays fast', () => {
    const filler = Array.from(
      { length: 3_000 },
      (_, i) => `Sentence ${i} about feedback, stocks and flows.`,
    ).join(' ');
    const text =
      filler +
      ' The unique finding was that shared storage cut the shortfall by a third. ' +
      filler;
    const sel = quoteOf(
      text,
      'The unique finding was that shared storage cut the shortfall by a third.',
    );
    const edited = text.replace('cut the shortfall by a third', 'cut the shortfall by one third');
    const pos = anchorQuote(edited, sel);
    expect(textAt(edited, pos)).toBe(
      'The unique finding was that shared storage cut the shortfall by one third.',
    );
  });
});
