import type { MapSnapshot } from '../../../shared/schema/types';
import { appendArrow, appendDelayMark, fillFor, strokeFor, textOn } from '../../editor/draw';
import { polarityMark } from '../../editor/draw-connections';
import { paintSketch } from '../../editor/draw-sketch';
import { FONT_FAMILY, layoutLabels, type PlacedLabel } from '../../editor/label-layout';
import { sceneFor, mapBounds } from '../../editor/export-image';
import type { Rect } from '../../editor/geometry';
import { LabelCache } from '../../editor/labels';
import { lineWidthForWeight } from '../../editor/line-weight';
import type { ConnectionGeom, ElementGeom } from '../../editor/scene';
import { appendNoteFold, appendShape } from '../../editor/shapes';
import { safeColor, type Palette } from '../../editor/theme';
import { layoutLegend, legendItems, paintLegend } from './legend';
import { escapeXml, estimateWidth, round, SvgPainter, type Measure } from './painter';

/**
 * The map as a standalone SVG document, drawn by the editor's rules and colours: every element
 * kind's shape, frames, connections (curved when parallel) with arrowheads, the polarity as a
 * `+`/`−` sign beside the arrowhead (`polarityMark`, as on screen), delay marks, labels placed by
 * the editor's label layout (wrapped, never over their box's edge), and a legend. All text is escaped; nothing from the map becomes markup.
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
  const highlight = options.highlight ?? null;
  drawMap(svg, els, conns, p, zoom, options.fill, highlight);
  svg.raw('</g>');
  const layout = layoutLabels({
    scene,
    view: { k: zoom, tx: -rect.x * zoom, ty: -rect.y * zoom, width: mapW, height: mapH },
    elements: els,
    connections: conns,
    selection: new Set(),
    hover: null,
    highlight,
    labels,
    budget: Number.MAX_SAFE_INTEGER,
  });
  drawLabelLayout(svg, layout, els, p, options.fill, highlight);
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
  fills: ReadonlyMap<string, string> | undefined,
  highlight: ReadonlySet<string> | null,
): void {
  const shapeWidth = Math.max(1.25, 0.75 / zoom);
  const paintShape = (g: ElementGeom) => dimmed(svg, highlight, g.id, () => paintShapeNow(g));
  const paintShapeNow = (g: ElementGeom) => {
    if (g.spec.shape === 'text') return; // words without boxes: the label is the element
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
    paintSketch(svg, g, p, zoom); // a Graphs-over-Time card's chart (draw-sketch.ts)
  };

  // Frames behind everything (their titles are labels, below).
  for (const g of els) if (g.spec.shape === 'frame') paintShape(g);

  for (const c of conns) dimmed(svg, highlight, c.id, () => drawConnection(svg, c, p, zoom));
  for (const g of els) if (g.spec.shape !== 'frame') paintShape(g);
}

/** Draws `paint` dimmed when a highlight leaves `id` out, as the live map dims it. */
function dimmed(
  svg: SvgPainter,
  highlight: ReadonlySet<string> | null,
  id: string,
  paint: () => void,
): void {
  const dim = highlight !== null && !highlight.has(id);
  if (dim) svg.raw('<g opacity="0.25">');
  paint();
  if (dim) svg.raw('</g>');
}

/**
 * The labels, placed by the editor's own label layout at the export's zoom (wrapped on up to three
 * lines inside their boxes, under actors, frame titles, connection labels where they cover no
 * other), in the export's CSS pixels. Labels outside a box sit on a plate of the background.
 */
function drawLabelLayout(
  svg: SvgPainter,
  layout: readonly PlacedLabel[],
  els: readonly ElementGeom[],
  p: Palette,
  fills: ReadonlyMap<string, string> | undefined,
  highlight: ReadonlySet<string> | null,
): void {
  const byId = new Map(els.map((g) => [g.id, g]));
  for (const l of layout)
    if (!l.inside)
      svg.path((path) => path.roundRect(l.x - 2, l.y - 1, l.width + 4, l.height + 2, 3), {
        fill: p.bg,
        opacity: 0.86,
      });
  for (const l of layout) {
    let color = l.kind === 'element' ? p.text : p.textMuted;
    // Words without a box (text-first factors) keep the text colour: there is no fill under them.
    if (l.inside && byId.get(l.id)?.spec.shape !== 'text') {
      const custom = safeColor(fills?.get(l.id) ?? byId.get(l.id)?.rec.color);
      if (custom) color = textOn(custom);
    }
    const font = `${Math.round(l.fontPx * 10) / 10}px ${FONT_FAMILY}`;
    const x = l.align === 'center' ? l.x + l.width / 2 : l.x;
    dimmed(svg, highlight, l.id, () =>
      l.lines.forEach((line, i) =>
        svg.text(line, x, l.y + (i + 0.5) * l.lineHeightPx, {
          color,
          font,
          align: l.align,
          ...(l.kind === 'title' ? { weight: 'bold' as const } : {}),
        }),
      ),
    );
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
  // The sign beside the arrowhead, as on screen (bold text on a halo of the background).
  const m = c.rec.proposed ? null : polarityMark(c, zoom);
  if (m)
    svg.text(m.text, m.x, m.y, {
      color: p[m.color],
      font: `${Math.round(m.size * 10) / 10}px ${FONT_FAMILY}`,
      align: 'center',
      weight: 'bold',
      halo: { color: p.bg, width: m.size * 0.3 },
    });
}
