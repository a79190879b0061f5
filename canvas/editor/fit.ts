import { unionRects, type Rect } from './geometry';
import type { Scene } from './scene';
import { LABEL_FONT_SIZE } from './label-fit';
import { MIN_LABEL_PX, ZOOMED_OUT_WRAP_PX } from './label-layout';

/**
 * The zoom and pan that frame `b` (map units) in a `width` x `height` canvas. Never above 100%.
 * Below the zoom where labels reach their minimum size they are wider than their boxes, so the
 * frame keeps room for half a zoomed-out label on each side: the outermost labels stay whole.
 */
export function fitTransform(
  b: Rect,
  width: number,
  height: number,
  padding: number,
  minZoom: number,
  maxZoom: number,
): { k: number; x: number; y: number } {
  const kFor = (pad: number, padY: number): number =>
    Math.min(
      maxZoom,
      Math.max(
        minZoom,
        Math.min(
          Math.max(1, width - 2 * pad) / Math.max(b.width, 1),
          Math.max(1, height - 2 * padY) / Math.max(b.height, 1),
          1,
        ),
      ),
    );
  let k = kFor(padding, padding);
  if (LABEL_FONT_SIZE * k < MIN_LABEL_PX)
    k = kFor(Math.max(padding, ZOOMED_OUT_WRAP_PX / 2 + 8), Math.max(padding, 28));
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  return { k, x: width / 2 - cx * k, y: height / 2 - cy * k };
}

/** The union of the bounds of the given elements and (drawn) connections, or null. */
export function boundsOf(scene: Scene, ids: Iterable<string>): Rect | null {
  const rects: Rect[] = [];
  for (const id of ids) {
    const c = scene.connections.get(id);
    const b = scene.elements.get(id)?.bounds ?? (c?.drawable ? c.bounds : undefined);
    if (b) rects.push(b);
  }
  return unionRects(rects);
}

/**
 * Where framing `b` puts the view: the fit, unless the view is already closer than the fit and
 * all of `b` shows at its zoom; then the zoom stays and `b` is centred (framing a search result
 * after zooming in does not zoom back out).
 */
export function frameTransform(
  b: Rect,
  current: { readonly k: number },
  width: number,
  height: number,
  padding: number,
  minZoom: number,
  maxZoom: number,
): { k: number; x: number; y: number } {
  const t = fitTransform(b, width, height, padding, minZoom, maxZoom);
  const k = current.k;
  const fits = b.width * k + 2 * padding <= width && b.height * k + 2 * padding <= height;
  if (!fits || k < t.k) return t;
  return { k, x: width / 2 - (b.x + b.width / 2) * k, y: height / 2 - (b.y + b.height / 2) * k };
}
