/**
 * Page metadata for a clip, read from a parsed `Document` passed in (never a global one).
 *
 * PRECEDENCE. For each field the sources are tried top to bottom and the first one that yields a
 * usable value wins (an empty, invalid or non-http(s) value falls through to the next). Scholarly
 * tags come first, as in Zotero's Embedded Metadata translator and the Hypothesis client: a
 * publisher who wrote `citation_*` tags for Google Scholar meant them for citation; `og:*` tags are
 * written for social previews and often carry a marketing title. Meta names are matched without
 * regard to case (`DC.title`, `dc.title`, `DCTERMS.title` are the same vocabulary).
 *
 * | field          | sources, highest first                                                                                  |
 * |----------------|---------------------------------------------------------------------------------------------------------|
 * | title          | citation_title > eprints.title > prism.title > DC/DCTERMS title > JSON-LD headline/name > og:title >     |
 * |                | twitter:title > <title> > the page URL                                                                  |
 * | authors        | citation_author (each; else citation_authors split on ;) > eprints.creators_name > DC/DCTERMS creator >  |
 * |                | JSON-LD author/creator (names, Person objects, @id references) > article:author (names, not URLs) >     |
 * |                | meta author                                                                                             |
 * | publishedAt    | citation_publication_date > citation_date > citation_online_date > citation_cover_date >               |
 * |                | citation_year > eprints.date > prism.publicationDate > prism.coverDate > DC/DCTERMS issued, date,       |
 * |                | created > JSON-LD datePublished/dateCreated/uploadDate > article:published_time > og:video:release_date |
 * |                | > meta date/pubdate/itemprop datePublished > time[itemprop=datePublished] / time[pubdate] >             |
 * |                | first time[datetime] in <article>, else the first time[datetime] (body fallback, see COST)              |
 * | doi            | citation_doi > bepress_citation_doi > eprints.id_number > prism.doi > DC/DCTERMS identifier >           |
 * |                | JSON-LD identifier/sameAs > first doi.org link > first DOI in the text (body fallbacks, see COST)       |
 * | description    | citation_abstract > eprints.abstract > DC/DCTERMS description/abstract > JSON-LD description >          |
 * |                | og:description > twitter:description > meta description                                                 |
 * | language       | citation_language > DC/DCTERMS language > JSON-LD inLanguage > <html lang> > http-equiv                 |
 * |                | content-language > og:locale                                                                            |
 * | siteName       | citation_journal_title > citation_conference_title > citation_book_title > eprints.publication >       |
 * |                | prism.publicationName > og:site_name > JSON-LD WebSite name > JSON-LD publisher name > DC publisher >   |
 * |                | application-name                                                                                        |
 * | containerTitle | citation_journal_title > citation_conference_title > citation_book_title > eprints.publication >       |
 * |                | prism.publicationName > JSON-LD isPartOf (Periodical, Newspaper, Book)                                  |
 * | publisher      | citation_publisher > citation_technical_report_institution > citation_dissertation_institution >       |
 * |                | eprints.publisher > DC/DCTERMS publisher > JSON-LD publisher name                                      |
 * | canonicalUrl   | <link rel=canonical> > og:url > JSON-LD url/mainEntityOfPage (then normalised: see normalizeUrl)         |
 * | type           | citation_* (arxiv id: preprint; report institution: report; dissertation: thesis; conference:           |
 * |                | paper-conference; journal: scholarly-article; book: book; else scholarly-article) > eprints.type >      |
 * |                | prism.aggregationType > DC/DCTERMS type > JSON-LD @type > og:type > og:video present > webpage           |
 * | pdfUrl         | citation_pdf_url > eprints.document_url (.pdf) > <link type=application/pdf> > <a type=application/pdf> |
 * |                | or first <a href$=.pdf>                                                                                 |
 * | favicon        | <link rel~=icon> > <link rel=apple-touch-icon> > /favicon.ico of the page's origin                      |
 *
 * Every string is entity-decoded, stripped of markup, whitespace-collapsed, trimmed and capped
 * (title 500, description 5,000, each author 100 characters); dates are normalised to ISO 8601;
 * URLs are resolved against the page URL and kept only if http(s).
 *
 * COST. The page is never serialised. `<meta>` and `<link>` are read from `<head>` (the whole
 * page only if `<head>` has none), JSON-LD from the page's `<script>` elements, plus `<title>` and
 * `<html lang>`. The body fallbacks (doi.org and PDF links, `<time>`, a DOI in the text) are read
 * only when no tag answers, in one pass over the top of the body that stops after 200,000
 * characters of text or 20,000 elements, so a huge page costs no more than a long article.
 *
 * MODULES. page-reader.ts reads the page; metadata-sources.ts and source-type.ts hold the sources
 * of each field in the order above; this module picks the first usable value of each field.
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
