/** Each metadata field's sources, highest first, as metadata.ts documents (type in source-type). */
import { findDoiInText, parseDoi } from './doi';
import { headElements, linkHref, type Reader } from './page-reader';

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
  ['json-ld', (r) => r.jsonLd().title],
  ['og:title', meta('og:title')],
  ['twitter:title', meta('twitter:title')],
  ['<title>', (r) => r.doc.title],
];

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
  ['meta author', (r) => r.all('author').filter((a) => !looksLikeUrl(a))],
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
  ['article:published_time', meta('article:published_time')],
  ['og:video:release_date', meta('og:video:release_date')],
  [
    'meta date',
    meta('date', 'pubdate', 'publish-date', 'publication_date', 'itemprop:datepublished'),
  ],
  ['time[datetime]', (r) => r.lead().time],
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

export const SITE_NAME: readonly Source<string>[] = [
  ...CONTAINER,
  ['og:site_name', meta('og:site_name')],
  ['json-ld website', (r) => r.jsonLd().siteName],
  ['json-ld publisher', (r) => r.jsonLd().publisher],
  ['dc.publisher', meta(...DC('publisher'))],
  ['application-name', meta('application-name')],
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

export const CANONICAL: readonly Source<string>[] = [
  ['link rel=canonical', (r) => firstHttp(r, linkHref(r.doc, 'canonical'))],
  ['og:url', (r) => firstHttp(r, r.all('og:url'))],
  ['json-ld', (r) => r.url(r.jsonLd().url)],
];

function pdfLink(r: Reader): string | undefined {
  const links = headElements(r.doc, 'link');
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
