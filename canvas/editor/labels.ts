/**
 * When and how labels are drawn. Text is the costliest thing a software-rendered canvas draws,
 * so labels appear only when legible at the current zoom, at most `budget` per frame (the most
 * important first), and every measurement is cached: a frame never measures a label twice.
 */

/** Label font size in map units. */
export const LABEL_FONT_SIZE = 13;
/** Below this on-screen size (CSS px) a label is noise: it is skipped. */
export const MIN_LEGIBLE_PX = 7;
/** At most this many labels per frame. */
export const DEFAULT_LABEL_BUDGET = 700;

/** Whether text of `fontSize` map units is legible at zoom `k`. */
export function labelsLegible(
  k: number,
  fontSize = LABEL_FONT_SIZE,
  minPx = MIN_LEGIBLE_PX,
): boolean {
  return fontSize * k >= minPx;
}

/** The zoom level from which labels of `fontSize` appear. */
export function legibleFromZoom(fontSize = LABEL_FONT_SIZE, minPx = MIN_LEGIBLE_PX): number {
  return minPx / fontSize;
}

/**
 * Chooses which of `candidates` get a label this frame: every id in `first` that is a
 * candidate (selected, hovered, highlighted), then the rest in the given order, up to `budget`.
 */
export function pickLabels<T extends { readonly id: string }>(
  candidates: readonly T[],
  budget: number,
  first: (id: string) => boolean,
): T[] {
  if (candidates.length <= budget) return candidates.slice();
  const out: T[] = [];
  for (const c of candidates) if (out.length < budget && first(c.id)) out.push(c);
  for (const c of candidates) {
    if (out.length >= budget) break;
    if (!first(c.id)) out.push(c);
  }
  return out;
}

export type Measure = (font: string, text: string) => number;

const ELLIPSIS = '…';

/**
 * Caches text widths, truncations and wraps per font. `measure` is called once per distinct
 * (font, text); the cache is dropped wholesale when it grows past `maxEntries`.
 */
export class LabelCache {
  private widths = new Map<string, number>();
  private fits = new Map<string, string>();
  private wraps = new Map<string, string[]>();

  /**
   * A cache that measures with a detached canvas (OffscreenCanvas: the same widths), else with
   * `ctx`. Setting the font of a canvas in the page makes the browser bring the page's styles
   * up to date first: a measurement in the middle of an update (a new element's label) would
   * recalculate the styles of every change made so far, and again at the next paint.
   */
  static forContext(ctx: CanvasRenderingContext2D): LabelCache {
    const detached =
      typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
    const m = detached ?? ctx;
    return new LabelCache((font, text) => {
      m.font = font;
      return m.measureText(text).width;
    });
  }

  constructor(
    private readonly measure: Measure,
    private readonly maxEntries = 50_000,
  ) {}

  width(font: string, text: string): number {
    const key = `${font}\u0000${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      if (this.widths.size > this.maxEntries) this.widths.clear();
      w = this.measure(font, text);
      this.widths.set(key, w);
    }
    return w;
  }

  /**
   * Width of `text` as the sum of its space-separated words and spaces, each measured once:
   * what the browser's word-by-word text shaper computes for a whole string, at a fraction of
   * the measurements when many labels share their words (laying out a map of thousands).
   */
  wordsWidth(font: string, text: string): number {
    if (!text.includes(' ')) return this.width(font, text);
    let w = 0;
    let start = 0;
    for (;;) {
      const end = text.indexOf(' ', start);
      if (end < 0) break;
      if (end > start) w += this.width(font, text.slice(start, end));
      start = end + 1;
    }
    if (start < text.length) w += this.width(font, text.slice(start));
    let spaces = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) spaces++;
    return w + spaces * this.width(font, ' ');
  }

  /** `text` on one line, cut with an ellipsis to fit `maxWidth`. */
  fit(font: string, text: string, maxWidth: number): string {
    const key = `${font}\u0000${maxWidth}\u0000${text}`;
    let out = this.fits.get(key);
    if (out === undefined) {
      if (this.fits.size > this.maxEntries) this.fits.clear();
      out = this.truncate(font, oneLine(text), maxWidth);
      this.fits.set(key, out);
    }
    return out;
  }

  /** `text` broken into at most `maxLines` lines of `maxWidth`; the last is cut with an ellipsis. */
  wrap(font: string, text: string, maxWidth: number, maxLines: number): string[] {
    const key = `${font}\u0000${maxWidth}\u0000${maxLines}\u0000${text}`;
    let out = this.wraps.get(key);
    if (out === undefined) {
      if (this.wraps.size > this.maxEntries) this.wraps.clear();
      out = this.breakLines(font, text, maxWidth, maxLines);
      this.wraps.set(key, out);
    }
    return out;
  }

  clear(): void {
    this.widths.clear();
    this.fits.clear();
    this.wraps.clear();
  }

  private truncate(font: string, text: string, maxWidth: number): string {
    if (this.width(font, text) <= maxWidth) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.width(font, text.slice(0, mid) + ELLIPSIS) <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    return lo === 0 ? '' : text.slice(0, lo).trimEnd() + ELLIPSIS;
  }

  private breakLines(font: string, text: string, maxWidth: number, maxLines: number): string[] {
    const words = text.split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let line = '';
    let i = 0;
    while (i < words.length && lines.length < maxLines) {
      const candidate = line ? `${line} ${words[i]!}` : words[i]!;
      if (!line || this.width(font, candidate) <= maxWidth) {
        line = candidate;
        i++;
      } else {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    if (i < words.length && lines.length) {
      // Words left over: the last line takes them and is cut with an ellipsis.
      const last = lines.length - 1;
      lines[last] = `${lines[last]!} ${words.slice(i).join(' ')}`;
    }
    return lines.map((l) => this.truncate(font, l, maxWidth));
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
