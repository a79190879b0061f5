import type { MapSnapshot } from '../../../shared/schema/types';
import {
  appendArrow,
  appendDelayMark,
  badgeCenter,
  CONNECTION_FONT,
  CONNECTION_FONT_SIZE,
  fillFor,
  FRAME_FONT,
  LABEL_FONT,
  strokeFor,
  textOn,
} from '../../editor/draw';
import { sceneFor, mapBounds } from '../../editor/export-image';
import type { Rect } from '../../editor/geometry';
import { LABEL_FONT_SIZE, LabelCache } from '../../editor/labels';
import { lineWidthForWeight } from '../../editor/line-weight';
import type { ConnectionGeom, ElementGeom } from '../../editor/scene';
import { appendNoteFold, appendShape, FRAME_TITLE_HEIGHT } from '../../editor/shapes';
import { safeColor, type Palette } from '../../editor/theme';
import { layoutLegend, legendItems, paintBadge, paintLegend } from './legend';
import { escapeXml, estimateWidth, round, SvgPainter, type Measure } from './painter';

/**
 * The map as a standalone SVG document, in the editor's look: every element kind's shape, frames,
 * connections (curved when parallel) with arrowheads, polarity badges (+ / − drawn as strokes),
 * delay marks and labels, and a legend. All text is escaped; nothing from the map becomes markup.
 */

export interface SvgImageOptions {
  readonly palette: Palette;
  /** The part of the map to draw, in map units (default: all of it). */
  readonly rect?: Rect;
  /** CSS pixels per map unit (default 1; the current view passes its zoom). */
  readonly zoom?: number;
  /** Multiplies the document's width and height (1x, 2x, 4x); the drawing is vector anyway. */
  readonly scale?: number;
  readonly legend?: boolean;
  /** The image's accessible title (default: the map's title). */
  readonly title?: string;
  /** Text widths for fitting labels; the default estimates them from the font size. */
  readonly measure?: Measure;
  /** Prefix for the document's ids (several SVGs inline in one page need distinct ones). */
  readonly idPrefix?: string;
  /** Fill per element id over its own colour (a what-if moment), as the live map draws it. */
  readonly fill?: ReadonlyMap<string, string>;
  /** Keeps these elements and connections at full strength and dims the rest (a loop). */
  readonly highlight?: ReadonlySet<string> | null;
}

export interface SvgImage {
  readonly svg: string;
  /** Size in CSS pixels, before `scale`. */
  readonly width: number;
  readonly height: number;
  readonly elements: number;
  readonly connections: number;
}

const EMPTY_RECT: Rect = { x: 0, y: 0, width: 400, height: 200 };

function intersects(a: Rect, b: Rect): boolean {
  return (
    a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height
  );
}

export function mapToSvg(snapshot: MapSnapshot, options: SvgImageOptions): SvgImage {
  const p = options.palette;
  const zoom = options.zoom ?? 1;
  const scale = options.scale ?? 1;
  const measure = options.measure ?? estimateWidth;
  const labels = new LabelCache(measure);
  const scene = sceneFor(snapshot);
  const rect = options.rect ?? mapBounds(scene) ?? EMPTY_RECT;
  const mapW = Math.max(1, Math.ceil(rect.width * zoom));
  const mapH = Math.max(1, Math.ceil(rect.height * zoom));

  const els = scene.elementIndex
    .query(rect)
    .filter((g) => intersects(g.bounds, rect))
    .sort((a, b) => a.spec.layer - b.spec.layer || a.seq - b.seq);
  const conns = scene.connectionIndex
    .query(rect)
    .filter((c) => c.drawable && intersects(c.bounds, rect))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shown = new Set<string>([...els.map((g) => g.id), ...conns.map((c) => c.id)]);

  const items = options.legend === false ? [] : legendItems(snapshot, shown);
  const legend = layoutLegend(items, Math.max(mapW, 360), measure);
  const width = Math.max(mapW, legend.width);
  const height = mapH + legend.height;

  const title = options.title ?? (snapshot.meta.title || 'Weavemap map');
  const svg = new SvgPainter();
  const ids = (options.idPrefix ?? '').replace(/[^a-z0-9-]/gi, '') + 'wm-';
  svg.raw(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${round(width * scale)}" height="${round(height * scale)}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${ids}title">`,
  );
  svg.raw(`<title id="${ids}title">${escapeXml(title)}</title>`);
  svg.raw(
    `<desc>${escapeXml(`${els.length} elements and ${conns.length} connections, drawn by Weavemap.`)}</desc>`,
  );
  svg.raw(`<rect width="${width}" height="${height}" fill="${escapeXml(p.bg)}"/>`);
  svg.raw(
    `<clipPath id="${ids}clip"><rect x="${round(rect.x)}" y="${round(rect.y)}" width="${round(rect.width)}" height="${round(rect.height)}"/></clipPath>`,
  );
  svg.raw(
    `<g transform="scale(${round(zoom)}) translate(${round(-rect.x)} ${round(-rect.y)})" clip-path="url(#${ids}clip)">`,
  );
  drawMap(svg, els, conns, p, zoom, labels, options.fill, options.highlight ?? null);
  svg.raw('</g>');
  if (legend.entries.length) {
    svg.raw(`<g transform="translate(0 ${mapH})">`);
    paintLegend(svg, legend, width, p);
    svg.raw('</g>');
  }
  svg.raw('</svg>');
  return {
    svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg.parts.join('\n')}\n`,
    width,
    height,
    elements: els.length,
    connections: conns.length,
  };
}

function drawMap(
  svg: SvgPainter,
  els: readonly ElementGeom[],
  conns: readonly ConnectionGeom[],
  p: Palette,
  zoom: number,
  labels: LabelCache,
  fills: ReadonlyMap<string, string> | undefined,
  highlight: ReadonlySet<string> | null,
): void {
  const shapeWidth = Math.max(1.25, 0.75 / zoom);
  /** Draws `paint` dimmed when a highlight leaves `id` out, as the live map dims it. */
  const dimmed = (id: string, paint: () => void) => {
    const dim = highlight !== null && !highlight.has(id);
    if (dim) svg.raw('<g opacity="0.25">');
    paint();
    if (dim) svg.raw('</g>');
  };
  const paintShape = (g: ElementGeom) => dimmed(g.id, () => paintShapeNow(g));
  const paintShapeNow = (g: ElementGeom) => {
    const stroke = strokeFor(g.spec.shape, p);
    svg.path((path) => appendShape(path, g.spec.shape, g.x, g.y, g.w, g.h), {
      fill: fillFor(g, p, fills),
      stroke,
      lineWidth: shapeWidth,
    });
    if (g.spec.shape === 'note')
      svg.path((path) => appendNoteFold(path, g.x, g.y, g.w, g.h), {
        stroke,
        lineWidth: shapeWidth,
      });
  };

  // Frames behind everything, with their titles.
  const frames = els.filter((g) => g.spec.shape === 'frame');
  for (const g of frames) paintShape(g);
  for (const g of frames) {
    const t = labels.fit(FRAME_FONT, g.rec.label, g.w - 24);
    if (t)
      svg.text(t, g.x + 12, g.y + FRAME_TITLE_HEIGHT / 2 + 2, {
        color: p.textMuted,
        font: FRAME_FONT,
        align: 'left',
      });
  }

  for (const c of conns) dimmed(c.id, () => drawConnection(svg, c, p, zoom));
  for (const g of els) if (g.spec.shape !== 'frame') paintShape(g);

  for (const g of els) {
    if (g.spec.shape === 'frame' || !g.rec.label) continue;
    const custom =
      g.spec.label === 'below' ? undefined : safeColor(fills?.get(g.id) ?? g.rec.color);
    const style = {
      color: custom ? textOn(custom) : p.text,
      font: LABEL_FONT,
      align: 'center' as const,
    };
    dimmed(g.id, () => {
      if (g.spec.label === 'below') {
        svg.text(labels.fit(LABEL_FONT, g.rec.label, 150), g.cx, g.y + g.h + 12, style);
      } else if (g.spec.shape === 'note') {
        const lh = LABEL_FONT_SIZE + 3;
        const lines = labels.wrap(
          LABEL_FONT,
          g.rec.label,
          g.w - 20,
          Math.max(1, Math.floor((g.h - 16) / lh)),
        );
        const top = g.cy - ((lines.length - 1) * lh) / 2;
        lines.forEach((line, i) => svg.text(line, g.cx, top + i * lh, style));
      } else {
        const chevron = g.spec.shape === 'chevron';
        const t = labels.fit(LABEL_FONT, g.rec.label, g.w - (chevron ? 44 : 18));
        svg.text(t, chevron ? g.cx + 2 : g.cx, g.cy + 1, style);
      }
    });
  }

  for (const c of conns) {
    if (!c.rec.label) continue;
    const t = labels.fit(CONNECTION_FONT, c.rec.label, 160);
    if (!t) continue;
    const mx = 0.25 * c.x0 + 0.5 * c.qx + 0.25 * c.x1;
    const my = 0.25 * c.y0 + 0.5 * c.qy + 0.25 * c.y1;
    const w = labels.width(CONNECTION_FONT, t);
    svg.path(
      (path) =>
        path.rect(
          mx - w / 2 - 3,
          my - 8 - CONNECTION_FONT_SIZE / 2,
          w + 6,
          CONNECTION_FONT_SIZE + 4,
        ),
      { fill: p.bg },
    );
    svg.text(t, mx, my - 6, { color: p.textMuted, font: CONNECTION_FONT, align: 'center' });
  }
}

function connectionColor(c: ConnectionGeom, p: Palette): string {
  if (c.rec.proposed || c.rec.kind === 'relationship') return p.relationship;
  return c.rec.polarity === '+' ? p.positive : c.rec.polarity === '-' ? p.negative : p.causal;
}

function drawConnection(svg: SvgPainter, c: ConnectionGeom, p: Palette, zoom: number): void {
  const color = connectionColor(c, p);
  const relationship = c.rec.kind === 'relationship' && !c.rec.proposed;
  svg.path(
    (path) => {
      path.moveTo(c.x0, c.y0);
      if (c.curved) path.quadraticCurveTo(c.qx, c.qy, c.x1, c.y1);
      else path.lineTo(c.x1, c.y1);
      if (c.rec.delay) appendDelayMark(path, c);
    },
    {
      stroke: color,
      lineWidth: lineWidthForWeight(Math.max(relationship ? 1.25 : 1.6, 0.7 / zoom), c.rec.weight),
      ...(c.rec.proposed ? { dash: [6, 5] } : {}),
    },
  );
  const dir = c.rec.direction;
  if (dir !== 'undirected')
    svg.path(
      (path) => {
        appendArrow(path, c.x1, c.y1, c.x1 - c.qx, c.y1 - c.qy);
        if (dir === 'mutual') appendArrow(path, c.x0, c.y0, c.x0 - c.qx, c.y0 - c.qy);
      },
      { fill: color },
    );
  if (
    c.rec.kind === 'causal' &&
    !c.rec.proposed &&
    (c.rec.polarity === '+' || c.rec.polarity === '-')
  ) {
    const b = badgeCenter(c);
    paintBadge(svg, b.x, b.y, c.rec.polarity === '+', color, p.bg);
  }
}
