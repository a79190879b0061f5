import { drawConnections } from './draw-connections';
import { DIM_ALPHA, drawLabels } from './draw-labels';
import { drawCursors, drawOverlays } from './draw-overlays';
import { visibleRect, type FrameStats, type Overlays, type View } from './draw-types';
import { drawEvidenceBadges } from './evidence-badges';
import { drawVoteDots } from './draw-votes';
import { drawSketches } from './draw-sketch';
import { layoutLabels, type PlacedLabel } from './label-layout';
import { paintLoopMarkers, type PlacedMarker } from './draw-loop-markers';
import { rectContainsPoint } from './geometry';
import { drawBrokerBadges, drawLegend, legendBox } from './draw-marks';
import type { LabelCache } from './labels';
import type { ConnectionGeom, ElementGeom, Scene } from './scene';
import { appendNoteFold, appendShape, cornerRadius, type ShapeKind } from './shapes';
import { safeColor, type Palette } from './theme';

/**
 * One frame of the map on a 2D context. Everything visible is gathered from the grid indexes
 * (culling), grouped by style, and drawn as one path per style: a 10k-element map is a few dozen
 * fill and stroke calls, not tens of thousands. Details that cannot be seen at the current zoom
 * (strokes on specks, arrowheads) are skipped; labels keep a legible size at every zoom
 * (label-layout.ts decides which are drawn).
 */

export * from './draw-types';
export { textOn, DIM_ALPHA } from './draw-labels';
export {
  appendArrow,
  appendDelayMark,
  ARROW_HALF,
  ARROW_LEN,
  BADGE_R,
  badgeCenter,
  polarityMark,
} from './draw-connections';
export {
  CONNECTION_FONT,
  CONNECTION_FONT_SIZE,
  FRAME_FONT,
  FRAME_FONT_SIZE,
  LABEL_FONT,
  type PlacedLabel,
} from './label-layout';

const SHAPES: readonly ShapeKind[] = [
  'frame',
  'note',
  'roundRect',
  'chevron',
  'circle',
  'square',
  'hexagon',
  'doubleCircle',
  'text',
];
const SHAPE_INDEX = new Map(SHAPES.map((s, i) => [s, i]));

export function fillFor(
  g: ElementGeom,
  p: Palette,
  fills: ReadonlyMap<string, string> | undefined,
): string {
  const custom = safeColor(fills?.get(g.id)) ?? safeColor(g.rec.color);
  if (custom) return custom;
  switch (g.rec.kind) {
    case 'factor':
      return p.factor;
    case 'actor':
      return p.actor;
    case 'intervention':
      return p.intervention;
    case 'note':
      return p.note;
    case 'group':
      return p.frame;
  }
}

export function strokeFor(shape: ShapeKind, p: Palette): string {
  switch (shape) {
    case 'roundRect':
    case 'text':
      return p.factorStroke;
    case 'chevron':
      return p.interventionStroke;
    case 'note':
      return p.noteStroke;
    case 'frame':
      return p.frameStroke;
    default:
      return p.actorStroke;
  }
}

/** Below this on-screen width (CSS px) an element is drawn as a plain filled rectangle. */
const TINY_PX = 10;

function defaultFill(shape: ShapeKind, p: Palette): string {
  switch (shape) {
    case 'roundRect':
    case 'text':
      return p.factor;
    case 'chevron':
      return p.intervention;
    case 'note':
      return p.note;
    case 'frame':
      return p.frame;
    default:
      return p.actor;
  }
}

const elScratch: ElementGeom[] = [];
const connScratch: ConnectionGeom[] = [];

/** Draws a frame; returns its counts and the label layout it drew. */
export function drawFrame(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  view: View,
  ov: Overlays,
  p: Palette,
  labels: LabelCache,
  labelBudget: number,
  showLabels = true,
): FrameStats & { readonly layout: readonly PlacedLabel[] } {
  const { k, dpr } = view;
  const px = 1 / k;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = p.bg;
  ctx.fillRect(0, 0, view.width, view.height);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * view.tx, dpr * view.ty);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'butt';

  const vis = visibleRect(view);
  // A little margin so outlines and arrowheads at the edge are not cut.
  const m = 20 * px;
  const cull = { x: vis.x - m, y: vis.y - m, width: vis.width + 2 * m, height: vis.height + 2 * m };
  elScratch.length = 0;
  connScratch.length = 0;
  let els = scene.elementIndex.query(cull, elScratch);
  let conns = scene.connectionIndex.query(cull, connScratch);
  const fills = scene.encodings.fill;
  if (scene.encodings.hidden?.size) {
    // A lens: what it leaves out is neither drawn nor counted.
    els = els.filter((g) => !scene.isHidden(g.id));
    conns = conns.filter((c) => !scene.isHidden(c.id));
  }
  const hl = ov.highlight && ov.highlight.size ? ov.highlight : null;

  // Buckets: shape x dimmed -> fill colour -> elements.
  const buckets: (Map<string, ElementGeom[]> | undefined)[] = [];
  for (const g of els) {
    const si = SHAPE_INDEX.get(g.spec.shape)!;
    const slot = si * 2 + (hl && !hl.has(g.id) ? 1 : 0);
    let byFill = buckets[slot];
    if (!byFill) buckets[slot] = byFill = new Map();
    const fill = fillFor(g, p, fills);
    const list = byFill.get(fill);
    if (list) list.push(g);
    else byFill.set(fill, [g]);
  }

  // Frames first, behind everything.
  drawShapeSlots(ctx, buckets, 0, 0, p, k);
  drawConnections(ctx, conns, hl, p, k);
  drawShapeSlots(ctx, buckets, 1, SHAPES.length - 1, p, k);
  drawSketches(ctx, els, p, k);

  drawOverlays(ctx, scene, view, ov, p, hl);
  const legend = legendBox(ov.legend ?? null, view, labels);
  const layout = showLabels
    ? layoutLabels({
        scene,
        view,
        elements: els,
        connections: conns,
        selection: ov.selection,
        hover: ov.hover,
        highlight: hl,
        labels,
        budget: labelBudget,
        reserved: legend ? [legend] : [],
        markers: (ov.loopMarkers ?? []).filter((a) => rectContainsPoint(cull, a.x, a.y)),
      })
    : [];
  if (buckets[SHAPE_INDEX.get('text')! * 2] || buckets[SHAPE_INDEX.get('text')! * 2 + 1])
    outlineWordsWithoutLabel(ctx, els, layout, view, p);
  drawLabels(ctx, layout, dpr, scene, p, hl);
  drawBrokerBadges(ctx, els, scene.encodings.brokers, view, p);
  const markers: PlacedMarker[] = [];
  for (const l of layout) if (l.marker) markers.push(l.marker);
  if (markers.length) paintLoopMarkers(ctx, markers, p);
  // On top of selection outlines (they share the selection colour); in screen pixels.
  drawEvidenceBadges(ctx, scene, view, ov.badges ?? null, p);
  drawVoteDots(ctx, scene, view, ov.voteDots ?? null, p);
  drawLegend(ctx, ov.legend ?? null, legend, view, p, labels);
  drawCursors(ctx, view, ov, p, labels);
  return { elements: els.length, connections: conns.length, labels: layout.length, layout };
}

function drawShapeSlots(
  ctx: CanvasRenderingContext2D,
  buckets: (Map<string, ElementGeom[]> | undefined)[],
  from: number,
  to: number,
  p: Palette,
  k: number,
): void {
  for (let dim = 0; dim < 2; dim++) {
    ctx.globalAlpha = dim ? DIM_ALPHA : 1;
    for (let si = from; si <= to; si++) {
      const byFill = buckets[si * 2 + dim];
      if (!byFill) continue;
      const shape = SHAPES[si]!;
      const stroke = strokeFor(shape, p);
      for (const [fill, list] of byFill) {
        const first = list[0]!;
        // Specks: plain rectangles in the outline colour (a white factor on a light background
        // would vanish without its outline), no stroke.
        const tiny = first.w * k < TINY_PX && shape !== 'frame';
        // Words without boxes: only their label is drawn (a speck when zoomed far out).
        if (shape === 'text' && !tiny) continue;
        // Corners under a pixel on screen are not seen: plain rectangles are cheaper to build
        // and to rasterise (the largest corner of the shape decides for the whole list).
        const corner = cornerRadius(shape, Infinity);
        const asRect = tiny || (corner > 0 && corner * k < 1);
        ctx.beginPath();
        if (asRect) for (const g of list) ctx.rect(g.x, g.y, g.w, g.h);
        else for (const g of list) appendShape(ctx, shape, g.x, g.y, g.w, g.h);
        ctx.fillStyle = tiny && fill === defaultFill(shape, p) ? stroke : fill;
        ctx.fill();
        if (!tiny) {
          ctx.strokeStyle = stroke;
          ctx.lineWidth = Math.max(1.25, 0.75 / k);
          if (shape === 'note') for (const g of list) appendNoteFold(ctx, g.x, g.y, g.w, g.h);
          ctx.stroke();
        }
      }
    }
  }
  ctx.globalAlpha = 1;
}

/**
 * A factor drawn as words whose label found no room this frame would vanish: its text bounds
 * are outlined instead, so the element and the lines that end at it still read.
 */
function outlineWordsWithoutLabel(
  ctx: CanvasRenderingContext2D,
  els: readonly ElementGeom[],
  layout: readonly PlacedLabel[],
  view: View,
  p: Palette,
): void {
  const { k, dpr } = view;
  const placed = new Set<string>();
  for (const l of layout) placed.add(l.id);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * view.tx, dpr * view.ty);
  ctx.beginPath();
  for (const g of els)
    if (g.spec.shape === 'text' && g.w * k >= TINY_PX && !placed.has(g.id))
      appendShape(ctx, 'text', g.x, g.y, g.w, g.h);
  ctx.strokeStyle = strokeFor('text', p);
  ctx.lineWidth = Math.max(1, 0.75 / k);
  ctx.stroke();
}
