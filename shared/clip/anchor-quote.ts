/** Re-anchoring a quote (W3C TextQuote/TextPosition selectors) in a page whose text has changed. */
import search from 'approx-string-match';
import type { TextPositionSelector, TextQuoteSelector } from './selectors';

/** What anchorQuote accepts: the selectors pair, or the flat form a QuoteRecord stores. */
export type AnchorInput =
  | {
      readonly textQuote: Partial<TextQuoteSelector> & { readonly exact: string };
      readonly textPosition?: TextPositionSelector | undefined;
    }
  | {
      readonly exact: string;
      readonly prefix?: string | undefined;
      readonly suffix?: string | undefined;
      readonly start?: number | undefined;
      readonly end?: number | undefined;
    };

function flatten(input: AnchorInput): {
  exact: string;
  prefix: string;
  suffix: string;
  start?: number;
  end?: number;
} {
  if ('textQuote' in input) {
    const q = input.textQuote;
    const p = input.textPosition;
    return {
      exact: q.exact,
      prefix: q.prefix ?? '',
      suffix: q.suffix ?? '',
      ...(p ? { start: p.start, end: p.end } : {}),
    };
  }
  return {
    exact: input.exact,
    prefix: input.prefix ?? '',
    suffix: input.suffix ?? '',
    ...(input.start !== undefined ? { start: input.start } : {}),
    ...(input.end !== undefined ? { end: input.end } : {}),
  };
}

/** Levenshtein distance, for short strings (prefix/suffix context). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** 1 for identical, 0 for nothing in common; an empty expected context counts as agreement. */
function similarity(expected: string, actual: string): number {
  if (expected.length === 0) return 1;
  return Math.max(0, 1 - editDistance(expected, actual) / expected.length);
}

interface Candidate {
  start: number;
  end: number;
  /** Similarity of the quote itself, 0..1. */
  quote: number;
}

interface Query {
  exact: string;
  prefix: string;
  suffix: string;
  /** Old position, in the same coordinate space as the text searched. */
  hint?: number | undefined;
}

/** Scores a candidate: quote match dominates, then context, then nearness to the old position. */
function score(text: string, q: Query, c: Candidate): number {
  const before = text.slice(Math.max(0, c.start - q.prefix.length), c.start);
  const after = text.slice(c.end, c.end + q.suffix.length);
  const prefix = similarity(q.prefix, before);
  const suffix = similarity(q.suffix, after);
  const near =
    q.hint === undefined
      ? 0
      : 1 - Math.min(1, Math.abs(c.start - q.hint) / Math.max(1, text.length));
  return 50 * c.quote + 20 * prefix + 20 * suffix + 2 * near;
}

function best(text: string, q: Query, candidates: readonly Candidate[]): Candidate | undefined {
  let top: Candidate | undefined;
  let topScore = -Infinity;
  for (const c of candidates) {
    const s = score(text, q, c);
    if (s > topScore) {
      top = c;
      topScore = s;
    }
  }
  return top;
}

const MAX_EXACT_CANDIDATES = 1_000;

function exactCandidates(text: string, exact: string): Candidate[] {
  const out: Candidate[] = [];
  let i = text.indexOf(exact);
  while (i !== -1 && out.length < MAX_EXACT_CANDIDATES) {
    out.push({ start: i, end: i + exact.length, quote: 1 });
    i = text.indexOf(exact, i + 1);
  }
  return out;
}

/** Collapses each whitespace run to one space; `map[i]` is the original offset of collapsed char i. */
function collapse(s: string): { text: string; map: Int32Array } {
  const map = new Int32Array(s.length + 1);
  const chunks: string[] = [];
  let n = 0;
  let runStart = 0;
  let inSpace = false;
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) {
      if (inSpace) continue;
      if (i > runStart) chunks.push(s.slice(runStart, i));
      chunks.push(' ');
      inSpace = true;
    } else if (inSpace) {
      runStart = i;
      inSpace = false;
    }
    map[n++] = i;
  }
  if (!inSpace && s.length > runStart) chunks.push(s.slice(runStart));
  map[n] = s.length;
  return { text: chunks.join(''), map: map.subarray(0, n + 1) };
}

/** The characters JavaScript's \s matches. */
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Finds `selector`'s quote in `text` (the page's text now), or null. Tries, in order:
 *  1. the old position, if the exact text is still there;
 *  2. every exact occurrence of the quote, scored by agreement of the text before it with the
 *     prefix, after it with the suffix, and nearness to the old position;
 *  3. the same with whitespace runs collapsed on both sides (reflowed or re-indented text);
 *  4. an approximate search (Myers' bit-parallel algorithm from `approx-string-match`, as in the
 *     Hypothesis client) allowing edits up to a quarter of the quote's length (at most 256),
 *     scored the same way, accepted only if the quote itself is at least 75% similar.
 * Null when nothing passes. Offsets are UTF-16 code unit offsets, as in JavaScript strings.
 */
export function anchorQuote(text: string, selector: AnchorInput): TextPositionSelector | null {
  const q = flatten(selector);
  if (typeof q.exact !== 'string' || q.exact.trim() === '') return null;

  // 1. The old position still holds the quote.
  if (q.start !== undefined && q.end !== undefined && q.start >= 0 && q.end <= text.length) {
    if (text.slice(q.start, q.end) === q.exact) return { start: q.start, end: q.end };
  }

  // 2. Exact occurrences, scored by context and nearness.
  const exact = best(text, { ...q, hint: q.start }, exactCandidates(text, q.exact));
  if (exact) return { start: exact.start, end: exact.end };

  // 3. and 4. work on whitespace-collapsed text and map back to the original offsets.
  const flat = collapse(text);
  const fq: Query = {
    exact: squash(q.exact).trim(),
    prefix: squash(q.prefix),
    suffix: squash(q.suffix),
  };
  if (fq.exact === '') return null;
  if (q.start !== undefined) fq.hint = lowerBound(flat.map, q.start);
  const back = (c: Candidate): TextPositionSelector => ({
    start: flat.map[c.start]!,
    end: flat.map[c.end - 1]! + 1,
  });

  const loose = best(flat.text, fq, exactCandidates(flat.text, fq.exact));
  if (loose) return back(loose);

  const maxErrors = Math.min(256, Math.floor(fq.exact.length / 4));
  if (maxErrors === 0) return null;
  const fuzzy = search(flat.text, fq.exact, maxErrors).map((m) => ({
    start: m.start,
    end: m.end,
    quote: 1 - m.errors / fq.exact.length,
  }));
  const found = best(
    flat.text,
    fq,
    fuzzy.filter((c) => c.quote >= 0.75 && c.end > c.start),
  );
  return found ? back(found) : null;
}

/** The first index i with map[i] >= value. */
function lowerBound(map: Int32Array, value: number): number {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
