import type { Rect } from './geometry';
import { drawEvidenceBadges } from './evidence-badges';
import { LABEL_FONT_SIZE, labelsLegible, pickLabels, type LabelCache } from './labels';
import type { ConnectionGeom, ElementGeom, Scene } from './scene';
import { appendNoteFold, appendShape, FRAME_TITLE_HEIGHT, type ShapeKind } from './shapes';
import { safeColor, type Palette } from './theme';
import { lineWidthForWeight } from './line-weight';

/**
 * One frame of the map on a 2D context. Everything visible is gathered from the grid indexes
 * (culling), grouped by style, and drawn as one path per style: a 10k-element map is a few dozen
 * fill and stroke calls, not tens of thousands. Details that cannot be seen at the current zoom
 * (strokes on specks, arrowheads, glyphs, labels) are skipped.
 */

/** Pan and zoom: screen = map * k + (tx, ty), in CSS pixels; `width`/`height` are the canvas's. */
export interface View {
  readonly k: number;
  readonly tx: number;
  readonly ty: number;
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

export interface RemoteCursor {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  /** Map units. */
  readonly x: number;
  readonly y: number;
}

export interface RemoteSelection {
  readonly id: string;
  readonly color: string;
  readonly ids: ReadonlySet<string>;
}

export interface ConnectionPreview {
  readonly fromId: string;
  /** The pointer, in map units. */
  readonly x: number;
  readonly y: number;
  /** The element under the pointer that would become the other end, if any. */
  readonly toId: string | null;
}

export interface Overlays {
  readonly selection: ReadonlySet<string>;
  readonly hover: string | null;
  /** Ids (elements and connections) to keep at full strength; the rest is dimmed. */
  readonly highlight: ReadonlySet<string> | null;
  readonly remoteSelections: readonly RemoteSelection[];
  readonly cursors: readonly RemoteCursor[];
  /** Map units. */
  readonly rubberBand: Rect | null;
  readonly connectionPreview: ConnectionPreview | null;
  /** Element whose connect handle is shown. */
  readonly handleFor: string | null;
  /** Evidence counts (sources) per element or connection id; see evidence-badges.ts. */
  readonly badges?: ReadonlyMap<string, number> | null;
}

export interface FrameStats {
  readonly elements: number;
  readonly connections: number;
  readonly labels: number;
}

export const LABEL_FONT = `${LABEL_FONT_SIZE}px system-ui, -apple-system, "Segoe UI", sans-serif`;
export const FRAME_FONT_SIZE = 16;
export const FRAME_FONT = `600 ${FRAME_FONT_SIZE}px system-ui, -apple-system, "Segoe UI", sans-serif`;
const CURSOR_FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
export const CONNECTION_FONT_SIZE = 11;
export const CONNECTION_FONT = `${CONNECTION_FONT_SIZE}px system-ui, -apple-system, "Segoe UI", sans-serif`;
const DIM_ALPHA = 0.22;
/** Arrowhead length and half-width, map units. */
export const ARROW_LEN = 11;
export const ARROW_HALF = 5;
export const BADGE_R = 7;
/** Connect handle radius, CSS px. */
export const HANDLE_RADIUS = 6;

const SHAPES: readonly ShapeKind[] = [
  'frame',
  'note',
  'roundRect',
  'chevron',
  'circle',
  'square',
  'hexagon',
  'doubleCircle',
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

/** Where an element's connect handle sits, in map units: the middle of its right edge. */
export function handlePosition(g: ElementGeom): { x: number; y: number } {
  return { x: g.x + g.w, y: g.cy };
}

/** The visible part of the map, in map units. */
export function visibleRect(view: View): Rect {
  return {
    x: -view.tx / view.k,
    y: -view.ty / view.k,
    width: view.width / view.k,
    height: view.height / view.k,
  };
}

const elScratch: ElementGeom[] = [];
const connScratch: ConnectionGeom[] = [];

export function drawFrame(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  view: View,
  ov: Overlays,
  p: Palette,
  labels: LabelCache,
  labelBudget: number,
): FrameStats {
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
  const frames: ElementGeom[] = [];
  for (const g of els) {
    const si = SHAPE_INDEX.get(g.spec.shape)!;
    if (si === 0) frames.push(g);
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
  if (labelsLegible(k, FRAME_FONT_SIZE) && frames.length) {
    ctx.font = FRAME_FONT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = p.textMuted;
    for (const g of frames) {
      ctx.globalAlpha = hl && !hl.has(g.id) ? DIM_ALPHA : 1;
      const t = labels.fit(FRAME_FONT, g.rec.label, g.w - 24);
      if (t) ctx.fillText(t, g.x + 12, g.y + FRAME_TITLE_HEIGHT / 2 + 2);
    }
    ctx.globalAlpha = 1;
  }

  drawConnections(ctx, conns, hl, p, k);
  drawShapeSlots(ctx, buckets, 1, SHAPES.length - 1, p, k);

  // Labels.
  let labelCount = 0;
  if (labelsLegible(k)) {
    const cands: ElementGeom[] = [];
    for (const g of els) if (g.spec.shape !== 'frame' && g.rec.label) cands.push(g);
    const important = (id: string): boolean =>
      ov.selection.has(id) || ov.hover === id || (hl !== null && hl.has(id));
    const chosen = pickLabels(cands, labelBudget, important);
    ctx.font = LABEL_FONT;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = p.text;
    // The context's normalised form of the colour, so the comparison in drawElementLabel holds.
    const textColor = ctx.fillStyle;
    for (let pass = 0; pass < (hl ? 2 : 1); pass++) {
      ctx.globalAlpha = pass === 1 ? DIM_ALPHA : 1;
      for (const g of chosen) {
        if (hl && hl.has(g.id) === (pass === 1)) continue;
        labelCount += drawElementLabel(ctx, g, labels, textColor, fills);
      }
    }
    ctx.globalAlpha = 1;
    if (labelsLegible(k, CONNECTION_FONT_SIZE) && labelCount < labelBudget) {
      ctx.font = CONNECTION_FONT;
      ctx.fillStyle = p.textMuted;
      for (const c of conns) {
        if (!c.drawable || !c.rec.label || labelCount >= labelBudget) continue;
        const t = labels.fit(CONNECTION_FONT, c.rec.label, 160);
        const mx = 0.25 * c.x0 + 0.5 * c.qx + 0.25 * c.x1;
        const my = 0.25 * c.y0 + 0.5 * c.qy + 0.25 * c.y1;
        const w = labels.width(CONNECTION_FONT, t);
        ctx.globalAlpha = hl && !hl.has(c.id) ? DIM_ALPHA : 1;
        ctx.fillStyle = p.bg;
        ctx.fillRect(
          mx - w / 2 - 3,
          my - 8 - CONNECTION_FONT_SIZE / 2,
          w + 6,
          CONNECTION_FONT_SIZE + 4,
        );
        ctx.fillStyle = p.textMuted;
        ctx.fillText(t, mx, my - 6);
        labelCount++;
      }
      ctx.globalAlpha = 1;
    }
  }

  drawOverlays(ctx, scene, view, ov, p, hl, labels);
  // On top of selection outlines (they share the selection colour); in screen pixels.
  drawEvidenceBadges(ctx, scene, view, ov.badges ?? null, p);
  return { elements: els.length, connections: conns.length, labels: labelCount };
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
        ctx.beginPath();
        if (tiny) for (const g of list) ctx.rect(g.x, g.y, g.w, g.h);
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

function drawElementLabel(
  ctx: CanvasRenderingContext2D,
  g: ElementGeom,
  labels: LabelCache,
  text: string,
  fills: ReadonlyMap<string, string> | undefined,
): number {
  const label = g.rec.label;
  const custom =
    g.spec.label === 'below' ? undefined : (safeColor(fills?.get(g.id)) ?? safeColor(g.rec.color));
  const want = custom ? textOn(custom) : text;
  if (ctx.fillStyle !== want) ctx.fillStyle = want;
  if (g.spec.label === 'below') {
    const t = labels.fit(LABEL_FONT, label, 150);
    if (!t) return 0;
    ctx.fillText(t, g.cx, g.y + g.h + 12);
    return 1;
  }
  if (g.spec.shape === 'note') {
    const lh = LABEL_FONT_SIZE + 3;
    const lines = labels.wrap(
      LABEL_FONT,
      label,
      g.w - 20,
      Math.max(1, Math.floor((g.h - 16) / lh)),
    );
    const top = g.cy - ((lines.length - 1) * lh) / 2;
    for (let i = 0; i < lines.length; i++) ctx.fillText(lines[i]!, g.cx, top + i * lh);
    return lines.length ? 1 : 0;
  }
  const inset = g.spec.shape === 'chevron' ? 44 : 18;
  const t = labels.fit(LABEL_FONT, label, g.w - inset);
  if (!t) return 0;
  ctx.fillText(t, g.spec.shape === 'chevron' ? g.cx + 2 : g.cx, g.cy + 1);
  return 1;
}

type ConnStyle = 0 | 1 | 2 | 3 | 4; // causal +, causal -, causal unsigned, relationship, proposed

function connStyle(c: ConnectionGeom): ConnStyle {
  if (c.rec.proposed) return 4;
  if (c.rec.kind === 'relationship') return 3;
  return c.rec.polarity === '+' ? 0 : c.rec.polarity === '-' ? 1 : 2;
}

function styleColor(s: ConnStyle, p: Palette): string {
  return s === 0 ? p.positive : s === 1 ? p.negative : s === 2 ? p.causal : p.relationship;
}

function drawConnections(
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
  const glyphs = BADGE_R * 2 * k >= 9;
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
      if (glyphs && (style === 0 || style === 1)) {
        // Polarity badge near the arrowhead: a disc with + or - drawn as strokes (shape, not
        // just colour, tells them apart).
        ctx.beginPath();
        for (const c of list) {
          const b = badgeCenter(c);
          ctx.moveTo(b.x + BADGE_R, b.y);
          ctx.arc(b.x, b.y, BADGE_R, 0, Math.PI * 2);
        }
        ctx.fillStyle = p.bg;
        ctx.fill();
        ctx.lineWidth = 1.5;
        ctx.stroke();
        ctx.beginPath();
        const r = BADGE_R * 0.55;
        for (const c of list) {
          const b = badgeCenter(c);
          ctx.moveTo(b.x - r, b.y);
          ctx.lineTo(b.x + r, b.y);
          if (style === 0) {
            ctx.moveTo(b.x, b.y - r);
            ctx.lineTo(b.x, b.y + r);
          }
        }
        ctx.lineWidth = 2;
        ctx.stroke();
      }
    }
  }
  ctx.globalAlpha = 1;
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
function along(c: ConnectionGeom, t: number): { x: number; y: number; ux: number; uy: number } {
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

/** Two short strokes across the middle of the line: the usual delay mark. */
export function appendDelayMark(ctx: CanvasPath, c: ConnectionGeom): void {
  const a = along(c, 0.5);
  for (const s of [-2.5, 2.5]) {
    const x = a.x + a.ux * s;
    const y = a.y + a.uy * s;
    ctx.moveTo(x - a.uy * 7, y + a.ux * 7);
    ctx.lineTo(x + a.uy * 7, y - a.ux * 7);
  }
}

/** Where the polarity badge sits: on the line, just before the arrowhead. */
export function badgeCenter(c: ConnectionGeom): { x: number; y: number } {
  const len = Math.hypot(c.x1 - c.x0, c.y1 - c.y0) || 1;
  const t = Math.max(0.5, 1 - (ARROW_LEN + BADGE_R + 6) / len);
  const a = along(c, t);
  return { x: a.x, y: a.y };
}

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

function drawOverlays(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  view: View,
  ov: Overlays,
  p: Palette,
  hl: ReadonlySet<string> | null,
  labels: LabelCache,
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
