import type { Rect } from './geometry';
import type { View } from './draw-types';
import { FONT_FAMILY } from './label-layout';
import type { LabelCache } from './labels';
import type { ElementGeom } from './scene';
import { safeColor, type Palette } from './theme';

/**
 * The network lens's marks on the map: a broker badge (a small diamond at an element's top-left
 * corner) and the legend (what each colour means), both in screen pixels so they read at any
 * zoom. The legend's box is kept free of labels (label-layout.ts takes it as reserved).
 */

export interface MapLegend {
  readonly title: string;
  readonly entries: readonly { readonly label: string; readonly color: string }[];
  /** Adds a "broker" row for the badge. */
  readonly brokers?: boolean;
}

const LEGEND_FONT = `12px ${FONT_FAMILY}`;
const TITLE_FONT = `600 12px ${FONT_FAMILY}`;
const ROW = 18;
const PAD = 8;
const MAX_ROWS = 10;
const MAX_TEXT = 180;
const BROKER_R = 6;

interface LegendRow {
  readonly text: string;
  readonly color: string | null;
  readonly broker?: boolean;
}

function legendRows(legend: MapLegend, labels: LabelCache): LegendRow[] {
  const rows: LegendRow[] = legend.entries
    .slice(0, MAX_ROWS)
    .map((e) => ({ text: labels.fit(LEGEND_FONT, e.label, MAX_TEXT), color: e.color }));
  if (legend.entries.length > MAX_ROWS)
    rows.push({ text: `and ${legend.entries.length - MAX_ROWS} more`, color: null });
  if (legend.brokers) rows.push({ text: 'broker', color: null, broker: true });
  return rows;
}

/** The legend's box on screen (CSS px, bottom-left corner of the canvas). */
export function legendBox(legend: MapLegend | null, view: View, labels: LabelCache): Rect | null {
  if (!legend || (!legend.entries.length && !legend.brokers)) return null;
  const rows = legendRows(legend, labels);
  let w = labels.width(TITLE_FONT, legend.title);
  for (const r of rows) w = Math.max(w, 18 + labels.width(LEGEND_FONT, r.text));
  const width = Math.ceil(w + 2 * PAD);
  const height = (rows.length + 1) * ROW + 2 * PAD - 4;
  return { x: 12, y: view.height - 12 - height, width, height };
}

export function drawLegend(
  ctx: CanvasRenderingContext2D,
  legend: MapLegend | null,
  box: Rect | null,
  view: View,
  p: Palette,
  labels: LabelCache,
): void {
  if (!legend || !box) return;
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
  ctx.globalAlpha = 0.94;
  ctx.fillStyle = p.bg;
  ctx.strokeStyle = p.textMuted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, 6);
  ctx.fill();
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = TITLE_FONT;
  ctx.fillStyle = p.text;
  let y = box.y + PAD + ROW / 2 - 2;
  ctx.fillText(legend.title, box.x + PAD, y);
  ctx.font = LEGEND_FONT;
  for (const r of legendRows(legend, labels)) {
    y += ROW;
    const color = safeColor(r.color ?? undefined);
    if (color) {
      ctx.fillStyle = color;
      ctx.fillRect(box.x + PAD, y - 5, 10, 10);
    } else if (r.broker) appendDiamond(ctx, box.x + PAD + 5, y, BROKER_R, p);
    ctx.fillStyle = r.color || r.broker ? p.text : p.textMuted;
    ctx.fillText(r.text, box.x + PAD + 18, y + 0.5);
  }
}

function appendDiamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, p: Palette) {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
  ctx.fillStyle = p.highlight;
  ctx.fill();
  ctx.strokeStyle = p.bg;
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

/** A diamond at the top-left corner of each visible broker (screen px). */
export function drawBrokerBadges(
  ctx: CanvasRenderingContext2D,
  els: readonly ElementGeom[],
  brokers: ReadonlySet<string> | undefined,
  view: View,
  p: Palette,
): void {
  if (!brokers || brokers.size === 0) return;
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
  for (const g of els) {
    if (!brokers.has(g.id)) continue;
    appendDiamond(ctx, g.x * view.k + view.tx, g.y * view.k + view.ty, BROKER_R, p);
  }
}
