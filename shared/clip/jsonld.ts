import { parseDoi } from './doi';
import { normalizeUrl } from './url';
import type { SourceType } from './types';

/**
 * schema.org JSON-LD, read leniently: every `<script type="application/ld+json">` block is parsed
 * on its own (an invalid block is skipped, the others still count), top-level arrays and `@graph`
 * arrays are flattened, `{"@id": ...}` references are followed within the page, and `@type` may be
 * a string, an array, or a prefixed or full IRI (`schema:NewsArticle`, `https://schema.org/...`).
 * Values are returned raw; the caller cleans them.
 */

type Node = Record<string, unknown>;

export interface JsonLdFacts {
  /** The schema.org type of the entity the page is about, e.g. `NewsArticle`. */
  readonly schemaType?: string;
  readonly sourceType?: SourceType;
  readonly title?: string;
  readonly authors: readonly string[];
  readonly published?: string;
  readonly description?: string;
  readonly publisher?: string;
  readonly containerTitle?: string;
  readonly siteName?: string;
  readonly url?: string;
  readonly language?: string;
  readonly doi?: string;
}

/** Longest block we parse; larger ones are not metadata. */
const MAX_BLOCK_CHARS = 1_000_000;
const MAX_NODES = 2_000;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

const ARTICLE_TYPES: Readonly<Record<string, SourceType>> = {
  ScholarlyArticle: 'scholarly-article',
  MedicalScholarlyArticle: 'scholarly-article',
  NewsArticle: 'news-article',
  ReportageNewsArticle: 'news-article',
  AnalysisNewsArticle: 'news-article',
  OpinionNewsArticle: 'news-article',
  BackgroundNewsArticle: 'news-article',
  ReviewNewsArticle: 'news-article',
  AskPublicNewsArticle: 'news-article',
  BlogPosting: 'blog-post',
  LiveBlogPosting: 'blog-post',
  Article: 'article',
  TechArticle: 'article',
  SocialMediaPosting: 'article',
  DiscussionForumPosting: 'article',
  SatiricalArticle: 'article',
  Review: 'article',
  CriticReview: 'article',
  UserReview: 'article',
  EmployerReview: 'article',
  Report: 'report',
  VideoObject: 'video',
  Movie: 'video',
  Episode: 'video',
  Clip: 'video',
  Book: 'book',
  Chapter: 'book',
  Thesis: 'thesis',
  Dataset: 'dataset',
  ImageObject: 'image',
  Photograph: 'image',
};

/** Written works a page is "about": these always win over the other works below. */
const ARTICLE_TIER = new Set([
  ...Object.keys(ARTICLE_TYPES).filter((t) => {
    const st = ARTICLE_TYPES[t];
    return st !== 'video' && st !== 'book' && st !== 'dataset' && st !== 'image' && st !== 'thesis';
  }),
]);
/** Works that describe a page only when no article does (an analytics Dataset, a lead image). */
const MINOR_TYPES = new Set(['Dataset', 'ImageObject', 'Photograph']);

const PAGE_TYPES = new Set([
  'WebPage',
  'AboutPage',
  'ItemPage',
  'CollectionPage',
  'FAQPage',
  'ProfilePage',
  'QAPage',
  'SearchResultsPage',
  'MedicalWebPage',
]);

/** `schema:NewsArticle`, `https://schema.org/NewsArticle` -> `NewsArticle`. */
function bareType(t: string): string {
  const cut = Math.max(t.lastIndexOf('/'), t.lastIndexOf(':'), t.lastIndexOf('#'));
  return cut >= 0 ? t.slice(cut + 1) : t;
}

function typesOf(node: Node): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [bareType(t)];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map(bareType);
  return [];
}

/** The first scalar string a JSON-LD value holds (string, number, `@value`, first of a list). */
function scalar(v: unknown, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = scalar(x, depth + 1);
      if (s !== undefined && s.trim() !== '') return s;
    }
    return undefined;
  }
  if (isNode(v) && '@value' in v) return scalar(v['@value'], depth + 1);
  return undefined;
}

class Graph {
  readonly nodes: Node[] = [];
  private readonly byId = new Map<string, Node>();

  add(value: unknown, depth = 0): void {
    if (depth > 3 || this.nodes.length >= MAX_NODES) return;
    if (Array.isArray(value)) {
      for (const v of value) this.add(v, depth + 1);
      return;
    }
    if (!isNode(value)) return;
    if (Array.isArray(value['@graph'])) this.add(value['@graph'], depth + 1);
    if ('@type' in value || '@id' in value) {
      this.nodes.push(value);
      this.index(value, 0);
    }
  }

  /** Remembers `node` and the nodes nested in it by `@id`, so references elsewhere resolve. */
  private index(node: Node, depth: number): void {
    const id = node['@id'];
    if (typeof id === 'string' && !this.byId.has(id) && Object.keys(node).length > 1)
      this.byId.set(id, node);
    if (depth >= 3 || this.byId.size >= MAX_NODES) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '@graph') continue;
      for (const x of Array.isArray(v) ? v.slice(0, 50) : [v])
        if (isNode(x)) this.index(x, depth + 1);
    }
  }

  /** Follows an `{"@id": ...}` reference to the node that carries its properties. */
  deref(v: unknown): unknown {
    if (isNode(v) && typeof v['@id'] === 'string' && Object.keys(v).length === 1) {
      return this.byId.get(v['@id']) ?? v;
    }
    return v;
  }

  list(v: unknown): unknown[] {
    if (v === undefined || v === null) return [];
    const items = Array.isArray(v) ? v : [v];
    return items.map((x) => this.deref(x));
  }
}

function personName(graph: Graph, v: unknown): string | undefined {
  const p = graph.deref(v);
  if (typeof p === 'string') return p;
  if (!isNode(p)) return undefined;
  const name = scalar(p.name);
  if (name !== undefined && name.trim() !== '') return name;
  const given = scalar(p.givenName);
  const family = scalar(p.familyName);
  const joined = [given, family].filter((x) => x !== undefined && x.trim() !== '').join(' ');
  return joined === '' ? undefined : joined;
}

function nameOf(graph: Graph, v: unknown): string | undefined {
  for (const item of graph.list(v)) {
    if (typeof item === 'string' && item.trim() !== '') return item;
    if (isNode(item)) {
      const n = scalar(item.name);
      if (n !== undefined && n.trim() !== '') return n;
    }
  }
  return undefined;
}

function urlOf(graph: Graph, v: unknown): string | undefined {
  for (const item of graph.list(v)) {
    if (typeof item === 'string') return item;
    if (isNode(item)) {
      const u = scalar(item.url) ?? (typeof item['@id'] === 'string' ? item['@id'] : undefined);
      if (u !== undefined) return u;
    }
  }
  return undefined;
}

function doiOf(graph: Graph, node: Node): string | undefined {
  const candidates: unknown[] = [];
  for (const id of graph.list(node.identifier)) {
    if (isNode(id)) {
      const prop = scalar(id.propertyID)?.toLowerCase();
      if (prop === 'doi') candidates.push(scalar(id.value));
      else candidates.push(scalar(id.value), scalar(id.url));
    } else candidates.push(id);
  }
  candidates.push(...graph.list(node.sameAs), node['@id'], node.url);
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    // Only an identifier that says it is a DOI: a bare number like 10.1234/x in a `sameAs` is too loose.
    if (/doi/i.test(c) || /^10\.\d{4,9}\//.test(c.trim())) {
      const doi = parseDoi(c);
      if (doi !== undefined) return doi;
    }
  }
  return undefined;
}

function containerOf(graph: Graph, node: Node): string | undefined {
  let cur: unknown = node.isPartOf;
  for (let depth = 0; depth < 4 && cur !== undefined; depth++) {
    const item = graph.list(cur)[0];
    if (!isNode(item)) return undefined;
    const types = typesOf(item);
    if (
      types.includes('Periodical') ||
      types.includes('Newspaper') ||
      types.includes('BookSeries') ||
      types.includes('Book')
    ) {
      return scalar(item.name);
    }
    if (types.some((t) => PAGE_TYPES.has(t) || t === 'WebSite')) return undefined;
    cur = item.isPartOf;
  }
  return undefined;
}

function languageOf(v: unknown): string | undefined {
  if (isNode(v)) return scalar(v.alternateName) ?? scalar(v.name);
  return scalar(v);
}

/** Two addresses of one page: tracking parameters, fragment, `www.` and a final slash aside. */
function samePage(a: string, b: string): boolean {
  const norm = (u: string) => {
    const n = normalizeUrl(u);
    if (n === null) return u;
    const url = new URL(n);
    return `${url.host.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  };
  return norm(a) === norm(b);
}

/**
 * Picks the node the page is about. Candidates are the written works (the article types: Article,
 * NewsArticle, BlogPosting, Report, ScholarlyArticle, Review, ...), else the other works (video,
 * book), else a Dataset or ImageObject; among them the one tied to the page wins: the
 * `mainEntity` of a WebPage, a node whose `mainEntityOfPage` is the page, or whose `url`/`@id` is
 * the page's address (`selfUrls`), then the first in the page. With no work at all, a WebPage.
 */
function mainEntity(
  graph: Graph,
  selfUrls: readonly string[],
): { node: Node; schemaType: string } | undefined {
  const isSelf = (u: unknown): boolean =>
    typeof u === 'string' && selfUrls.some((s) => samePage(u, s));
  const pages = graph.nodes.filter((n) => typesOf(n).some((t) => PAGE_TYPES.has(t)));
  const pageEntities = new Set<unknown>(pages.flatMap((p) => graph.list(p.mainEntity)));
  const tiedToPage = (node: Node): boolean => {
    if (pageEntities.has(node)) return true;
    if (isSelf(node.url) || isSelf(node['@id'])) return true;
    return graph.list(node.mainEntityOfPage).some((p) => {
      if (typeof p === 'string') return isSelf(p);
      return isNode(p) && (isSelf(p.url) || isSelf(p['@id']));
    });
  };
  const works: { node: Node; schemaType: string; rank: number; order: number }[] = [];
  const seen = new Set<Node>();
  const consider = (node: unknown, order: number) => {
    if (!isNode(node) || seen.has(node)) return;
    seen.add(node);
    const t = typesOf(node).find((x) => x in ARTICLE_TYPES);
    if (t === undefined) return;
    const tier = ARTICLE_TIER.has(t) ? 2 : MINOR_TYPES.has(t) ? 0 : 1;
    works.push({ node, schemaType: t, rank: tier * 2 + (tiedToPage(node) ? 1 : 0), order });
  };
  graph.nodes.forEach(consider);
  [...pageEntities].forEach((n, i) => consider(n, graph.nodes.length + i));
  works.sort((a, b) => b.rank - a.rank || a.order - b.order);
  const best = works[0];
  if (best !== undefined) return { node: best.node, schemaType: best.schemaType };
  const page = pages.find((p) => isSelf(p.url) || isSelf(p['@id'])) ?? pages[0];
  if (page === undefined) return undefined;
  return { node: page, schemaType: typesOf(page).find((x) => PAGE_TYPES.has(x))! };
}

/** Parses the text of each JSON-LD block; invalid blocks are skipped. */
export function parseJsonLdBlocks(blocks: readonly string[]): Graph {
  const graph = new Graph();
  for (const text of blocks) {
    if (text.length > MAX_BLOCK_CHARS) continue;
    let parsed: unknown;
    try {
      // Some sites wrap the JSON in an HTML comment or CDATA; peel that off.
      parsed = JSON.parse(
        text.replace(/^\s*(?:<!--|<!\[CDATA\[)/, '').replace(/(?:-->|\]\]>)\s*$/, ''),
      );
    } catch {
      continue;
    }
    graph.add(parsed);
  }
  return graph;
}

/** The facts schema.org JSON-LD gives about the page's main entity. */
export function jsonLdFacts(
  blocks: readonly string[],
  selfUrls: readonly string[] = [],
): JsonLdFacts {
  const graph = parseJsonLdBlocks(blocks);
  const site = graph.nodes.find((n) => typesOf(n).includes('WebSite'));
  const siteName = site ? scalar(site.name) : undefined;
  const main = mainEntity(graph, selfUrls);
  if (!main) return { authors: [], ...(siteName !== undefined ? { siteName } : {}) };
  const { node, schemaType } = main;

  const authors: string[] = [];
  for (const a of graph.list(node.author ?? node.creator)) {
    const n = personName(graph, a);
    if (n !== undefined) authors.push(n);
    if (authors.length >= 200) break;
  }
  const facts: Record<string, unknown> = {
    schemaType,
    sourceType: ARTICLE_TYPES[schemaType] ?? (PAGE_TYPES.has(schemaType) ? 'webpage' : undefined),
    title: scalar(node.headline) ?? scalar(node.name) ?? scalar(node.alternativeHeadline),
    authors,
    published: scalar(node.datePublished) ?? scalar(node.dateCreated) ?? scalar(node.uploadDate),
    description: scalar(node.description) ?? scalar(node.abstract),
    publisher: nameOf(graph, node.publisher),
    containerTitle: containerOf(graph, node),
    siteName,
    url: urlOf(graph, node.url) ?? urlOf(graph, node.mainEntityOfPage),
    language: languageOf(node.inLanguage),
    doi: doiOf(graph, node),
  };
  for (const k of Object.keys(facts)) if (facts[k] === undefined) delete facts[k];
  return facts as unknown as JsonLdFacts;
}
