/**
 * What a clip takes from the page it is made on: the page's metadata (shared/clip's
 * extractMetadata) and, for a selection, the quote as W3C selectors. Runs in the page (injected by
 * the background with scripting.executeScript, see entrypoints/capture.ts) over the live
 * Document; tests run it over fixture pages parsed with happy-dom.
 *
 * Only http(s) pages, links and images are clipped. Everything taken is plain text.
 */
import type { ClipKind, ClipQuote } from '../../shared/clip/clip';
import { extractMetadata } from '../../shared/clip/metadata';
import { describeQuote, describeRange, type RangeLike } from '../../shared/clip/selectors';
import { cleanText } from '../../shared/clip/text';
import { METADATA_LIMITS, type PageMetadata } from '../../shared/clip/types';
import { resolveHttpUrl } from '../../shared/clip/url';
import { LIMITS } from '../../shared/schema/limits';

export interface CaptureRequest {
  readonly kind: ClipKind;
  /** The link's target, for a link clip (from the context menu). */
  readonly linkUrl?: string;
  /** The image's address, for an image clip. */
  readonly srcUrl?: string;
  /** The browser's copy of the selected text (used when the selection is not in the page text, e.g. in a form field). */
  readonly selectionText?: string;
}

export interface Capture {
  readonly kind: ClipKind;
  /** What the clip is about: the page, the link's target or the image. */
  readonly url: string;
  readonly metadata: PageMetadata;
  readonly quote?: ClipQuote;
  /** The page the clip was made on (differs from `url` for links and images). */
  readonly pageUrl: string;
  readonly pageTitle: string;
}

export type CaptureResult = { ok: true; capture: Capture } | { ok: false; error: string };

const QUOTE_CONTEXT = 32;

const bytes = (s: string): number => new TextEncoder().encode(s).length;

const refuse = (error: string): CaptureResult => ({ ok: false, error });

/** The quote for the current selection, a refusal message, or null when nothing is selected. */
export function quoteFromSelection(
  doc: Document,
  range: RangeLike | null,
  selectionText?: string,
): ClipQuote | string | null {
  const selectors = range === null ? null : describeRange(doc, range, { context: QUOTE_CONTEXT });
  let quote: ClipQuote | null = null;
  if (selectors !== null) {
    quote = { ...selectors.textQuote, ...selectors.textPosition };
  } else if (selectionText !== undefined && selectionText.trim() !== '') {
    // Selected text the page text does not hold (a form field): the exact words, no anchor.
    const text = selectionText.trim();
    const q = describeQuote(text, 0, text.length, { context: 0 }).textQuote;
    quote = { exact: q.exact, prefix: '', suffix: '' };
  }
  if (quote === null) return null;
  const size = bytes(quote.exact);
  if (size > LIMITS.quoteBytes)
    return `The selection is too long to quote (${Math.ceil(size / 1024)} KB; a quote holds at most ${LIMITS.quoteBytes / 1024} KB). Select a shorter passage.`;
  return quote;
}

function linkText(doc: Document, href: string): string | undefined {
  const links = doc.getElementsByTagName('a');
  const max = Math.min(links.length, 20_000);
  for (let i = 0; i < max; i++) {
    const a = links[i] as HTMLAnchorElement | undefined;
    if (a?.href === href) {
      const text =
        cleanText(a.textContent ?? '', METADATA_LIMITS.titleChars) ??
        cleanText(a.getAttribute('title') ?? '', METADATA_LIMITS.titleChars) ??
        cleanText(a.getAttribute('aria-label') ?? '', METADATA_LIMITS.titleChars);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

function imageText(doc: Document, src: string): string | undefined {
  const images = doc.getElementsByTagName('img');
  const max = Math.min(images.length, 20_000);
  for (let i = 0; i < max; i++) {
    const img = images[i] as HTMLImageElement | undefined;
    if (img?.currentSrc === src || img?.src === src) {
      const text =
        cleanText(img.getAttribute('alt') ?? '', METADATA_LIMITS.titleChars) ??
        cleanText(img.getAttribute('title') ?? '', METADATA_LIMITS.titleChars);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

const capTitle = (s: string): string =>
  s.length > METADATA_LIMITS.titleChars ? `${s.slice(0, METADATA_LIMITS.titleChars - 1)}…` : s;

/**
 * Captures a clip's content from `doc` (the page at `pageUrl`). `range` is the selection's first
 * range, if any. Never throws: a page, link or image that cannot be clipped gives a reason.
 */
export function capturePage(
  doc: Document,
  pageUrl: string,
  request: CaptureRequest,
  range: RangeLike | null,
): CaptureResult {
  if (resolveHttpUrl(pageUrl) === undefined)
    return refuse('Only web pages (http or https) can be clipped.');
  let page: PageMetadata;
  try {
    page = extractMetadata(doc, pageUrl);
  } catch (error) {
    return refuse(
      `This page’s details could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const found = `Found on “${page.title}” (${page.url})`;

  if (request.kind === 'link') {
    const target = resolveHttpUrl(request.linkUrl ?? '', pageUrl);
    if (target === undefined) return refuse('Only http(s) links can be clipped.');
    const title = linkText(doc, target) ?? target;
    return {
      ok: true,
      capture: {
        kind: 'link',
        url: target,
        metadata: {
          url: target,
          title: capTitle(title),
          authors: [],
          type: 'webpage',
          description: found,
        },
        pageUrl: page.url,
        pageTitle: page.title,
      },
    };
  }

  if (request.kind === 'image') {
    const src = resolveHttpUrl(request.srcUrl ?? '', pageUrl);
    if (src === undefined)
      return refuse('Only images with an http(s) address can be clipped (not embedded data).');
    const title = imageText(doc, src) ?? `Image on “${page.title}”`;
    return {
      ok: true,
      capture: {
        kind: 'image',
        url: src,
        metadata: {
          url: src,
          title: capTitle(title),
          authors: [],
          type: 'image',
          description: found,
          ...(page.siteName !== undefined ? { siteName: page.siteName } : {}),
        },
        pageUrl: page.url,
        pageTitle: page.title,
      },
    };
  }

  const quote = quoteFromSelection(doc, range, request.selectionText);
  if (typeof quote === 'string') return refuse(quote);
  if (request.kind === 'selection' && quote === null)
    return refuse('Nothing is selected on this page: select the passage to quote, then clip it.');
  return {
    ok: true,
    capture: {
      kind: quote !== null ? 'selection' : 'page',
      url: page.url,
      metadata: page,
      ...(quote !== null ? { quote } : {}),
      pageUrl: page.url,
      pageTitle: page.title,
    },
  };
}
