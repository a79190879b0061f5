/**
 * W3C Web Annotation selectors for quotes: a TextQuoteSelector (exact text plus a little context
 * on each side) and a TextPositionSelector (offsets into the page's text, see dom-text.ts).
 *
 * Re-anchoring a quote on a page that has changed (anchorQuote) tries, in order:
 *  1. the old position, if the exact text is still there;
 *  2. every exact occurrence of the quote, scored by agreement of the text before it with the
 *     prefix, after it with the suffix, and nearness to the old position;
 *  3. the same with whitespace runs collapsed on both sides (reflowed or re-indented text);
 *  4. an approximate search (Myers' bit-parallel algorithm from `approx-string-match`, as in the
 *     Hypothesis client) allowing edits up to a quarter of the quote's length (at most 256),
 *     scored the same way, accepted only if the quote itself is at least 75% similar.
 * Null when nothing passes. Offsets are UTF-16 code unit offsets, as in JavaScript strings.
 */
import search from 'approx-string-match';
import { isSkippedElement, isTextNode, textRoot, walkText } from './dom-text';

export interface TextQuoteSelector {
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

export interface TextPositionSelector {
  readonly start: number;
  readonly end: number;
}

export interface QuoteSelectors {
  readonly textQuote: TextQuoteSelector;
  readonly textPosition: TextPositionSelector;
}

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

export interface DescribeOptions {
  /** Characters of context kept on each side (default 32). */
  readonly context?: number;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Selectors for `text.slice(start, end)`; throws a RangeError for offsets outside the text or an empty quote. */
export function describeQuote(
  text: string,
  start: number,
  end: number,
  options: DescribeOptions = {},
): QuoteSelectors {
  const context = options.context ?? 32;
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > text.length ||
    start >= end
  ) {
    throw new RangeError(`A quote needs 0 <= start < end <= ${text.length}; got ${start}..${end}.`);
  }
  if (!Number.isInteger(context) || context < 0)
    throw new RangeError('context must be a whole number >= 0.');
  let ps = Math.max(0, start - context);
  if (ps > 0 && isLowSurrogate(text.charCodeAt(ps))) ps -= 1;
  let se = Math.min(text.length, end + context);
  if (se < text.length && isHighSurrogate(text.charCodeAt(se - 1))) se += 1;
  return {
    textQuote: {
      exact: text.slice(start, end),
      prefix: text.slice(ps, start),
      suffix: text.slice(end, se),
    },
    textPosition: { start, end },
  };
}

// ---- DOM ranges ----------------------------------------------------------------------------------

/** The four fields of a DOM Range (or StaticRange) that locate a selection. */
export interface RangeLike {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
}

/** A point in the DOM expressed as a node and offset to look up. */
interface Target {
  node: Node;
  /** Offset within a text node; for an element, ignored (the entry or exit of `node` is wanted). */
  offset: number;
  kind: 'text' | 'enter' | 'exit';
  result?: number;
}

function targetFor(container: Node, offset: number): Target {
  if (isTextNode(container)) return { node: container, offset, kind: 'text' };
  const child = container.childNodes[offset];
  return child === undefined
    ? { node: container, offset: 0, kind: 'exit' }
    : { node: child, offset: 0, kind: 'enter' };
}

/**
 * The page's text (see dom-text.ts) and where a DOM selection sits in it, with whitespace at
 * either end of the selection left out. Null when the selection holds no text (collapsed, only
 * whitespace, or outside the page body). `doc` is the Document the range belongs to.
 */
export function selectionOffsets(
  doc: Document,
  range: RangeLike,
): { text: string; start: number; end: number } | null {
  const root = textRoot(doc);
  if (root === null) return null;
  const targets = [
    targetFor(range.startContainer, range.startOffset),
    targetFor(range.endContainer, range.endOffset),
  ];
  const parts: string[] = [];
  let pos = 0;
  const settle = (node: Node, kind: 'enter' | 'exit') => {
    for (const t of targets)
      if (t.result === undefined && t.node === node && t.kind === kind) t.result = pos;
  };
  walkText(root, {
    enter: (node) => {
      settle(node, 'enter');
      // A boundary inside a skipped element (say a <script>) snaps to where the element starts.
      if (isSkippedElement(node)) {
        for (const t of targets)
          if (t.result === undefined && node.contains(t.node)) t.result = pos;
      }
    },
    exit: (node) => settle(node, 'exit'),
    text: (node) => {
      for (const t of targets) {
        if (t.result !== undefined) continue;
        if (t.node === node) t.result = pos + Math.max(0, Math.min(t.offset, node.data.length));
      }
      parts.push(node.data);
      pos += node.data.length;
    },
  });
  const text = parts.join('');
  const [a, b] = targets;
  if (a?.result === undefined || b?.result === undefined) return null;
  let start = Math.min(a.result, b.result);
  let end = Math.max(a.result, b.result);
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start >= end) return null;
  return { text, start, end };
}

/** Selectors for a DOM selection (Range) in `doc`, or null when it holds no text. */
export function describeRange(
  doc: Document,
  range: RangeLike,
  options: DescribeOptions = {},
): QuoteSelectors | null {
  const found = selectionOffsets(doc, range);
  return found === null ? null : describeQuote(found.text, found.start, found.end, options);
}

/**
 * The DOM boundary points for text offsets `start..end` of the page's text, to highlight an
 * anchored quote (`doc.createRange()` then `setStart`/`setEnd`). Null if the offsets are outside.
 */
export function rangeFromOffsets(doc: Document, start: number, end: number): RangeLike | null {
  const root = textRoot(doc);
  if (root === null || start < 0 || end < start) return null;
  let pos = 0;
  let startNode: Text | undefined;
  let startOffset = 0;
  let endNode: Text | undefined;
  let endOffset = 0;
  walkText(root, {
    text: (node) => {
      const len = node.data.length;
      if (startNode === undefined && start < pos + len) {
        startNode = node;
        startOffset = start - pos;
      }
      if (startNode !== undefined && end <= pos + len) {
        endNode = node;
        endOffset = end - pos;
        return false;
      }
      pos += len;
      return true;
    },
  });
  if (startNode === undefined || endNode === undefined) return null;
  return { startContainer: startNode, startOffset, endContainer: endNode, endOffset };
}

// ---- anchoring -----------------------------------------------------------------------------------

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
 * Finds `selector`'s quote in `text` (the page's text now), or null. See the module comment for
 * the order of attempts.
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
