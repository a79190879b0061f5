/** Each metadata field's sources, highest first, as metadata.ts documents (type in source-type). */
import {
  bylineAuthors,
  bylinePublished,
  headingTitle,
  microdataAuthors,
  microdataPublished,
  relAuthors,
} from './body-reader';
import { findDoiInText, parseDoi } from './doi';
import { linkHref, pageElements, type Reader } from './page-reader';
import { sameSite } from './site';
import { foldForCompare, splitSiteSuffix } from './title';

/** One source for one field: a label for provenance and a getter returning a raw value. */
export type Source<T> = readonly [label: string, get: (r: Reader) => T | undefined];

export const meta =
  (...names: string[]) =>
  (r: Reader): string | undefined =>
    r.first(...names);

export const DC = (term: string): string[] => [`dc.${term}`, `dcterms.${term}`, `dct.${term}`];

// ---- title -------------------------------------------------------------------------------------

export const TITLE: readonly Source<string>[] = [
  ['citation_title', meta('citation_title')],
  ['eprints.title', meta('eprints.title')],
  ['prism.title', meta('prism.title')],
  ['dc.title', meta(...DC('title'))],
  // og:title before JSON-LD: a `headline` is often cut to fit Google's 110 characters.
  ['og:title', meta('og:title')],
  ['json-ld', (r) => r.jsonLd().title],
  ['twitter:title', meta('twitter:title')],
  ['<title>', (r) => r.doc.title],
  ['<h1>', (r) => headingTitle(r.doc)],
];

/** Title sources a site-name suffix is cut from (scholarly tags never carry one). */
export const WEB_TITLE_SOURCES = new Set(['og:title', 'json-ld', 'twitter:title', '<title>']);

// ---- authors -----------------------------------------------------------------------------------

const looksLikeUrl = (s: string): boolean => /^(?:https?:)?\/\/|^www\./i.test(s.trim());

export const AUTHORS: readonly Source<readonly string[]>[] = [
  [
    'citation_author',
    (r) => {
      const each = r.all('citation_author');
      if (each.length > 0) return each;
      const joined = r.first('citation_authors');
      return joined === undefined ? undefined : joined.split(';');
    },
  ],
  ['eprints.creators_name', (r) => r.all('eprints.creators_name')],
  ['dc.creator', (r) => DC('creator').flatMap((k) => r.all(k))],
  ['json-ld', (r) => r.jsonLd().authors],
  ['article:author', (r) => r.all('article:author').filter((a) => !looksLikeUrl(a))],
  ['parsely-author', (r) => r.all('parsely-author')],
  ['sailthru.author', (r) => r.all('sailthru.author')],
  ['meta author', (r) => r.all('author').filter((a) => !looksLikeUrl(a))],
  ['itemprop=author', (r) => microdataAuthors(r.doc)],
  ['rel=author', (r) => relAuthors(r.doc)],
  ['byline', (r) => bylineAuthors(r.doc)],
];

// ---- dates -------------------------------------------------------------------------------------

export const PUBLISHED: readonly Source<string>[] = [
  ['citation_publication_date', meta('citation_publication_date')],
  ['citation_date', meta('citation_date')],
  ['citation_online_date', meta('citation_online_date')],
  ['citation_cover_date', meta('citation_cover_date')],
  ['citation_year', meta('citation_year')],
  ['eprints.date', meta('eprints.date')],
  ['prism.publicationdate', meta('prism.publicationdate')],
  ['prism.coverdate', meta('prism.coverdate')],
  ['dc.date.issued', meta('dc.date.issued', ...DC('issued'))],
  ['dc.date', meta(...DC('date'))],
  ['dc.created', meta('dc.date.created', ...DC('created'))],
  ['json-ld', (r) => r.jsonLd().published],
  [
    'article:published_time',
    meta(
      'article:published_time',
      'og:article:published_time',
      'article:published',
      'article.published',
      'published_time',
    ),
  ],
  ['og:video:release_date', meta('og:video:release_date')],
  ['parsely-pub-date', meta('parsely-pub-date')],
  ['sailthru.date', meta('sailthru.date')],
  [
    'meta date',
    meta(
      'pubdate',
      'publishdate',
      'publish-date',
      'publish_date',
      'publication_date',
      'datepublished',
      'date',
    ),
  ],
  ['itemprop=datePublished', (r) => microdataPublished(r.doc)],
  ['time[pubdate]', (r) => r.lead().time],
  ['byline date', (r) => bylinePublished(r.doc)],
  ['time', (r) => r.lead().anyTime],
];

// ---- DOI ---------------------------------------------------------------------------------------

export const DOI: readonly Source<string>[] = [
  ['citation_doi', meta('citation_doi')],
  ['bepress_citation_doi', meta('bepress_citation_doi')],
  ['eprints.id_number', meta('eprints.id_number')],
  ['prism.doi', meta('prism.doi')],
  [
    'dc.identifier',
    (r) =>
      [...DC('identifier'), 'dc.identifier.doi']
        .flatMap((k) => r.all(k))
        .find((v) => parseDoi(v) !== undefined),
  ],
  ['json-ld', (r) => r.jsonLd().doi],
  ['doi.org link', (r) => r.lead().doi],
  ['text', (r) => findDoiInText(r.lead().text)],
];

// ---- description ----------------------------------------------------------------------------------

export const DESCRIPTION: readonly Source<string>[] = [
  ['citation_abstract', meta('citation_abstract')],
  ['eprints.abstract', meta('eprints.abstract')],
  ['dc.description', meta(...DC('description'), ...DC('abstract'))],
  ['json-ld', (r) => r.jsonLd().description],
  ['og:description', meta('og:description')],
  ['twitter:description', meta('twitter:description')],
  ['meta description', meta('description')],
];

export const LANGUAGE: readonly Source<string>[] = [
  ['citation_language', meta('citation_language')],
  ['dc.language', meta(...DC('language'))],
  ['json-ld', (r) => r.jsonLd().language],
  [
    '<html lang>',
    (r) =>
      r.doc.documentElement?.getAttribute('lang') ??
      r.doc.documentElement?.getAttribute('xml:lang') ??
      undefined,
  ],
  ['content-language', meta('http-equiv:content-language')],
  ['og:locale', meta('og:locale')],
];

// ---- site, container, publisher -------------------------------------------------------------------

const CONTAINER: readonly Source<string>[] = [
  ['citation_journal_title', meta('citation_journal_title')],
  ['citation_conference_title', meta('citation_conference_title')],
  ['citation_book_title', meta('citation_book_title')],
  ['eprints.publication', meta('eprints.publication')],
  ['prism.publicationname', meta('prism.publicationname')],
];

/** The site part of "Story | Site", unless the page's heading says the whole is the title. */
function titleSuffixSite(r: Reader): string | undefined {
  const split = splitSiteSuffix(r.doc.title);
  if (split === undefined) return undefined;
  const heading = headingTitle(r.doc);
  return heading !== undefined && foldForCompare(heading) === foldForCompare(r.doc.title.trim())
    ? undefined
    : split.site;
}

/**
 * The website's name. og:site_name first: on a journal's site it names the site ("… Online"),
 * while citation_journal_title names the journal (kept as containerTitle).
 */
export const SITE_NAME: readonly Source<string>[] = [
  ['og:site_name', meta('og:site_name')],
  ...CONTAINER,
  ['json-ld website', (r) => r.jsonLd().siteName],
  ['json-ld publisher', (r) => r.jsonLd().publisher],
  ['meta publisher', meta('publisher')],
  ['dc.publisher', meta(...DC('publisher'))],
  ['application-name', meta('application-name', 'apple-mobile-web-app-title')],
  ['<title> suffix', titleSuffixSite],
];

export const CONTAINER_TITLE: readonly Source<string>[] = [
  ...CONTAINER,
  ['json-ld isPartOf', (r) => r.jsonLd().containerTitle],
];

export const PUBLISHER: readonly Source<string>[] = [
  ['citation_publisher', meta('citation_publisher')],
  ['citation_technical_report_institution', meta('citation_technical_report_institution')],
  ['citation_dissertation_institution', meta('citation_dissertation_institution')],
  ['eprints.publisher', meta('eprints.publisher')],
  ['dc.publisher', meta(...DC('publisher'))],
  ['json-ld publisher', (r) => r.jsonLd().publisher],
  ['meta publisher', meta('publisher')],
];

// ---- URLs ----------------------------------------------------------------------------------------

const firstHttp = (
  r: Reader,
  hrefs: readonly (string | null | undefined)[],
): string | undefined => {
  for (const h of hrefs) {
    const u = r.url(h);
    if (u !== undefined) return u;
  }
  return undefined;
};

/** Where the page says it lives, by each tag that says so. */
const URL_CLAIMS: readonly Source<string>[] = [
  ['link rel=canonical', (r) => firstHttp(r, linkHref(r.doc, 'canonical'))],
  ['og:url', (r) => firstHttp(r, r.all('og:url'))],
  ['json-ld', (r) => r.url(r.jsonLd().url)],
  [
    'citation_*_html_url',
    (r) =>
      firstHttp(r, [
        ...r.all('citation_abstract_html_url'),
        ...r.all('citation_fulltext_html_url'),
        ...r.all('citation_public_url'),
      ]),
  ],
];

/**
 * A canonical address on another site than the page is trusted only when the page's other
 * address claims (og:url, JSON-LD url, citation_*_html_url) agree with it: there is at least
 * one, and every one is on the canonical's site. A syndicated article whose canonical points at
 * the wire service but whose og:url is its own keeps its own address.
 */
function trusted(r: Reader, label: string, url: string): boolean {
  if (sameSite(url, r.pageUrl)) return true;
  const others: string[] = [];
  for (const [l, get] of URL_CLAIMS) {
    if (l === label) continue;
    const u = get(r);
    if (u !== undefined) others.push(u);
  }
  return others.length > 0 && others.every((u) => sameSite(u, url));
}

export const CANONICAL: readonly Source<string>[] = URL_CLAIMS.slice(0, 3).map(
  ([label, get]) =>
    [
      label,
      (r: Reader) => {
        const u = get(r);
        return u !== undefined && trusted(r, label, u) ? u : undefined;
      },
    ] as const,
);

function pdfLink(r: Reader): string | undefined {
  const links = pageElements(r.doc, 'link');
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    if ((l.getAttribute('type') ?? '').toLowerCase() === 'application/pdf') {
      const u = r.url(l.getAttribute('href'));
      if (u !== undefined) return u;
    }
  }
  return r.lead().pdf;
}

export const PDF: readonly Source<string>[] = [
  ['citation_pdf_url', (r) => firstHttp(r, r.all('citation_pdf_url'))],
  [
    'eprints.document_url',
    (r) =>
      firstHttp(
        r,
        r.all('eprints.document_url').filter((u) => /\.pdf(?:$|[?#])/i.test(u)),
      ),
  ],
  ['pdf link', pdfLink],
];

export const FAVICON: readonly Source<string>[] = [
  ['link rel=icon', (r) => firstHttp(r, linkHref(r.doc, 'icon'))],
  ['link rel=apple-touch-icon', (r) => firstHttp(r, linkHref(r.doc, 'apple-touch-icon'))],
  ['/favicon.ico', (r) => r.url('/favicon.ico')],
];
