import type { ShapeSpec } from './shapes';

/**
 * Labels that fit: an element's box grows (up to a maximum width) so its label shows whole on up
 * to three lines at 100%. Pure: text is measured through `measure` (the canvas's `measureText`
 * in the browser, an estimate in tests and in Node). Sizes are map units at the label font.
 */

export type Measure = (text: string) => number;

/** Label font size in map units (13 px at 100%). */
export const LABEL_FONT_SIZE = 13;
/** Line height of element labels, map units. */
export const LABEL_LINE_HEIGHT = 16;
/** At most this many lines; a longer label is cut with an ellipsis on the last. */
export const MAX_LABEL_LINES = 3;
/** Boxes grow up to this width for their label. */
export const MAX_BOX_WIDTH = 240;
/** Width of the text block under an actor. */
export const BELOW_LABEL_WIDTH = 150;
/** Space between the text and the box's outline, top and bottom together. */
const V_PAD = 16;

export interface LabelFit {
  /** Box size in map units (at least the kind's own size). */
  readonly width: number;
  readonly height: number;
  /** The label as drawn at 100%: up to three lines, the last cut only if it cannot fit. */
  readonly lines: readonly string[];
  /** Widest line, map units. */
  readonly textWidth: number;
}

const ELLIPSIS = '…';

/** Horizontal room a shape's outline takes from its text (the chevron's points take more). */
export function labelInset(spec: ShapeSpec): number {
  return spec.shape === 'chevron' ? 44 : spec.shape === 'text' ? TEXT_INSET : 18;
}

/** Words without a box: the room kept around the text, across and down (map units). */
export const TEXT_INSET = 8;
const TEXT_V_PAD = 6;

/** Greedy word wrap into at most `maxLines` lines of `width`; the last line is cut if need be. */
export function wrapLines(
  text: string,
  width: number,
  maxLines: number,
  measure: Measure,
): { lines: string[]; cut: boolean } {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    const candidate = line ? `${line} ${words[i]!}` : words[i]!;
    if (!line || measure(candidate) <= width) {
      line = candidate;
      i++;
    } else {
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  let cut = i < words.length;
  if (cut && lines.length) lines[lines.length - 1] += ` ${words.slice(i).join(' ')}`;
  // A single word wider than the line, or the leftovers of the last line: cut with an ellipsis.
  for (let j = 0; j < lines.length; j++) {
    const l = lines[j]!;
    if (measure(l) <= width) continue;
    cut = true;
    let lo = 0;
    let hi = l.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (measure(l.slice(0, mid) + ELLIPSIS) <= width) lo = mid;
      else hi = mid - 1;
    }
    lines[j] = lo === 0 ? ELLIPSIS : l.slice(0, lo).trimEnd() + ELLIPSIS;
  }
  return { lines, cut };
}

/**
 * The box and lines of an element's label. Inside labels: the kind's width if the label fits on
 * one line, else the narrowest width (up to `MAX_BOX_WIDTH`) at which it fits on two or three
 * lines; the height grows with the lines. Labels under an actor wrap at `BELOW_LABEL_WIDTH`.
 * Notes keep their size (their text wraps inside); frames show a one-line title.
 */
export function fitLabel(spec: ShapeSpec, label: string, measure: Measure): LabelFit {
  const text = label.replace(/\s+/g, ' ').trim();
  const base = { width: spec.width, height: spec.height };
  if (!text) return { ...base, lines: [], textWidth: 0 };
  if (spec.label === 'title' || spec.shape === 'note') {
    return { ...base, lines: [text], textWidth: measure(text) };
  }
  if (spec.label === 'below') {
    const { lines } = wrapLines(text, BELOW_LABEL_WIDTH, MAX_LABEL_LINES, measure);
    return { ...base, lines, textWidth: widest(lines, measure) };
  }
  const inset = labelInset(spec);
  const one = measure(text);
  if (one <= spec.width - inset) return { ...base, lines: [text], textWidth: one };
  let best: { lines: string[]; width: number } | null = null;
  for (let n = 1; n <= MAX_LABEL_LINES && !best; n++) {
    // Try the width that would share the text evenly among n lines, then a little wider.
    for (const slack of [1.08, 1.25]) {
      const inner = Math.min(
        MAX_BOX_WIDTH - inset,
        Math.max(spec.width - inset, (one / n) * slack),
      );
      const r = wrapLines(text, inner, n, measure);
      if (!r.cut) {
        best = { lines: r.lines, width: inner + inset };
        break;
      }
    }
  }
  if (!best) {
    const inner = MAX_BOX_WIDTH - inset;
    best = { lines: wrapLines(text, inner, MAX_LABEL_LINES, measure).lines, width: MAX_BOX_WIDTH };
  }
  const textWidth = widest(best.lines, measure);
  return {
    width: Math.max(spec.width, Math.ceil(Math.min(best.width, textWidth + inset + 2))),
    height: Math.max(
      spec.height,
      best.lines.length * LABEL_LINE_HEIGHT + (spec.shape === 'text' ? TEXT_V_PAD : V_PAD),
    ),
    lines: best.lines,
    textWidth,
  };
}

function widest(lines: readonly string[], measure: Measure): number {
  let w = 0;
  for (const l of lines) w = Math.max(w, measure(l));
  return w;
}

/**
 * A rough measure of 13 px system-ui text (average glyph ~0.56 em) for where no canvas is at
 * hand (Node, unit tests). The browser passes the canvas's own `measureText`.
 */
export const estimateWidth: Measure = (text) => text.length * LABEL_FONT_SIZE * 0.56;
