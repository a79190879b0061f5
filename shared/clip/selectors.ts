/**
 * W3C Web Annotation selectors for quotes: a TextQuoteSelector (exact text plus a little context
 * on each side) and a TextPositionSelector (offsets into the page's text, see dom-text.ts).
 * Re-anchoring a quote on a page that has changed (anchorQuote) is in anchor-quote.ts.
 * Offsets are UTF-16 code unit offsets, as in JavaScript strings.
 */
import { isSkippedElement, isTextNode, textRoot, walkText } from './dom-text';

export { anchorQuote, type AnchorInput } from './anchor-quote';

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
