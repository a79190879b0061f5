/**
 * What the visible page says about itself when its tags do not: schema.org microdata
 * (`itemprop=author`, `itemprop=datePublished` on meta/span/abbr/time/a), `rel=author` links,
 * bylines (`.byline`, `.author`, `.author-name`, `[class*=byline]`), and the page's `<h1>`.
 * Read only when a field falls that far (see metadata-sources.ts); each query is bounded.
 */
import { findDateInText, normalizeDate } from './dates';

/** At most this many candidate elements of one kind are looked at. */
const MAX_CANDIDATES = 60;
/** The text of one candidate element is read up to this length. */
const MAX_ELEMENT_TEXT = 600;

/** Regions whose bylines and dates belong to other articles or to commenters. */
const ELSEWHERE_TAGS = new Set(['aside', 'footer', 'nav']);
const ELSEWHERE_CLASS = /^comment|related|recommend|promo|teaser/i;

/** True when `el` sits in an aside, footer, nav, comment, related-stories or promo block. */
function elsewhere(el: Element): boolean {
  for (let a: Element | null = el; a !== null && a.localName !== 'body'; a = a.parentElement) {
    if (ELSEWHERE_TAGS.has(a.localName)) return true;
    const cls = a.getAttribute('class');
    if (cls !== null && cls.split(/\s+/).some((token) => ELSEWHERE_CLASS.test(token))) return true;
  }
  return false;
}

const clip = (s: string | null | undefined): string =>
  (s ?? '')
    .slice(0, MAX_ELEMENT_TEXT * 2)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_ELEMENT_TEXT);

const textOf = (el: Element): string => clip(el.textContent);

function query(doc: Document, selector: string): Element[] {
  const found = doc.querySelectorAll(selector);
  const out: Element[] = [];
  for (let i = 0; i < found.length && out.length < MAX_CANDIDATES; i++) {
    const el = found[i]!;
    if (!elsewhere(el)) out.push(el);
  }
  return out;
}

/** The elements of `selector`, those inside the page's first `<article>` (or `<main>`) first. */
function inArticleFirst(doc: Document, selector: string): Element[] {
  const all = query(doc, selector);
  const scope = doc.querySelector('article') ?? doc.querySelector('main');
  if (scope === null) return all;
  return [...all.filter((e) => scope.contains(e)), ...all.filter((e) => !scope.contains(e))];
}

const ROLE =
  /\b(?:correspondent|editor|reporter|writer|contributor|columnist|journalist|analyst|photographer|staff|updated|published|posted|read|min|follow)\b/i;
const BY_PREFIX =
  /^(?:(?:written|words|story|text|reporting|report|posted|article|photos?)\s+)?(?:by|von|par|por|door|af|di|da)\s*:?\s+/i;
const CUT = /\s(?:[|•·—–]|-\s)|\b(?:published|updated|posted|on)\b|\d/i;

/** The names a byline text gives: "By Ana Ruiz and Tom Lee | 3 March 2024" -> two names. */
export function namesFromByline(raw: string): string[] {
  let s = raw.replace(/\s+/g, ' ').trim().replace(BY_PREFIX, '');
  const cut = CUT.exec(s);
  if (cut !== null) s = s.slice(0, cut.index);
  const out: string[] = [];
  for (const part of s.split(/\s*(?:,|;|\band\b|&|\bund\b|\bet\b)\s*/i)) {
    const name = part.replace(/^[\s:]+|[\s.,:;]+$/g, '');
    if (name === '') continue;
    // A sentence is prose (an author's bio), not a byline: none of it is a name.
    if (name.length > 60 || name.split(' ').length > 6) return [];
    if (!/^\p{L}/u.test(name) || /[@/\\<>]|https?:/i.test(name) || ROLE.test(name)) continue;
    out.push(name);
  }
  return out;
}

// ---- microdata ---------------------------------------------------------------------------------

const hasProp = (el: Element, prop: string): boolean =>
  (el.getAttribute('itemprop') ?? '').toLowerCase().split(/\s+/).includes(prop.toLowerCase());

/** The names of the page's `itemprop=author` (or `creator`) items, nested `itemprop=name` first. */
export function microdataAuthors(doc: Document): string[] {
  const out: string[] = [];
  for (const el of inArticleFirst(doc, '[itemprop~="author"], [itemprop~="creator"]')) {
    const named = [...el.querySelectorAll('[itemprop]')].find((x) => hasProp(x, 'name'));
    const source = named ?? el;
    // A <link itemprop=author> holds an address, not a name.
    if (source.localName === 'link') continue;
    if (source.localName === 'meta') {
      const value = clip(source.getAttribute('content'));
      if (value !== '') out.push(value);
    } else if (named !== undefined) {
      const value = textOf(source);
      if (value !== '') out.push(value);
    } else out.push(...namesFromByline(textOf(source)));
  }
  return out;
}

/** The value of a dated element: `content`, `datetime`, an `<abbr title>`, else its text. */
function dateOf(el: Element): string | undefined {
  for (const attr of ['content', 'datetime', 'title']) {
    const iso = normalizeDate(el.getAttribute(attr) ?? '');
    if (iso !== undefined) return iso;
  }
  return el.localName === 'meta' ? undefined : findDateInText(textOf(el));
}

/** The page's `itemprop=datePublished` (else `dateCreated`), on any element. */
export function microdataPublished(doc: Document): string | undefined {
  const items = inArticleFirst(doc, '[itemprop~="datePublished"], [itemprop~="dateCreated"]');
  for (const prop of ['datePublished', 'dateCreated']) {
    for (const el of items) {
      if (!hasProp(el, prop)) continue;
      const iso = dateOf(el);
      if (iso !== undefined) return iso;
    }
  }
  return undefined;
}

// ---- bylines -----------------------------------------------------------------------------------

/** `<a rel=author>` names (a `<link rel=author>` is an address, not a name). */
export function relAuthors(doc: Document): string[] {
  const out: string[] = [];
  for (const el of inArticleFirst(doc, 'a[rel~="author"]'))
    out.push(...namesFromByline(textOf(el)));
  return out;
}

const NAME_SELECTOR = [
  '[class*="author-name"]',
  '[class*="author__name"]',
  '[class*="authorname"]',
  '[class*="byline-name"]',
  '[class*="byline__name"]',
].join(', ');
const BYLINE_SELECTOR = ['.byline', '[class*="byline"]', '.author', '.post-author'].join(', ');

/** Names from the page's byline: a named author element first, else the byline's links or text. */
export function bylineAuthors(doc: Document): string[] {
  const named = inArticleFirst(doc, NAME_SELECTOR).flatMap((el) => namesFromByline(textOf(el)));
  if (named.length > 0) return named;
  for (const el of inArticleFirst(doc, BYLINE_SELECTOR)) {
    const links = [...el.querySelectorAll('a')].flatMap((a) => namesFromByline(textOf(a)));
    const names = links.length > 0 ? links : namesFromByline(textOf(el));
    if (names.length > 0) return names;
  }
  return [];
}

const DATELINE_SELECTOR = [
  '.published',
  '.byline',
  '[class*="byline"]',
  '.dateline',
  '[class*="publish"]',
  '[class*="post-date"]',
  '[class*="entry-date"]',
  '[class*="article-date"]',
  '.posted-on',
  '.date',
  '[class*="meta"]',
].join(', ');

/** A date written in the byline or dateline ("Published 3 March 2024"), published before updated. */
export function bylinePublished(doc: Document): string | undefined {
  for (const el of inArticleFirst(doc, DATELINE_SELECTOR)) {
    if (/\b(?:updated|modified)\b/i.test(el.getAttribute('class') ?? '')) continue;
    const iso = dateOf(el);
    if (iso !== undefined) return iso;
  }
  return undefined;
}

/** The page's main heading: the first `<h1>` of its `<article>` or `<main>`, else the first. */
export function headingTitle(doc: Document): string | undefined {
  const h1 =
    doc.querySelector('article h1') ?? doc.querySelector('main h1') ?? doc.querySelector('h1');
  const text = h1 === null ? '' : textOf(h1);
  return text === '' ? undefined : text;
}
