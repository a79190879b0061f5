import type { Palette } from './theme';
import type { Scene } from './scene';
import type { View } from './draw-types';
import { BADGE_MIN_ZOOM } from './evidence-badges';

/**
 * Dot votes on the map: a row of round stickers along an element's bottom edge, one per dot, in
 * screen pixels so they read at any zoom. `dots` is how many to draw (this person's own before
 * the results are revealed, everyone's after); the first `mine` are this person's, drawn in
 * `color` (their colour), the others in the sticker colour.
 */
export interface VoteDots {
  readonly dots: number;
  readonly mine: number;
  readonly color: string;
}

/** Dots shown per element before a "+n" (the count stays readable on a small element). */
export const MAX_DOTS = 8;
export const DOT_RADIUS = 5;
const GAP = 3;
/** The sticker colour for others' dots: an orange that reads on light and dark backgrounds. */
export const OTHERS_DOT_COLOR = '#f08c00';
const FONT = '700 10px system-ui, -apple-system, "Segoe UI", sans-serif';

/**
 * Centre of an element's `i`-th dot (0-based), in screen pixels, given the element's box on
 * screen: left to right, inside the bottom edge.
 */
export function dotCenter(
  box: { x: number; y: number; w: number; h: number },
  i: number,
): { x: number; y: number } {
  const step = 2 * DOT_RADIUS + GAP;
  return {
    x: box.x + DOT_RADIUS + 4 + i * step,
    y: box.y + box.h - DOT_RADIUS - 3,
  };
}

/** Draws every element's dots; returns how many dots were drawn (those on screen). */
export function drawVoteDots(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  view: View,
  votes: ReadonlyMap<string, VoteDots> | null,
  p: Palette,
): number {
  if (!votes || votes.size === 0 || view.k < BADGE_MIN_ZOOM) return 0;
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
  ctx.font = FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let drawn = 0;
  for (const [id, v] of votes) {
    const g = scene.elements.get(id);
    if (!g || v.dots <= 0 || scene.isHidden(id)) continue;
    const box = {
      x: g.x * view.k + view.tx,
      y: g.y * view.k + view.ty,
      w: g.w * view.k,
      h: g.h * view.k,
    };
    if (box.x > view.width || box.y > view.height || box.x + box.w < 0 || box.y + box.h < 0)
      continue;
    const n = Math.min(v.dots, MAX_DOTS);
    for (let i = 0; i < n; i++) {
      const c = dotCenter(box, i);
      ctx.beginPath();
      ctx.arc(c.x, c.y, DOT_RADIUS, 0, Math.PI * 2);
      ctx.fillStyle = i < v.mine ? v.color : OTHERS_DOT_COLOR;
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = p.bg;
      ctx.stroke();
      drawn++;
    }
    if (v.dots > MAX_DOTS) {
      const c = dotCenter(box, n);
      ctx.fillStyle = p.text;
      ctx.fillText(`+${v.dots - MAX_DOTS}`, c.x - DOT_RADIUS, c.y + 0.5);
    }
  }
  return drawn;
}
