/**
 * Page metadata for a clip, read from a parsed `Document` passed in (never a global one).
 *
 * PRECEDENCE. For each field the sources are tried top to bottom and the first one that yields a
 * usable value wins (an empty, invalid or non-http(s) value falls through to the next). Scholarly
 * tags come first, as in Zotero's Embedded Metadata translator and the Hypothesis client; then
 * JSON-LD and OpenGraph (og:title before JSON-LD's headline, which is often cut short); then the
 * visible page (microdata, rel=author, bylines, datelines, <time>, <h1>). The sources of each
 * field, in order, are in metadata-sources.ts and source-type.ts, and listed in README.md.
 *
 * Beyond picking: a site-name suffix is cut from a web title only when it matches a site or
 * publisher name the page gives elsewhere; a canonical address on another site is kept only when
 * the page's other address claims agree (metadata-sources.ts); the language is kept as given and
 * as its primary subtag.
 *
 * Every string is entity-decoded, stripped of markup, whitespace-collapsed, trimmed and capped
 * (title 500, description 5,000, each author 100 characters); dates are normalised to ISO 8601;
 * URLs are resolved against the page URL and kept only if http(s).
 *
 * COST. The page is never serialised. `<meta>` and `<link>` are read from the whole document,
 * JSON-LD from the page's `<script>` elements, plus `<title>` and `<html lang>`; the body is read
 * only when no tag answers, within fixed bounds (page-reader.ts, body-reader.ts).
 */
import { normalizeDate } from './dates';
import { parseDoi } from './doi';
import { normalizeLanguage, primaryLanguage } from './language';
import {
  AUTHORS,
  CANONICAL,
  CONTAINER_TITLE,
  DESCRIPTION,
  DOI,
  FAVICON,
  LANGUAGE,
  PDF,
  PUBLISHED,
  PUBLISHER,
  SITE_NAME,
  TITLE,
  WEB_TITLE_SOURCES,
  type Source,
} from './metadata-sources';
import { Reader } from './page-reader';
import { TYPE } from './source-type';
import { cleanText } from './text';
import { stripSiteSuffix } from './title';
import { METADATA_LIMITS, type MetadataField, type PageMetadata } from './types';
import { normalizeUrl, resolveHttpUrl } from './url';

export { normalizeLanguage, primaryLanguage };

/** The first source whose raw value `accept` keeps: the value and the source's label. */
function pick<T>(
  r: Reader,
  sources: readonly Source<T>[],
  accept: (raw: T) => T | undefined,
): [T, string] | undefined {
  for (const [label, get] of sources) {
    const raw = get(r);
    if (raw === undefined) continue;
    const value = accept(raw);
    if (value !== undefined) return [value, label];
  }
  return undefined;
}

function cleanAuthors(raw: readonly string[]): readonly string[] | undefined {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const a of raw) {
    const name = cleanText(a, METADATA_LIMITS.authorChars);
    if (name === undefined) continue;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
    if (out.length >= METADATA_LIMITS.authors) break;
  }
  return out.length > 0 ? out : undefined;
}

const text = (max: number) => (raw: string) => cleanText(raw, max);

/** Every name the page gives its site or publisher outside its title (a suffix to cut must match one). */
function siteNames(r: Reader): string[] {
  const out: string[] = [];
  for (const [label, get] of [...SITE_NAME, ...PUBLISHER]) {
    if (label === '<title> suffix') continue;
    const v = get(r);
    const name = v === undefined ? undefined : cleanText(v, METADATA_LIMITS.siteNameChars);
    if (name !== undefined) out.push(name);
  }
  return out;
}

/**
 * The metadata of a parsed page. `pageUrl` is the address the page was loaded from (it resolves
 * relative links); it must be an absolute http(s) URL, or a TypeError says so.
 */
export function extractMetadata(doc: Document, pageUrl: string): PageMetadata {
  const url = resolveHttpUrl(pageUrl);
  if (url === undefined) {
    throw new TypeError(
      `Only http(s) pages can be clipped; got ${JSON.stringify(String(pageUrl).slice(0, 100))}.`,
    );
  }
  const r = new Reader(doc, url);
  const provenance: Partial<Record<MetadataField, string>> = {};
  const out: Record<string, unknown> = { url };

  const set = <T>(field: MetadataField, found: [T, string] | undefined) => {
    if (found === undefined) return;
    out[field] = found[0];
    provenance[field] = found[1];
  };

  set('siteName', pick(r, SITE_NAME, text(METADATA_LIMITS.siteNameChars)));
  set('publisher', pick(r, PUBLISHER, text(METADATA_LIMITS.siteNameChars)));
  const title = pick(r, TITLE, text(METADATA_LIMITS.titleChars));
  if (title !== undefined && WEB_TITLE_SOURCES.has(title[1])) {
    title[0] = stripSiteSuffix(title[0], siteNames(r));
  }
  set('title', title);
  set('authors', pick(r, AUTHORS, cleanAuthors));
  set('publishedAt', pick(r, PUBLISHED, normalizeDate));
  set('doi', pick(r, DOI, parseDoi));
  set('description', pick(r, DESCRIPTION, text(METADATA_LIMITS.descriptionChars)));
  const language = pick(r, LANGUAGE, normalizeLanguage);
  set('language', language);
  if (language !== undefined) {
    out.primaryLanguage = primaryLanguage(language[0]);
    provenance.primaryLanguage = language[1];
  }
  set('containerTitle', pick(r, CONTAINER_TITLE, text(METADATA_LIMITS.siteNameChars)));
  set(
    'canonicalUrl',
    pick(r, CANONICAL, (u) => normalizeUrl(u) ?? undefined),
  );
  set(
    'pdfUrl',
    pick(r, PDF, (u) => u),
  );
  set(
    'favicon',
    pick(r, FAVICON, (u) => u),
  );
  set(
    'type',
    pick(r, TYPE, (t) => t),
  );

  if (out.title === undefined) {
    out.title = cleanText(url, METADATA_LIMITS.titleChars) ?? url;
    provenance.title = 'url';
  }
  if (out.authors === undefined) out.authors = [];
  if (out.type === undefined) {
    out.type = 'webpage';
    provenance.type = 'default';
  }
  out.provenance = provenance;
  return out as unknown as PageMetadata;
}
