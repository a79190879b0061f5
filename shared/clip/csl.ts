/**
 * CSL-JSON export of a map's sources, the format Zotero, Mendeley, Pandoc and citeproc read.
 * Field names follow the CSL 1.0.2 schema (csl-data.json).
 */
import type { SourceRecord } from '../schema/types';
import { dateParts } from './dates';

export type CslName =
  | {
      family: string;
      given?: string;
      'non-dropping-particle'?: string;
      suffix?: string;
    }
  | { literal: string };

export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  URL?: string;
  DOI?: string;
  'container-title'?: string;
  publisher?: string;
  language?: string;
  abstract?: string;
  keyword?: string;
  note?: string;
}

/** SourceRecord.type -> CSL item type. */
const CSL_TYPES: Readonly<Record<string, string>> = {
  'scholarly-article': 'article-journal',
  preprint: 'article',
  'paper-conference': 'paper-conference',
  'news-article': 'article-newspaper',
  'blog-post': 'post-weblog',
  article: 'webpage',
  report: 'report',
  thesis: 'thesis',
  book: 'book',
  dataset: 'dataset',
  video: 'motion_picture',
  image: 'graphic',
  webpage: 'webpage',
  link: 'webpage',
};

export function cslType(type: string | undefined): string {
  return (type !== undefined && CSL_TYPES[type]) || 'webpage';
}

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'do',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'zu',
  'bin',
  'ibn',
  'al',
  'el',
  "d'",
]);
const SUFFIXES = /^(?:jr\.?|sr\.?|ii|iii|iv|v|phd|md)$/i;
const ORGANISATION =
  /\b(?:inc|ltd|llc|plc|gmbh|corp|co|company|university|universit[éä]t?|institute|institut|department|ministry|agency|office|council|committee|commission|association|society|foundation|organi[sz]ation|centre|center|bureau|board|authority|group|team|staff|editors?|editorial|channel|reuters|press|news|service|government|network|trust|lab|laboratory|school|college|hospital|bank|fund|nations|union)\b/i;
// Han, Hiragana, Katakana, Hangul: names written without spaces, family name first.
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/**
 * A person's name split for citation: "Family, Given" and "Given Family" become {family, given}
 * (lower-case particles such as "van" kept as the non-dropping particle, "Jr." as suffix);
 * organisations, single words and CJK names stay whole as {literal}.
 */
export function splitName(raw: string): CslName {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (name === '' || CJK.test(name) || ORGANISATION.test(name)) return { literal: name };

  const comma = name.split(',').map((s) => s.trim());
  if (comma.length >= 2 && comma[0] !== '' && comma[1] !== '') {
    // "Family, Given" or "Family, Given, Jr."
    const [family, given, suffix] = comma as [string, string, string | undefined];
    if (SUFFIXES.test(given)) return withParticle(family.split(' '), undefined, given);
    return withParticle(
      family.split(' '),
      given,
      suffix && SUFFIXES.test(suffix) ? suffix : undefined,
    );
  }
  const words = name.split(' ');
  if (words.length === 1) return { literal: name };
  let suffix: string | undefined;
  if (words.length > 2 && SUFFIXES.test(words[words.length - 1]!)) suffix = words.pop();
  // The family name starts at the first lower-case particle after the first word, else it is the last word.
  let cut = words.length - 1;
  for (let i = 1; i < words.length - 1; i++) {
    if (PARTICLES.has(words[i]!.toLowerCase()) && words[i] === words[i]!.toLowerCase()) {
      cut = i;
      break;
    }
  }
  return withParticle(words.slice(cut), words.slice(0, cut).join(' '), suffix);
}

function withParticle(
  familyWords: string[],
  given: string | undefined,
  suffix: string | undefined,
): CslName {
  const particle: string[] = [];
  while (
    familyWords.length > 1 &&
    PARTICLES.has(familyWords[0]!.toLowerCase()) &&
    familyWords[0] === familyWords[0]!.toLowerCase()
  ) {
    particle.push(familyWords.shift()!);
  }
  if (
    suffix === undefined &&
    familyWords.length > 1 &&
    SUFFIXES.test(familyWords[familyWords.length - 1]!)
  ) {
    suffix = familyWords.pop();
  }
  const out: CslName = { family: familyWords.join(' ') };
  if (given) out.given = given;
  if (particle.length > 0) out['non-dropping-particle'] = particle.join(' ');
  if (suffix) out.suffix = suffix;
  return out;
}

function utcDateParts(ms: number): number[] {
  const d = new Date(ms);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : undefined;

/** One CSL-JSON item for a source. */
export function sourceToCsl(source: SourceRecord): CslItem {
  const item: CslItem = { id: source.id, type: cslType(source.type), title: source.title };
  if (source.authors.length > 0) item.author = source.authors.map(splitName);
  const issued = source.publishedAt ? dateParts(source.publishedAt) : undefined;
  if (issued) item.issued = { 'date-parts': [issued] };
  if (Number.isFinite(source.clippedAt) && source.clippedAt > 0)
    item.accessed = { 'date-parts': [utcDateParts(source.clippedAt)] };
  const url = source.canonicalUrl ?? source.url;
  if (url) item.URL = url;
  if (source.doi) item.DOI = source.doi;
  const container = str(source.extra.containerTitle) ?? source.siteName;
  if (container) item['container-title'] = container;
  const publisher = str(source.extra.publisher);
  if (publisher) item.publisher = publisher;
  if (source.language) item.language = source.language;
  if (source.description) item.abstract = source.description;
  if (source.tags.length > 0) item.keyword = source.tags.join(', ');
  if (source.note) item.note = source.note;
  return item;
}

/** CSL-JSON for a list of sources, ready for `JSON.stringify` and import into a reference manager. */
export function sourcesToCslJson(sources: readonly SourceRecord[]): CslItem[] {
  return sources.map(sourceToCsl);
}
