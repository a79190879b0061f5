/** Reading a page for metadata: `<meta>` by name, `<link>` hrefs, JSON-LD, a bounded body scan. */
import { doiFromLink } from './doi';
import { walkText } from './dom-text';
import { jsonLdFacts, type JsonLdFacts } from './jsonld';
import { resolveHttpUrl } from './url';

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
export function headElements(doc: Document, tag: 'meta' | 'link'): HTMLCollectionOf<Element> {
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

/** One page, its `<meta>` indexed once; JSON-LD and the body scan read on first use, then kept. */
export class Reader {
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

/** The hrefs of the `<link>` elements whose `rel` includes `rel` (see headElements). */
export function linkHref(doc: Document, rel: string): string[] {
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
