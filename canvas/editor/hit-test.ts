import {
  distanceToQuadratic,
  distanceToSegment,
  rectContainsRect,
  rectsIntersect,
  type Rect,
} from './geometry';
import type { ConnectionGeom, ElementGeom, Scene } from './scene';
import { shapeContains } from './shapes';

/**
 * Hit-testing through the scene's grid indexes: a pointer visits the few records in its cells,
 * never the whole map. Elements beat connections; among elements, the higher layer (actors over
 * factors over notes over frames) and then the later one wins, matching the drawing order.
 */

export type Hit = { readonly type: 'element' | 'connection'; readonly id: string };

/** How close (CSS px) the pointer must come to a connection's line to hit it. */
export const CONNECTION_HIT_PX = 6;

const scratchEls: ElementGeom[] = [];
const scratchConns: ConnectionGeom[] = [];

/** What is at map point (x, y) when the zoom is `k` (tolerances are in screen pixels). */
export function hitTestScene(scene: Scene, x: number, y: number, k: number): Hit | null {
  scratchEls.length = 0;
  let best: ElementGeom | null = null;
  for (const g of scene.elementIndex.queryPoint(x, y, 0, scratchEls)) {
    if (scene.isHidden(g.id)) continue;
    const inside =
      g.spec.label === 'below'
        ? x >= g.bounds.x &&
          x <= g.bounds.x + g.bounds.width &&
          y >= g.bounds.y &&
          y <= g.bounds.y + g.bounds.height &&
          (y > g.y + g.h || shapeContains(g.spec.shape, g.x, g.y, g.w, g.h, x, y))
        : shapeContains(g.spec.shape, g.x, g.y, g.w, g.h, x, y, 6 / k);
    if (!inside) continue;
    if (
      !best ||
      g.spec.layer > best.spec.layer ||
      (g.spec.layer === best.spec.layer && g.seq > best.seq)
    )
      best = g;
  }
  if (best && best.spec.shape !== 'frame') return { type: 'element', id: best.id };
  const c = nearestConnection(scene, x, y, CONNECTION_HIT_PX / k);
  if (c) return { type: 'connection', id: c.id };
  return best ? { type: 'element', id: best.id } : null;
}

/** Distance from (x, y) to a connection's drawn line, map units. */
export function distanceToConnection(c: ConnectionGeom, x: number, y: number): number {
  return c.curved
    ? distanceToQuadratic(x, y, c.x0, c.y0, c.qx, c.qy, c.x1, c.y1)
    : distanceToSegment(x, y, c.x0, c.y0, c.x1, c.y1);
}

export function nearestConnection(
  scene: Scene,
  x: number,
  y: number,
  tolerance: number,
): ConnectionGeom | null {
  scratchConns.length = 0;
  let best: ConnectionGeom | null = null;
  let bestD = tolerance;
  for (const c of scene.connectionIndex.queryPoint(x, y, tolerance, scratchConns)) {
    if (!c.drawable || scene.isHidden(c.id)) continue;
    const d = distanceToConnection(c, x, y);
    if (d <= bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/**
 * Ids of the elements a box selection in `r` (map units) takes: every element whose shape the
 * box touches, except group frames, which must lie wholly inside (a box drawn inside a big frame
 * selects what is in it, not the frame).
 */
export function elementsInRectScene(scene: Scene, r: Rect): string[] {
  const out: string[] = [];
  scratchEls.length = 0;
  for (const g of scene.elementIndex.query(r, scratchEls)) {
    if (scene.isHidden(g.id)) continue;
    const box = { x: g.x, y: g.y, width: g.w, height: g.h };
    if (g.spec.shape === 'frame' ? rectContainsRect(r, box) : rectsIntersect(r, box))
      out.push(g.id);
  }
  return out;
}
