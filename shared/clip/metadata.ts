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
 */
import { normalizeDate } from './dates';
import { doiFromLink, findDoiInText, parseDoi } from './doi';
import { walkText } from './dom-text';
import { jsonLdFacts, type JsonLdFacts } from './jsonld';
import { cleanText } from './text';
import { METADATA_LIMITS, type MetadataField, type PageMetadata, type SourceType } from './types';
import { normalizeUrl, resolveHttpUrl } from './url';

/** How far into the page the body fallbacks (links, <time>, DOI in text) look. */
const LEAD_TEXT_CHARS = 200_000;
const LEAD_ELEMENTS = 20_000;

interface Lead {
  text: string;
  doi?: string | undefined;
  pdf?: string | undefined;
  time?: string | undefined;
}

type MetaIndex = ReadonlyMap<string, readonly string[]>;

/**
 * The `<meta>` or `<link>` elements of `<head>`, where a conforming HTML parser puts every one
 * written before `<body>`; reading only `<head>` keeps the cost independent of the page's length.
 * A page (or a parser) that left its head empty is searched whole.
 */
function headElements(doc: Document, tag: 'meta' | 'link'): HTMLCollectionOf<Element> {
  const inHead = doc.head?.getElementsByTagName(tag);
  return inHead !== undefined && inHead.length > 0 ? inHead : doc.getElementsByTagName(tag);
}

/** Every `<meta>` by lower-cased name/property (`itemprop:x`, `http-equiv:x` for those). */
function indexMeta(doc: Document): MetaIndex {
  const index = new Map<string, string[]>();
  const add = (key: string | null, value: string) => {
    if (key === null || key === '') return;
    const k = key.trim().toLowerCase();
    const list = index.get(k);
    if (list) list.push(value);
    else index.set(k, [value]);
  };
  const metas = headElements(doc, 'meta');
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i]!;
    const content = m.getAttribute('content');
    if (content === null) continue;
    add(m.getAttribute('name'), content);
    const property = m.getAttribute('property');
    if (property !== null && property !== m.getAttribute('name')) add(property, content);
    const itemprop = m.getAttribute('itemprop');
    if (itemprop !== null) add(`itemprop:${itemprop}`, content);
    const equiv = m.getAttribute('http-equiv');
    if (equiv !== null) add(`http-equiv:${equiv}`, content);
  }
  return index;
}

class Reader {
  private ld: JsonLdFacts | undefined;
  private leadScan: Lead | undefined;
  readonly meta: MetaIndex;

  constructor(
    readonly doc: Document,
    readonly pageUrl: string,
  ) {
    this.meta = indexMeta(doc);
  }

  all(name: string): readonly string[] {
    return this.meta.get(name) ?? [];
  }

  first(...names: string[]): string | undefined {
    for (const n of names) {
      const v = this.meta.get(n);
      if (v) for (const x of v) if (x.trim() !== '') return x;
    }
    return undefined;
  }

  has(prefix: string): boolean {
    for (const k of this.meta.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  /**
   * One bounded pass over the top of the page, made only when a field falls back to the body: the
   * first doi.org link's DOI, the first PDF link (type=application/pdf, else an href ending in
   * .pdf), the best <time datetime>, and the text, stopping after LEAD_TEXT_CHARS characters of
   * text or LEAD_ELEMENTS elements, so a huge page costs no more than a long article.
   */
  lead(): Lead {
    if (this.leadScan === undefined) {
      const lead: Lead = { text: '' };
      const root = this.doc.body;
      if (root !== null) {
        const parts: string[] = [];
        let chars = 0;
        let elements = 0;
        let pdfByName: string | undefined;
        let timeInArticle: string | undefined;
        let firstTime: string | undefined;
        walkText(root, {
          text: (node) => {
            parts.push(node.data);
            chars += node.data.length;
            return chars < LEAD_TEXT_CHARS;
          },
          enter: (node) => {
            if (++elements > LEAD_ELEMENTS) return false;
            const el = node as Element;
            const tag = el.localName;
            if (tag === 'a') {
              const href = el.getAttribute('href');
              if (href === null) return;
              if (lead.doi === undefined && href.includes('doi.org/10.'))
                lead.doi = doiFromLink(href);
              if (lead.pdf === undefined) {
                const typed = (el.getAttribute('type') ?? '').toLowerCase() === 'application/pdf';
                if (typed || (pdfByName === undefined && /\.pdf(?:$|[?#])/i.test(href))) {
                  const u = this.url(href);
                  if (u !== undefined && typed) lead.pdf = u;
                  else if (u !== undefined) pdfByName = u;
                }
              }
            } else if (tag === 'time' && lead.time === undefined) {
              const datetime = el.getAttribute('datetime');
              if (datetime === null || datetime.trim() === '') return;
              const itemprop = (el.getAttribute('itemprop') ?? '').split(/\s+/);
              if (itemprop.includes('datePublished') || el.hasAttribute('pubdate'))
                lead.time = datetime;
              else if (timeInArticle === undefined && el.closest('article') !== null)
                timeInArticle = datetime;
              firstTime ??= datetime;
            }
          },
        });
        lead.text = parts.join('').slice(0, LEAD_TEXT_CHARS);
        lead.pdf ??= pdfByName;
        lead.time ??= timeInArticle ?? firstTime;
      }
      this.leadScan = lead;
    }
    return this.leadScan;
  }

  jsonLd(): JsonLdFacts {
    if (this.ld === undefined) {
      const blocks: string[] = [];
      const scripts = this.doc.getElementsByTagName('script');
      for (let i = 0; i < scripts.length; i++) {
        const s = scripts[i]!;
        const type = (s.getAttribute('type') ?? '').toLowerCase();
        if (type.split(';')[0]?.trim() === 'application/ld+json') blocks.push(s.textContent ?? '');
      }
      this.ld = jsonLdFacts(blocks);
    }
    return this.ld;
  }

  url(raw: string | null | undefined): string | undefined {
    return resolveHttpUrl(raw ?? undefined, this.pageUrl);
  }
}

/** One source for one field: a label for provenance and a getter returning a raw value. */
type Source<T> = readonly [label: string, get: (r: Reader) => T | undefined];

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

const meta =
  (...names: string[]) =>
  (r: Reader): string | undefined =>
    r.first(...names);

const DC = (term: string): string[] => [`dc.${term}`, `dcterms.${term}`, `dct.${term}`];

// ---- title -------------------------------------------------------------------------------------

const TITLE: readonly Source<string>[] = [
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

const AUTHORS: readonly Source<readonly string[]>[] = [
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

// ---- dates -------------------------------------------------------------------------------------

const PUBLISHED: readonly Source<string>[] = [
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

const DOI: readonly Source<string>[] = [
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

const DESCRIPTION: readonly Source<string>[] = [
  ['citation_abstract', meta('citation_abstract')],
  ['eprints.abstract', meta('eprints.abstract')],
  ['dc.description', meta(...DC('description'), ...DC('abstract'))],
  ['json-ld', (r) => r.jsonLd().description],
  ['og:description', meta('og:description')],
  ['twitter:description', meta('twitter:description')],
  ['meta description', meta('description')],
];

// ---- language ----------------------------------------------------------------------------------

/** A BCP 47-shaped tag (`en`, `fr-FR`, `zh-Hant-TW`), from `fr_FR` or `FR-fr` too; else undefined. */
export function normalizeLanguage(raw: string): string | undefined {
  const s = raw.trim().replace(/_/g, '-');
  if (
    !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/.test(s) ||
    s.length > METADATA_LIMITS.languageChars
  )
    return undefined;
  return s
    .split('-')
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      if (part.length === 4) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join('-');
}

const LANGUAGE: readonly Source<string>[] = [
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

const SITE_NAME: readonly Source<string>[] = [
  ...CONTAINER,
  ['og:site_name', meta('og:site_name')],
  ['json-ld website', (r) => r.jsonLd().siteName],
  ['json-ld publisher', (r) => r.jsonLd().publisher],
  ['dc.publisher', meta(...DC('publisher'))],
  ['application-name', meta('application-name')],
];

const CONTAINER_TITLE: readonly Source<string>[] = [
  ...CONTAINER,
  ['json-ld isPartOf', (r) => r.jsonLd().containerTitle],
];

const PUBLISHER: readonly Source<string>[] = [
  ['citation_publisher', meta('citation_publisher')],
  ['citation_technical_report_institution', meta('citation_technical_report_institution')],
  ['citation_dissertation_institution', meta('citation_dissertation_institution')],
  ['eprints.publisher', meta('eprints.publisher')],
  ['dc.publisher', meta(...DC('publisher'))],
  ['json-ld publisher', (r) => r.jsonLd().publisher],
];

// ---- URLs ----------------------------------------------------------------------------------------

function linkHref(doc: Document, rel: string): string[] {
  const out: string[] = [];
  const links = headElements(doc, 'link');
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const rels = (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const href = l.getAttribute('href');
    if (href !== null && rels.includes(rel)) out.push(href);
  }
  return out;
}

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

const CANONICAL: readonly Source<string>[] = [
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

const PDF: readonly Source<string>[] = [
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

const FAVICON: readonly Source<string>[] = [
  ['link rel=icon', (r) => firstHttp(r, linkHref(r.doc, 'icon'))],
  ['link rel=apple-touch-icon', (r) => firstHttp(r, linkHref(r.doc, 'apple-touch-icon'))],
  ['/favicon.ico', (r) => r.url('/favicon.ico')],
];

// ---- type --------------------------------------------------------------------------------------

function highwireType(r: Reader): SourceType | undefined {
  if (!r.has('citation_')) return undefined;
  if (r.first('citation_arxiv_id') !== undefined) return 'preprint';
  if (
    r.first('citation_technical_report_institution', 'citation_technical_report_number') !==
    undefined
  )
    return 'report';
  if (r.first('citation_dissertation_institution') !== undefined) return 'thesis';
  if (r.first('citation_conference_title', 'citation_conference') !== undefined)
    return 'paper-conference';
  if (r.first('citation_journal_title', 'citation_journal_abbrev', 'citation_issn') !== undefined)
    return 'scholarly-article';
  if (r.first('citation_book_title', 'citation_isbn') !== undefined) return 'book';
  if (r.first('citation_title') !== undefined) return 'scholarly-article';
  return undefined;
}

/** A type from a free-text vocabulary value (eprints.type, prism.aggregationType, DC.type). */
function typeFromWord(raw: string): SourceType | undefined {
  const w = raw.trim().toLowerCase();
  if (/preprint|working.?paper/.test(w)) return 'preprint';
  if (/conference/.test(w)) return 'paper-conference';
  if (/thesis|dissertation/.test(w)) return 'thesis';
  if (/report|monograph/.test(w)) return 'report';
  if (/journal|scholarly/.test(w)) return 'scholarly-article';
  if (/newspaper|news/.test(w)) return 'news-article';
  if (/blog/.test(w)) return 'blog-post';
  if (/^article$/.test(w)) return 'article';
  if (/book/.test(w)) return 'book';
  if (/dataset/.test(w)) return 'dataset';
  if (/moving ?image|video/.test(w)) return 'video';
  if (/^(still ?)?image$|photograph/.test(w)) return 'image';
  return undefined;
}

function ogType(raw: string): SourceType | undefined {
  const t = raw.trim().toLowerCase();
  if (t === 'article') return 'article';
  if (t.startsWith('video')) return 'video';
  if (t === 'book') return 'book';
  if (t === 'website' || t === 'profile') return 'webpage';
  return undefined;
}

const TYPE: readonly Source<SourceType>[] = [
  ['citation_*', highwireType],
  ['eprints.type', (r) => typeFromWord(r.first('eprints.type') ?? '')],
  ['prism.aggregationtype', (r) => typeFromWord(r.first('prism.aggregationtype') ?? '')],
  [
    'dc.type',
    (r) =>
      DC('type')
        .flatMap((k) => r.all(k))
        .map(typeFromWord)
        .find((t) => t !== undefined),
  ],
  ['json-ld', (r) => r.jsonLd().sourceType],
  ['og:type', (r) => ogType(r.first('og:type') ?? '')],
  [
    'og:video',
    (r) =>
      r.first('og:video', 'og:video:url', 'og:video:secure_url') !== undefined
        ? 'video'
        : undefined,
  ],
];

// ---- extraction ----------------------------------------------------------------------------------

const text = (max: number) => (raw: string) => cleanText(raw, max);

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

  set('title', pick(r, TITLE, text(METADATA_LIMITS.titleChars)));
  set('authors', pick(r, AUTHORS, cleanAuthors));
  set('publishedAt', pick(r, PUBLISHED, normalizeDate));
  set('doi', pick(r, DOI, parseDoi));
  set('description', pick(r, DESCRIPTION, text(METADATA_LIMITS.descriptionChars)));
  set('language', pick(r, LANGUAGE, normalizeLanguage));
  set('siteName', pick(r, SITE_NAME, text(METADATA_LIMITS.siteNameChars)));
  set('containerTitle', pick(r, CONTAINER_TITLE, text(METADATA_LIMITS.siteNameChars)));
  set('publisher', pick(r, PUBLISHER, text(METADATA_LIMITS.siteNameChars)));
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
