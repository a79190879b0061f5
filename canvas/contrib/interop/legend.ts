import type { MapSnapshot } from '../../../shared/schema/types';
import { kindTitle } from '../../../shared/schema/vocab/element-kinds';
import { appendArrow, strokeFor } from '../../editor/draw';
import { FONT_FAMILY } from '../../editor/label-layout';
import { appendNoteFold, appendShape, shapeSpecFor, type ShapeKind } from '../../editor/shapes';
import type { Palette } from '../../editor/theme';
import type { Measure, Painter } from './painter';

/**
 * The legend under an exported image: the element kinds on the map, and the kinds of connection
 * (causal + and −, unsigned causal, relationship, delay, proposed), each with a small drawing
 * in the map's own style. Only what the map uses is listed.
 */

export type LegendKey =
  | 'factor'
  | 'intervention'
  | 'note'
  | 'frame'
  | 'person'
  | 'organization'
  | 'actorGroup'
  | 'community'
  | 'positive'
  | 'negative'
  | 'causal'
  | 'relationship'
  | 'delay'
  | 'proposed';

export interface LegendItem {
  readonly key: LegendKey;
  readonly label: string;
}

const LABELS: Record<LegendKey, string> = {
  factor: kindTitle('factor'),
  intervention: kindTitle('intervention'),
  note: kindTitle('note'),
  frame: 'Frame (group)',
  person: 'Actor: person',
  organization: 'Actor: organisation',
  actorGroup: 'Actor: group',
  community: 'Actor: community',
  positive: 'Causal + (same direction)',
  negative: 'Causal − (opposite direction)',
  causal: 'Causal (polarity not set)',
  relationship: 'Relationship (actors)',
  delay: 'Delay',
  proposed: 'Proposed introduction',
};

const ORDER: readonly LegendKey[] = Object.keys(LABELS) as LegendKey[];

/** The legend entries `snapshot` needs, in a fixed order (kinds, then connections). */
export function legendItems(snapshot: MapSnapshot, only?: ReadonlySet<string>): LegendItem[] {
  const used = new Set<LegendKey>();
  for (const e of snapshot.elements.values()) {
    if (only && !only.has(e.id)) continue;
    if (e.kind === 'actor') {
      const t = e.actorType;
      used.add(
        t === 'organization'
          ? 'organization'
          : t === 'group'
            ? 'actorGroup'
            : t === 'community'
              ? 'community'
              : 'person',
      );
    } else used.add(e.kind === 'group' ? 'frame' : e.kind);
  }
  for (const c of snapshot.connections.values()) {
    if (only && !only.has(c.id)) continue;
    if (c.proposed) used.add('proposed');
    else if (c.kind === 'relationship') used.add('relationship');
    else used.add(c.polarity === '+' ? 'positive' : c.polarity === '-' ? 'negative' : 'causal');
    if (c.delay) used.add('delay');
  }
  return ORDER.filter((k) => used.has(k)).map((key) => ({ key, label: LABELS[key] }));
}

export const LEGEND_FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
const TITLE_FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
const SWATCH_W = 40;
const SWATCH_H = 22;
const GAP = 8;
const ITEM_GAP = 22;
const ROW_H = 30;
const PAD = 16;
const TITLE = 'Legend';

export interface LegendLayout {
  readonly width: number;
  readonly height: number;
  readonly entries: readonly {
    readonly item: LegendItem;
    readonly x: number;
    readonly y: number;
  }[];
}

/**
 * Places the items left to right in rows of at most `maxWidth` CSS pixels (a row always takes
 * at least one item). `y` is the middle of an entry's row.
 */
export function layoutLegend(
  items: readonly LegendItem[],
  maxWidth: number,
  measure: Measure,
): LegendLayout {
  if (items.length === 0) return { width: 0, height: 0, entries: [] };
  const titleW = measure(TITLE_FONT, TITLE) + ITEM_GAP;
  const entries: { item: LegendItem; x: number; y: number }[] = [];
  let x = PAD + titleW;
  let row = 0;
  let widest = 0;
  for (const item of items) {
    const w = SWATCH_W + GAP + measure(LEGEND_FONT, item.label);
    if (x > PAD + titleW && x + w > maxWidth - PAD) {
      row++;
      x = PAD + titleW;
    }
    entries.push({ item, x, y: PAD + row * ROW_H + ROW_H / 2 });
    x += w;
    widest = Math.max(widest, x);
    x += ITEM_GAP;
  }
  return {
    width: Math.ceil(widest + PAD),
    height: Math.ceil(2 * PAD + (row + 1) * ROW_H),
    entries,
  };
}

const SHAPE_OF: Partial<Record<LegendKey, Parameters<typeof shapeSpecFor>[0]>> = {
  factor: { kind: 'factor' },
  intervention: { kind: 'intervention' },
  note: { kind: 'note' },
  frame: { kind: 'group' },
  person: { kind: 'actor', actorType: 'person' },
  organization: { kind: 'actor', actorType: 'organization' },
  actorGroup: { kind: 'actor', actorType: 'group' },
  community: { kind: 'actor', actorType: 'community' },
};

function swatchFill(key: LegendKey, p: Palette): string {
  const kind = SHAPE_OF[key]?.kind;
  return kind === 'factor'
    ? p.factor
    : kind === 'intervention'
      ? p.intervention
      : kind === 'note'
        ? p.note
        : kind === 'group'
          ? p.frame
          : p.actor;
}

/** Draws the legend with its top-left corner at (0, 0) of the painter, `width` wide. */
export function paintLegend(
  painter: Painter,
  layout: LegendLayout,
  width: number,
  palette: Palette,
): void {
  if (!layout.entries.length) return;
  painter.path(
    (p) => {
      p.moveTo(PAD, 0.5);
      p.lineTo(width - PAD, 0.5);
    },
    { stroke: palette.textMuted, lineWidth: 1 },
  );
  painter.text(TITLE, PAD, PAD + ROW_H / 2, {
    color: palette.textMuted,
    font: TITLE_FONT,
    align: 'left',
    weight: 'bold',
  });
  for (const { item, x, y } of layout.entries) {
    paintSwatch(painter, item.key, x, y, palette);
    painter.text(item.label, x + SWATCH_W + GAP, y, {
      color: palette.text,
      font: LEGEND_FONT,
      align: 'left',
    });
  }
}

function paintSwatch(painter: Painter, key: LegendKey, x: number, y: number, p: Palette): void {
  const rec = SHAPE_OF[key];
  if (rec) {
    const spec = shapeSpecFor(rec);
    // The shape at the swatch's height, keeping its proportions (wide shapes capped).
    const k = Math.min(SWATCH_H / spec.height, SWATCH_W / spec.width);
    const w = spec.width * k;
    const h = spec.height * k;
    const sx = x + (SWATCH_W - w) / 2;
    const sy = y - h / 2;
    const shape: ShapeKind = spec.shape;
    painter.path((path) => appendShape(path, shape, sx, sy, w, h), {
      fill: swatchFill(key, p),
      stroke: strokeFor(shape, p),
      lineWidth: 1.25,
    });
    if (shape === 'note')
      painter.path((path) => appendNoteFold(path, sx, sy, w, h), {
        stroke: strokeFor(shape, p),
        lineWidth: 1.25,
      });
    return;
  }
  const color =
    key === 'positive'
      ? p.positive
      : key === 'negative'
        ? p.negative
        : key === 'relationship' || key === 'proposed'
          ? p.relationship
          : p.causal;
  const x0 = x + 2;
  const x1 = x + SWATCH_W - 2;
  painter.path(
    (path) => {
      path.moveTo(x0, y);
      path.lineTo(x1, y);
      if (key === 'delay') {
        const mx = (x0 + x1) / 2;
        for (const s of [-2.5, 2.5]) {
          path.moveTo(mx + s, y - 7);
          path.lineTo(mx + s, y + 7);
        }
      }
    },
    {
      stroke: color,
      lineWidth: key === 'relationship' ? 1.25 : 1.6,
      ...(key === 'proposed' ? { dash: [6, 5] } : {}),
    },
  );
  if (key !== 'relationship')
    painter.path((path) => appendArrow(path, x1, y, 1, 0), { fill: color });
  // The sign beside the arrowhead, as the map draws it.
  if (key === 'positive' || key === 'negative')
    painter.text(key === 'positive' ? '+' : '−', x1 - 6, y - 9, {
      color,
      font: `15px ${FONT_FAMILY}`,
      align: 'center',
      weight: 'bold',
      halo: { color: p.bg, width: 4.5 },
    });
}
