import { SvgPath } from './svg-path';

/**
 * A tiny drawing surface with two backends: a Canvas 2D context (the PNG export) and an SVG
 * document (the SVG export), so the legend is drawn once for both.
 */

export interface PaintStyle {
  readonly fill?: string;
  readonly stroke?: string;
  readonly lineWidth?: number;
  readonly dash?: readonly number[];
  /** Fill opacity, 0..1 (default 1). */
  readonly opacity?: number;
}

export interface TextStyle {
  readonly color: string;
  /** A CSS font shorthand, e.g. `13px system-ui, sans-serif`. */
  readonly font: string;
  readonly align: 'left' | 'center';
  readonly weight?: 'normal' | 'bold';
  /** A stroke of this colour behind the glyphs (the map's signs read over lines). */
  readonly halo?: { readonly color: string; readonly width: number };
}

export interface Painter {
  path(build: (p: CanvasPath) => void, style: PaintStyle): void;
  /** One line of text, vertically centred on y. */
  text(text: string, x: number, y: number, style: TextStyle): void;
}

/** Text width in CSS pixels for a font, from the browser (canvas) or an estimate (tests, Node). */
export type Measure = (font: string, text: string) => number;

/** Width of `text` estimated from the font size (about 0.56 em a character). */
export const estimateWidth: Measure = (font, text) => {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 13);
  return [...text].length * size * 0.56;
};

/** Text widths from an OffscreenCanvas (a page or a worker), else estimated. */
export function canvasTextMeasure(): Measure {
  if (typeof OffscreenCanvas === 'undefined') return estimateWidth;
  const ctx = new OffscreenCanvas(1, 1).getContext('2d');
  if (!ctx) return estimateWidth;
  return (font, text) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}

/** Characters XML 1.0 cannot hold at all (controls other than tab and newlines, lone surrogates). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|[\uD800-\uDFFF]/gu;

/** Text safe in XML content and in double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function fontSize(font: string): number {
  return Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 13);
}

function fontFamily(font: string): string {
  const m = /\d+(?:\.\d+)?px\s+(.*)$/.exec(font);
  return m?.[1]?.trim() || 'sans-serif';
}

function fontWeight(font: string, weight: TextStyle['weight']): string | null {
  if (weight === 'bold') return 'bold';
  const m = /^\s*(bold|[1-9]00)\b/.exec(font);
  return m?.[1] ?? null;
}

/** Collects SVG elements as text; `parts` is appended to in drawing order. */
export class SvgPainter implements Painter {
  readonly parts: string[] = [];

  path(build: (p: CanvasPath) => void, style: PaintStyle): void {
    const p = new SvgPath();
    build(p);
    if (p.empty) return;
    this.parts.push(`<path d="${p.d}"${styleAttrs(style)}/>`);
  }

  text(text: string, x: number, y: number, style: TextStyle): void {
    if (!text) return;
    const attrs = [
      `x="${round(x)}"`,
      `y="${round(y)}"`,
      'dy="0.35em"',
      `font-size="${fontSize(style.font)}"`,
      `font-family="${escapeXml(fontFamily(style.font))}"`,
      `fill="${escapeXml(style.color)}"`,
    ];
    const w = fontWeight(style.font, style.weight);
    if (w) attrs.push(`font-weight="${w}"`);
    if (style.align === 'center') attrs.push('text-anchor="middle"');
    if (style.halo)
      attrs.push(
        `stroke="${escapeXml(style.halo.color)}"`,
        `stroke-width="${round(style.halo.width)}"`,
        'stroke-linejoin="round"',
        'paint-order="stroke"',
      );
    this.parts.push(`<text ${attrs.join(' ')}>${escapeXml(text)}</text>`);
  }

  /** Anything else (groups, clip paths) written as is: callers escape what they put in. */
  raw(markup: string): void {
    this.parts.push(markup);
  }
}

export const round = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

function styleAttrs(s: PaintStyle): string {
  const out = [` fill="${s.fill ? escapeXml(s.fill) : 'none'}"`];
  if (s.opacity !== undefined && s.opacity < 1) out.push(` fill-opacity="${round(s.opacity)}"`);
  if (s.stroke) {
    out.push(` stroke="${escapeXml(s.stroke)}"`, ` stroke-width="${round(s.lineWidth ?? 1)}"`);
    out.push(' stroke-linejoin="round"');
    if (s.dash?.length) out.push(` stroke-dasharray="${s.dash.map(round).join(' ')}"`);
  }
  return out.join('');
}

/** Paints on a Canvas 2D context (in whatever transform it has). */
export class CanvasPainter implements Painter {
  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  path(build: (p: CanvasPath) => void, style: PaintStyle): void {
    const ctx = this.ctx;
    ctx.beginPath();
    build(ctx);
    if (style.fill) {
      ctx.fillStyle = style.fill;
      ctx.globalAlpha = style.opacity ?? 1;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    if (style.stroke) {
      ctx.strokeStyle = style.stroke;
      ctx.lineWidth = style.lineWidth ?? 1;
      ctx.lineJoin = 'round';
      ctx.setLineDash(style.dash ? [...style.dash] : []);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }

  text(text: string, x: number, y: number, style: TextStyle): void {
    const ctx = this.ctx;
    ctx.font = style.weight === 'bold' ? `bold ${style.font}` : style.font;
    ctx.fillStyle = style.color;
    ctx.textAlign = style.align;
    ctx.textBaseline = 'middle';
    if (style.halo) {
      ctx.strokeStyle = style.halo.color;
      ctx.lineWidth = style.halo.width;
      ctx.lineJoin = 'round';
      ctx.strokeText(text, x, y);
    }
    ctx.fillText(text, x, y);
  }
}
