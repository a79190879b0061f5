/**
 * The Sources view's model: which sources show for a search and a scope, in which order, and how
 * each one is summarised. Pure functions over snapshot records.
 */
import type { SourceRecord } from '../../../shared/schema/types';

export type SourceScope = 'all' | 'selection' | 'unlinked' | 'quoted';

export const SCOPES: readonly { value: SourceScope; label: string }[] = [
  { value: 'all', label: 'All sources' },
  { value: 'selection', label: 'Evidence for the selection' },
  { value: 'unlinked', label: 'Not attached to anything' },
  { value: 'quoted', label: 'With quotes' },
];

const fold = (s: string): string =>
  s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-US');

function haystack(s: SourceRecord): string {
  return fold(
    [
      s.title,
      s.siteName ?? '',
      s.authors.join(' '),
      s.doi ?? '',
      s.url,
      s.description ?? '',
      s.note,
      s.tags.join(' '),
      s.clippedBy,
      ...s.quotes.flatMap((q) => [q.exact, q.note]),
    ].join('\n'),
  );
}

/**
 * The sources matching every word of `query` (accent- and case-insensitive, over title, site,
 * authors, DOI, address, tags, notes and quotes) within `scope`, newest clip first.
 */
export function filterSources(
  sources: Iterable<SourceRecord>,
  query: string,
  scope: SourceScope,
  selection: readonly string[] = [],
): SourceRecord[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const selected = new Set(selection);
  const out: SourceRecord[] = [];
  for (const s of sources) {
    if (scope === 'selection' && !s.linkedTo.some((id) => selected.has(id))) continue;
    if (scope === 'unlinked' && s.linkedTo.length > 0) continue;
    if (scope === 'quoted' && s.quotes.length === 0) continue;
    if (words.length > 0) {
      const text = haystack(s);
      if (!words.every((w) => text.includes(w))) continue;
    }
    out.push(s);
  }
  return out.sort((a, b) => b.clippedAt - a.clippedAt || a.title.localeCompare(b.title));
}

/** Only http(s) addresses are linked; anything else is shown as text or not at all. */
export function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** "Site · A. Author, B. Author et al. · 2024-03-15" (the parts that exist). */
export function sourceByline(s: SourceRecord): string {
  // "Family, Given" names (as citation_author writes them) are kept apart with semicolons.
  const sep = s.authors.some((a) => a.includes(',')) ? '; ' : ', ';
  const authors =
    s.authors.length === 0
      ? ''
      : s.authors.length <= 3
        ? s.authors.join(sep)
        : `${s.authors.slice(0, 3).join(sep)} et al.`;
  let site = s.siteName ?? '';
  if (site === '') {
    try {
      site = new URL(s.url).hostname.replace(/^www\./, '');
    } catch {
      site = '';
    }
  }
  return [site, authors, s.publishedAt ?? ''].filter((p) => p !== '').join(' · ');
}

/** "2024-03-15 14:05" in the viewer's time zone, for "clipped by … on …". */
export function formatWhen(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'an unknown time';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
