/** Reading a page for metadata: `<meta>` by name, `<link>` hrefs, JSON-LD, a bounded body scan. */
import { findDateInText } from './dates';
import { doiFromLink } from './doi';
import { walkText } from './dom-text';
import { jsonLdFacts, type JsonLdFacts } from './jsonld';
import { resolveHttpUrl } from './url';

/** How far into the page the body fallbacks (links, <time>, DOI in text) look. */
export interface LeadLimits {
  readonly textChars: number;
  readonly elements: number;
}
export const LEAD_LIMITS: LeadLimits = { textChars: 200_000, elements: 20_000 };

interface Lead {
  text: string;
  doi?: string | undefined;
  pdf?: string | undefined;
  /** A `<time>` marked as the publication date (`itemprop=datePublished`, `pubdate`). */
  time?: string | undefined;
  /** The first other `<time>` in `<article>`, else on the page (not one marked as an update). */
  anyTime?: string | undefined;
}

type MetaIndex = ReadonlyMap<string, readonly string[]>;

/**
 * Every `<meta>` or `<link>` element of the page. Not only `<head>`: an `<img>`, `<noscript>` or
 * stray text in the head makes an HTML parser close it early, and every later tag lands in
 * `<body>`; some sites also write tags in the body on purpose. `getElementsByTagName` is native
 * and indexed in browsers, so a long page costs little.
 */
export function pageElements(doc: Document, tag: 'meta' | 'link'): HTMLCollectionOf<Element> {
  return doc.getElementsByTagName(tag);
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
  const metas = pageElements(doc, 'meta');
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

/** A `<time>`'s date: its `datetime`, else a date its text writes ("March 3, 2024"). */
function timeValue(el: Element): string | undefined {
  const datetime = el.getAttribute('datetime');
  if (datetime !== null && datetime.trim() !== '') return datetime;
  return findDateInText((el.textContent ?? '').slice(0, 200));
}

/** One page, its `<meta>` indexed once; JSON-LD and the body scan read on first use, then kept. */
export class Reader {
  private ld: JsonLdFacts | undefined;
  private leadScan: Lead | undefined;
  readonly meta: MetaIndex;

  constructor(
    readonly doc: Document,
    readonly pageUrl: string,
    private readonly limits: LeadLimits = LEAD_LIMITS,
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
   * .pdf), the best <time datetime>, and the text, stopping after `limits.textChars` characters of
   * text or `limits.elements` elements, so a huge page costs no more than a long article.
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
            return chars < this.limits.textChars;
          },
          enter: (node) => {
            if (++elements > this.limits.elements) return false;
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
              const value = timeValue(el);
              if (value === undefined) return;
              const itemprop = (el.getAttribute('itemprop') ?? '').toLowerCase().split(/\s+/);
              if (itemprop.includes('datepublished') || el.hasAttribute('pubdate'))
                lead.time = value;
              else if (
                itemprop.includes('datemodified') ||
                /updated|modified/i.test(el.getAttribute('class') ?? '')
              )
                return;
              else if (timeInArticle === undefined && el.closest('article') !== null)
                timeInArticle = value;
              firstTime ??= value;
            }
          },
        });
        lead.text = parts.join('').slice(0, this.limits.textChars);
        lead.pdf ??= pdfByName;
        lead.anyTime = timeInArticle ?? firstTime;
      }
      this.leadScan = lead;
    }
    return this.leadScan;
  }

  /**
   * The addresses the page gives for itself (its own, `<link rel=canonical>`, `og:url`): what
   * JSON-LD's main entity is matched against.
   */
  selfUrls(): string[] {
    const out = [this.pageUrl];
    for (const raw of [...linkHref(this.doc, 'canonical'), ...this.all('og:url')]) {
      const u = this.url(raw);
      if (u !== undefined) out.push(u);
    }
    return out;
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
      this.ld = jsonLdFacts(blocks, this.selfUrls());
    }
    return this.ld;
  }

  url(raw: string | null | undefined): string | undefined {
    return resolveHttpUrl(raw ?? undefined, this.pageUrl);
  }
}

/** The hrefs of the `<link>` elements whose `rel` includes `rel` (see pageElements). */
export function linkHref(doc: Document, rel: string): string[] {
  const out: string[] = [];
  const links = pageElements(doc, 'link');
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    const rels = (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const href = l.getAttribute('href');
    if (href !== null && rels.includes(rel)) out.push(href);
  }
  return out;
}
