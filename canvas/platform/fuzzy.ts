import fuzzysort from 'fuzzysort';

/** Fuzzy matching for the palette and quick open (Sublime-style, via fuzzysort). */

export interface FuzzyMatch<T> {
  readonly item: T;
  readonly score: number;
  /** Indexes of the matched characters in the searched text, for highlighting. */
  readonly indexes: readonly number[];
}

/**
 * Items whose text matches `query`, best first (at most `limit`). An empty query keeps every
 * item in its given order.
 */
export function fuzzyFilter<T>(
  query: string,
  items: readonly T[],
  text: (item: T) => string,
  limit = 200,
): FuzzyMatch<T>[] {
  const q = query.trim();
  if (!q) return items.slice(0, limit).map((item) => ({ item, score: 1, indexes: [] }));
  const results = fuzzysort.go(q, items, { key: (i: T) => text(i), limit, threshold: 0 });
  return results.map((r) => ({ item: r.obj, score: r.score, indexes: [...r.indexes] }));
}

/** Splits text into runs for highlighting: `[{text, match}]`. */
export function highlightRuns(
  text: string,
  indexes: readonly number[],
): { text: string; match: boolean }[] {
  if (!indexes.length) return [{ text, match: false }];
  const set = new Set(indexes);
  const runs: { text: string; match: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const match = set.has(i);
    const last = runs[runs.length - 1];
    if (last && last.match === match) last.text += text[i];
    else runs.push({ text: text[i]!, match });
  }
  return runs;
}
