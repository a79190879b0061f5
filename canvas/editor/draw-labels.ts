import { FONT_FAMILY, type PlacedLabel } from './label-layout';
import type { Scene } from './scene';
import { safeColor, type Palette } from './theme';

/**
 * Paints a label layout (label-layout.ts) in screen space: labels that sit inside their box in
 * the box's text colour; labels that spill out of it (zoomed out, under actors) on a plate of the
 * background colour so they read over lines and shapes; dimmed with the rest when something is
 * highlighted.
 */

export const DIM_ALPHA = 0.22;

const contrastCache = new Map<string, string>();

/** Dark or light text, whichever reads on a group-chosen #rrggbb fill. */
export function textOn(fill: string): string {
  let c = contrastCache.get(fill);
  if (!c) {
    const n = parseInt(fill.slice(1), 16);
    const lin = (v: number): number => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    };
    const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
    c = l > 0.4 ? '#1f2328' : '#f0f3f6';
    contrastCache.set(fill, c);
  }
  return c;
}

export function drawLabels(
  ctx: CanvasRenderingContext2D,
  layout: readonly PlacedLabel[],
  dpr: number,
  scene: Scene,
  p: Palette,
  hl: ReadonlySet<string> | null,
): void {
  if (!layout.length) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.textBaseline = 'middle';
  const fills = scene.encodings.fill;
  // Plates first (one path), then text: a plate never covers another label's text.
  ctx.beginPath();
  for (const l of layout) {
    if (l.inside || l.marker || (hl && !hl.has(l.id))) continue;
    ctx.roundRect(l.x - 2, l.y - 1, l.width + 4, l.height + 2, 3);
  }
  ctx.globalAlpha = 0.86;
  ctx.fillStyle = p.bg;
  ctx.fill();
  if (hl) {
    ctx.beginPath();
    for (const l of layout) {
      if (l.inside || l.marker || hl.has(l.id)) continue;
      ctx.roundRect(l.x - 2, l.y - 1, l.width + 4, l.height + 2, 3);
    }
    ctx.globalAlpha = 0.86 * DIM_ALPHA * 2;
    ctx.fill();
  }
  let font = '';
  for (const l of layout) {
    if (l.marker) continue; // painted by paintLoopMarkers
    const f = `${l.kind === 'title' ? '600 ' : ''}${Math.round(l.fontPx * 10) / 10}px ${FONT_FAMILY}`;
    if (f !== font) {
      ctx.font = f;
      font = f;
    }
    ctx.globalAlpha = hl && !hl.has(l.id) ? DIM_ALPHA : 1;
    let color = l.kind === 'element' ? p.text : p.textMuted;
    if (l.inside) {
      const g = scene.elements.get(l.id);
      // Words without a box (text-first factors) keep the text colour: no fill is under them.
      const custom =
        g && g.spec.shape !== 'text'
          ? (safeColor(fills?.get(g.id)) ?? safeColor(g.rec.color))
          : undefined;
      if (custom) color = textOn(custom);
    }
    ctx.fillStyle = color;
    ctx.textAlign = l.align;
    const x = l.align === 'center' ? l.x + l.width / 2 : l.x;
    for (let i = 0; i < l.lines.length; i++)
      ctx.fillText(l.lines[i]!, x, l.y + (i + 0.5) * l.lineHeightPx + 0.5);
  }
  ctx.globalAlpha = 1;
}
