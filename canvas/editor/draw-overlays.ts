import type { Rect } from './geometry';
import { FONT_FAMILY } from './label-layout';
import type { LabelCache } from './labels';
import type { ElementGeom, Scene } from './scene';
import { appendShape } from './shapes';
import { safeColor, type Palette } from './theme';
import { handlePosition, HANDLE_RADIUS, visibleRect, type Overlays, type View } from './draw-types';
import type { ConnectionGeom } from './scene';

/**
 * What is drawn over the map for this person: highlight, others' selections, hover, own
 * selection, the connection being drawn, the connect handle, the rubber band and others' cursors.
 */

const CURSOR_FONT = `12px ${FONT_FAMILY}`;

function appendOutline(ctx: CanvasPath, g: ElementGeom, pad: number): void {
  appendShape(ctx, g.spec.shape, g.x - pad, g.y - pad, g.w + 2 * pad, g.h + 2 * pad);
}

function appendConnectionLine(ctx: CanvasPath, c: ConnectionGeom): void {
  ctx.moveTo(c.x0, c.y0);
  if (c.curved) ctx.quadraticCurveTo(c.qx, c.qy, c.x1, c.y1);
  else ctx.lineTo(c.x1, c.y1);
}

function outlineIds(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  ids: Iterable<string>,
  pad: number,
  vis: Rect,
): void {
  ctx.beginPath();
  for (const id of ids) {
    // Nothing is outlined where nothing is drawn (a lens or a story step hides it).
    if (scene.isHidden(id)) continue;
    const g = scene.elements.get(id);
    if (g) {
      if (intersects(g.bounds, vis)) appendOutline(ctx, g, pad);
      continue;
    }
    const c = scene.connections.get(id);
    if (c && c.drawable && intersects(c.bounds, vis)) appendConnectionLine(ctx, c);
  }
}

function intersects(a: Rect, b: Rect): boolean {
  return (
    a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height
  );
}

export function drawOverlays(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  view: View,
  ov: Overlays,
  p: Palette,
  hl: ReadonlySet<string> | null,
): void {
  const { k } = view;
  const px = 1 / k;
  const vis = visibleRect(view);
  if (hl) {
    // Highlighted connections keep their polarity colours; only elements get the outline.
    const els = [...hl].filter((id) => scene.elements.has(id));
    outlineIds(ctx, scene, els, 3 * px, vis);
    ctx.strokeStyle = p.highlight;
    ctx.lineWidth = 2.5 * px;
    ctx.stroke();
  }
  ov.remoteSelections.forEach((r, i) => {
    if (!r.ids.size) return;
    outlineIds(ctx, scene, r.ids, (7 + 3 * (i % 3)) * px, vis);
    ctx.strokeStyle = r.color;
    ctx.lineWidth = 2 * px;
    ctx.stroke();
  });
  if (ov.hover && !ov.selection.has(ov.hover)) {
    outlineIds(ctx, scene, [ov.hover], 2 * px, vis);
    ctx.strokeStyle = p.hover;
    ctx.lineWidth = 2 * px;
    ctx.stroke();
  }
  if (ov.selection.size) {
    outlineIds(ctx, scene, ov.selection, 3 * px, vis);
    ctx.strokeStyle = p.selection;
    ctx.lineWidth = 2.5 * px;
    ctx.stroke();
  }
  const cp = ov.connectionPreview;
  if (cp) {
    const from = scene.elements.get(cp.fromId);
    const to = cp.toId ? scene.elements.get(cp.toId) : undefined;
    if (from) {
      const ex = to ? to.cx : cp.x;
      const ey = to ? to.cy : cp.y;
      ctx.beginPath();
      ctx.moveTo(from.cx, from.cy);
      ctx.lineTo(ex, ey);
      ctx.setLineDash([6 * px, 4 * px]);
      ctx.strokeStyle = p.selection;
      ctx.lineWidth = 2 * px;
      ctx.stroke();
      ctx.setLineDash([]);
      if (to) {
        ctx.beginPath();
        appendOutline(ctx, to, 4 * px);
        ctx.stroke();
      }
    }
  }
  if (ov.handleFor) {
    const g = scene.elements.get(ov.handleFor);
    if (g && g.spec.shape !== 'frame') {
      const h = handlePosition(g);
      ctx.beginPath();
      ctx.arc(h.x, h.y, HANDLE_RADIUS * px, 0, Math.PI * 2);
      ctx.fillStyle = p.selection;
      ctx.fill();
      ctx.strokeStyle = p.bg;
      ctx.lineWidth = 2 * px;
      ctx.stroke();
    }
  }
  if (ov.rubberBand) {
    const r = ov.rubberBand;
    ctx.globalAlpha = 0.12;
    ctx.fillStyle = p.rubberBand;
    ctx.fillRect(r.x, r.y, r.width, r.height);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = p.rubberBand;
    ctx.lineWidth = px;
    ctx.strokeRect(r.x, r.y, r.width, r.height);
  }
}

/** Others' cursors with their names, in CSS pixels (they keep their screen size). */
export function drawCursors(
  ctx: CanvasRenderingContext2D,
  view: View,
  ov: Overlays,
  p: Palette,
  labels: LabelCache,
): void {
  const { k } = view;
  if (ov.cursors.length) {
    // Cursors keep their screen size: draw them in CSS pixels.
    ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
    ctx.font = CURSOR_FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const c of ov.cursors) {
      const sx = c.x * k + view.tx;
      const sy = c.y * k + view.ty;
      if (sx < -200 || sy < -40 || sx > view.width + 20 || sy > view.height + 20) continue;
      const color = safeColor(c.color) ?? p.selection;
      ctx.beginPath();
      ctx.moveTo(sx, sy);
      ctx.lineTo(sx, sy + 16);
      ctx.lineTo(sx + 4.5, sy + 12);
      ctx.lineTo(sx + 11, sy + 12);
      ctx.closePath();
      ctx.fillStyle = color;
      ctx.fill();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1;
      ctx.stroke();
      const name = labels.fit(CURSOR_FONT, c.name, 160);
      if (!name) continue;
      const w = labels.width(CURSOR_FONT, name);
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.roundRect(sx + 10, sy + 16, w + 10, 18, 4);
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.fillText(name, sx + 15, sy + 25);
    }
  }
}
