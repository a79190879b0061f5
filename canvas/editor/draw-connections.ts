import { DIM_ALPHA } from './draw-labels';
import { FONT_FAMILY } from './label-layout';
import { lineWidthForWeight } from './line-weight';
import type { ConnectionGeom } from './scene';
import type { Palette } from './theme';

/**
 * Connections as a causal loop diagram draws them: lines (curved when several join one pair),
 * arrowheads, the polarity as a sign (`+` or `−`, as text beside the arrowhead, its colour a
 * second cue) and the delay mark `||` across the middle of delayed links. One path per style.
 */

/** Arrowhead length and half-width, map units. */
export const ARROW_LEN = 11;
export const ARROW_HALF = 5;
/** Kept for the SVG export's layout: the old polarity badge's radius. */
export const BADGE_R = 7;
/** Polarity sign size in map units, and the least it is drawn at on screen (CSS px). */
export const SIGN_FONT_SIZE = 15;
export const MIN_SIGN_PX = 10;
/** Below this zoom the signs are left out (colour alone tells them apart there). */
export const SIGN_MIN_ZOOM = 0.3;

type ConnStyle = 0 | 1 | 2 | 3 | 4; // causal +, causal -, causal unsigned, relationship, proposed

export function connStyle(c: ConnectionGeom): ConnStyle {
  if (c.rec.proposed) return 4;
  if (c.rec.kind === 'relationship') return 3;
  return c.rec.polarity === '+' ? 0 : c.rec.polarity === '-' ? 1 : 2;
}

export function styleColor(s: ConnStyle, p: Palette): string {
  return s === 0 ? p.positive : s === 1 ? p.negative : s === 2 ? p.causal : p.relationship;
}

/** How a connection's polarity is drawn: a sign, where, and in which palette colour. */
export interface PolarityMark {
  readonly text: '+' | '−';
  readonly color: 'positive' | 'negative';
  /** Centre of the sign, map units. */
  readonly x: number;
  readonly y: number;
  /** Font size, map units (at least `MIN_SIGN_PX` on screen at zoom k). */
  readonly size: number;
}

/**
 * The sign of a causal connection with a polarity, or null (unsigned, relationship, or zoomed out
 * past `SIGN_MIN_ZOOM`). It sits beside the line just before the arrowhead, on the left of the
 * direction of travel (so two connections bowed apart keep their signs apart).
 */
export function polarityMark(c: ConnectionGeom, k: number): PolarityMark | null {
  if (c.rec.kind !== 'causal' || (c.rec.polarity !== '+' && c.rec.polarity !== '-')) return null;
  if (!c.drawable || k < SIGN_MIN_ZOOM) return null;
  const size = Math.max(SIGN_FONT_SIZE, MIN_SIGN_PX / k);
  const len = Math.hypot(c.x1 - c.x0, c.y1 - c.y0) || 1;
  const t = Math.max(0.55, 1 - (ARROW_LEN + size * 0.7) / len);
  const a = along(c, t);
  const side = size * 0.62;
  return {
    text: c.rec.polarity === '+' ? '+' : '−',
    color: c.rec.polarity === '+' ? 'positive' : 'negative',
    x: a.x + a.uy * side,
    y: a.y - a.ux * side,
    size,
  };
}

export function drawConnections(
  ctx: CanvasRenderingContext2D,
  conns: readonly ConnectionGeom[],
  hl: ReadonlySet<string> | null,
  p: Palette,
  k: number,
): void {
  const slots: ConnectionGeom[][] = [];
  for (const c of conns) {
    if (!c.drawable) continue;
    const slot = connStyle(c) * 2 + (hl && !hl.has(c.id) ? 1 : 0);
    (slots[slot] ??= []).push(c);
  }
  const arrows = ARROW_LEN * k >= 2.5;
  const marks = 14 * k >= 4;
  const signs = k >= SIGN_MIN_ZOOM;
  for (let dim = 0; dim < 2; dim++) {
    ctx.globalAlpha = dim ? DIM_ALPHA : 1;
    for (let s = 0; s < 5; s++) {
      const list = slots[s * 2 + dim];
      if (!list) continue;
      const style = s as ConnStyle;
      const color = styleColor(style, p);
      const trace = (c: ConnectionGeom) => {
        ctx.moveTo(c.x0, c.y0);
        if (c.curved) ctx.quadraticCurveTo(c.qx, c.qy, c.x1, c.y1);
        else ctx.lineTo(c.x1, c.y1);
        if (marks && c.rec.delay) appendDelayMark(ctx, c);
      };
      const base = Math.max(style === 3 ? 1.25 : 1.6, 0.7 / k);
      ctx.strokeStyle = color;
      if (style === 4) ctx.setLineDash([6, 5]);
      ctx.beginPath();
      for (const c of list) if (c.rec.weight === undefined) trace(c);
      ctx.lineWidth = base;
      ctx.stroke();
      // Weighted connections (rare) are stroked one by one at their own width.
      for (const c of list) {
        if (c.rec.weight === undefined) continue;
        ctx.beginPath();
        trace(c);
        ctx.lineWidth = lineWidthForWeight(base, c.rec.weight);
        ctx.stroke();
      }
      if (style === 4) ctx.setLineDash([]);
      if (arrows) {
        ctx.beginPath();
        for (const c of list) {
          const dir = c.rec.direction;
          if (dir === 'undirected') continue;
          appendArrow(ctx, c.x1, c.y1, c.x1 - c.qx, c.y1 - c.qy);
          if (dir === 'mutual') appendArrow(ctx, c.x0, c.y0, c.x0 - c.qx, c.y0 - c.qy);
        }
        ctx.fillStyle = color;
        ctx.fill();
      }
      if (signs && (style === 0 || style === 1)) drawSigns(ctx, list, color, p, k);
    }
  }
  ctx.globalAlpha = 1;
}

/** The `+`/`−` signs of one style's connections, as bold text on a small background halo. */
function drawSigns(
  ctx: CanvasRenderingContext2D,
  list: readonly ConnectionGeom[],
  color: string,
  p: Palette,
  k: number,
): void {
  let font = '';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const c of list) {
    const m = polarityMark(c, k);
    if (!m) continue;
    const f = `700 ${Math.round(m.size * 10) / 10}px ${FONT_FAMILY}`;
    if (f !== font) {
      ctx.font = f;
      font = f;
      ctx.lineWidth = m.size * 0.3;
    }
    ctx.strokeStyle = p.bg;
    ctx.strokeText(m.text, m.x, m.y);
    ctx.fillStyle = color;
    ctx.fillText(m.text, m.x, m.y);
  }
}

export function appendArrow(ctx: CanvasPath, x: number, y: number, tx: number, ty: number): void {
  const len = Math.hypot(tx, ty);
  if (len === 0) return;
  const ux = tx / len;
  const uy = ty / len;
  const bx = x - ux * ARROW_LEN;
  const by = y - uy * ARROW_LEN;
  ctx.moveTo(x, y);
  ctx.lineTo(bx - uy * ARROW_HALF, by + ux * ARROW_HALF);
  ctx.lineTo(bx + uy * ARROW_HALF, by - ux * ARROW_HALF);
  ctx.closePath();
}

/** Point and unit tangent at parameter t along a connection's line. */
export function along(
  c: ConnectionGeom,
  t: number,
): { x: number; y: number; ux: number; uy: number } {
  const u = 1 - t;
  const x = u * u * c.x0 + 2 * u * t * c.qx + t * t * c.x1;
  const y = u * u * c.y0 + 2 * u * t * c.qy + t * t * c.y1;
  let dx = 2 * u * (c.qx - c.x0) + 2 * t * (c.x1 - c.qx);
  let dy = 2 * u * (c.qy - c.y0) + 2 * t * (c.y1 - c.qy);
  const len = Math.hypot(dx, dy) || 1;
  dx /= len;
  dy /= len;
  return { x, y, ux: dx, uy: dy };
}

/** Two short strokes across the middle of the line: the delay mark `||`. */
export function appendDelayMark(ctx: CanvasPath, c: ConnectionGeom): void {
  const a = along(c, 0.5);
  for (const s of [-2.5, 2.5]) {
    const x = a.x + a.ux * s;
    const y = a.y + a.uy * s;
    ctx.moveTo(x - a.uy * 7, y + a.ux * 7);
    ctx.lineTo(x + a.uy * 7, y - a.ux * 7);
  }
}

/** Where the SVG export puts its polarity badge: on the line, just before the arrowhead. */
export function badgeCenter(c: ConnectionGeom): { x: number; y: number } {
  const len = Math.hypot(c.x1 - c.x0, c.y1 - c.y0) || 1;
  const t = Math.max(0.5, 1 - (ARROW_LEN + BADGE_R + 6) / len);
  const a = along(c, t);
  return { x: a.x, y: a.y };
}
