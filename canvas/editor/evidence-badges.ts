import type { Palette } from './theme';
import type { Scene } from './scene';
import type { View } from './draw';

/**
 * Evidence badges: a small count at an element's top-right corner (or beside a connection's
 * middle) for each record that has sources clipped as evidence. Drawn in screen pixels so they
 * stay readable at any zoom, and only once the map is zoomed in enough to tell shapes apart.
 */

export const BADGE_MIN_ZOOM = 0.3;
const R = 9;
const FONT = '700 11px system-ui, -apple-system, "Segoe UI", sans-serif';

/** Where a record's badge sits, in screen pixels (null when it has no geometry). */
export function badgePosition(
  scene: Scene,
  view: View,
  id: string,
): { x: number; y: number } | null {
  const g = scene.elements.get(id);
  if (g) return { x: (g.x + g.w) * view.k + view.tx, y: g.y * view.k + view.ty };
  const c = scene.connections.get(id);
  if (!c || !c.drawable) return null;
  const mx = 0.25 * c.x0 + 0.5 * c.qx + 0.25 * c.x1;
  const my = 0.25 * c.y0 + 0.5 * c.qy + 0.25 * c.y1;
  return { x: mx * view.k + view.tx + 10, y: my * view.k + view.ty - 10 };
}

export function drawEvidenceBadges(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  view: View,
  badges: ReadonlyMap<string, number> | null,
  p: Palette,
): number {
  if (!badges || badges.size === 0 || view.k < BADGE_MIN_ZOOM) return 0;
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
  ctx.font = FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  let drawn = 0;
  for (const [id, count] of badges) {
    if (count <= 0 || scene.isHidden(id)) continue;
    const at = badgePosition(scene, view, id);
    if (!at || at.x < -R || at.y < -R || at.x > view.width + R || at.y > view.height + R) continue;
    ctx.beginPath();
    ctx.arc(at.x, at.y, R, 0, Math.PI * 2);
    ctx.fillStyle = p.selection;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = p.bg;
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.fillText(count > 9 ? '9+' : String(count), at.x, at.y + 0.5);
    drawn++;
  }
  return drawn;
}
