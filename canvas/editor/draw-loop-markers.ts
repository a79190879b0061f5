import { LABEL_FONT_SIZE } from './label-fit';
import type { LabelCache } from './labels';
import { MARKER_RADIUS, MIN_MARKER_PX, type LoopMarkerAnchor } from './loop-markers';
import type { Palette } from './theme';

/**
 * Loop markers on screen: where each goes this frame (a circle with R1/B2 and the loop's name
 * under it, moved a little when a label already sits there) and how it is painted. Placed in the
 * label layout (label-layout.ts), so markers and labels never overlap.
 */

export const MARKER_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", sans-serif';
/** The name under a marker: at least this size on screen, wrapped at this width (CSS px). */
const NAME_MIN_PX = 11;
const NAME_WRAP_PX = 150;

export interface PlacedMarker {
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly polarity: 'R' | 'B';
  readonly code: string;
  readonly name: readonly string[];
  readonly namePx: number;
}

export interface MarkerBlock {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly marker: PlacedMarker;
}

export const nameFont = (px: number): string =>
  `600 ${Math.round(px * 10) / 10}px ${MARKER_FONT_FAMILY}`;

/**
 * The screen block of a marker at its anchor, or moved to the nearest of a few spots around it
 * that `free` accepts (a spiral out to three radii); null when none is free.
 */
export function placeMarkerBlock(
  a: LoopMarkerAnchor,
  k: number,
  toScreen: (x: number, y: number) => { x: number; y: number },
  labels: LabelCache,
  free: (x: number, y: number, w: number, h: number) => boolean,
): MarkerBlock | null {
  const r = Math.max(MARKER_RADIUS * k, MIN_MARKER_PX);
  const namePx = Math.max(LABEL_FONT_SIZE * k * 0.95, NAME_MIN_PX);
  const font = nameFont(namePx);
  const name = a.spec.name ? labels.wrap(font, a.spec.name, NAME_WRAP_PX, 2) : [];
  let nameW = 0;
  for (const l of name) nameW = Math.max(nameW, labels.width(font, l));
  const lh = namePx * 1.2;
  const w = Math.max(2 * r + 4, nameW + 4);
  const h = 2 * r + 4 + (name.length ? name.length * lh + 2 : 0);
  const s = toScreen(a.x, a.y);
  const tries: [number, number][] = [[0, 0]];
  for (const d of [0.75, 1.5, 2.25, 3])
    for (const [ux, uy] of [
      [0, -1],
      [1, 0],
      [0, 1],
      [-1, 0],
      [0.7, -0.7],
      [0.7, 0.7],
      [-0.7, 0.7],
      [-0.7, -0.7],
    ] as const)
      tries.push([ux * d * r, uy * d * r]);
  for (const [dx, dy] of tries) {
    const cx = s.x + dx;
    const cy = s.y + dy;
    const x = cx - w / 2;
    const y = cy - r - 2;
    if (!free(x, y, w, h)) continue;
    return {
      x,
      y,
      width: w,
      height: h,
      marker: { cx, cy, r, polarity: a.spec.polarity, code: a.spec.code, name, namePx },
    };
  }
  return null;
}

/** Paints markers in CSS pixels (the context's transform set to the device pixel ratio). */
export function paintLoopMarkers(
  ctx: CanvasRenderingContext2D,
  markers: readonly PlacedMarker[],
  p: Palette,
): void {
  for (const m of markers) {
    const color = m.polarity === 'R' ? p.positive : p.negative;
    ctx.globalAlpha = 0.94;
    ctx.beginPath();
    ctx.arc(m.cx, m.cy, m.r, 0, Math.PI * 2);
    ctx.fillStyle = p.bg;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineCap = 'round';
    // The circular arrow: 300° of arc, clockwise, with its head at the gap.
    const ar = m.r * 0.82;
    const start = -Math.PI / 2 + 0.5;
    const end = start + (Math.PI * 2 - 1.0);
    ctx.beginPath();
    ctx.arc(m.cx, m.cy, ar, start, end);
    ctx.strokeStyle = color;
    ctx.lineWidth = Math.max(2, m.r * 0.14);
    ctx.stroke();
    ctx.lineCap = 'butt';
    const hx = m.cx + Math.cos(end) * ar;
    const hy = m.cy + Math.sin(end) * ar;
    // Tangent of a clockwise (screen) arc at `end`.
    const tx = -Math.sin(end);
    const ty = Math.cos(end);
    const hl = m.r * 0.5;
    const hw = m.r * 0.3;
    ctx.beginPath();
    ctx.moveTo(hx + tx * hl * 0.6, hy + ty * hl * 0.6);
    ctx.lineTo(hx - tx * hl * 0.4 - ty * hw, hy - ty * hl * 0.4 + tx * hw);
    ctx.lineTo(hx - tx * hl * 0.4 + ty * hw, hy - ty * hl * 0.4 - tx * hw);
    ctx.closePath();
    ctx.fillStyle = color;
    ctx.fill();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `700 ${Math.round(m.r * 0.66 * 10) / 10}px ${MARKER_FONT_FAMILY}`;
    ctx.fillStyle = p.text;
    ctx.fillText(m.code, m.cx, m.cy + 0.5);
    if (m.name.length) {
      const lh = m.namePx * 1.2;
      ctx.font = nameFont(m.namePx);
      let w = 0;
      for (const l of m.name) w = Math.max(w, ctx.measureText(l).width);
      const top = m.cy + m.r + 2;
      ctx.globalAlpha = 0.86;
      ctx.fillStyle = p.bg;
      ctx.beginPath();
      ctx.roundRect(m.cx - w / 2 - 3, top - 1, w + 6, m.name.length * lh + 2, 3);
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.fillStyle = color;
      m.name.forEach((l, i) => ctx.fillText(l, m.cx, top + (i + 0.5) * lh));
    }
  }
}
