import type { ConnectionGeom, ElementGeom, Scene } from './scene';
import { LABEL_FONT_SIZE, LABEL_LINE_HEIGHT } from './label-fit';
import type { LabelCache } from './labels';
import { placeMarkerBlock, type PlacedMarker } from './draw-loop-markers';
import type { LoopMarkerAnchor } from './loop-markers';
import { Occupancy } from './occupancy';
import { placeConnectionLabels } from './connection-labels';

/**
 * Semantic zoom for text: which labels a frame draws, where (screen rectangles, CSS px) and at
 * what size. Shapes scale with the zoom; labels never go below `MIN_LABEL_PX` on screen. When
 * labels would overlap, the most important wins (selected, hovered, highlighted, frame titles,
 * then by number of connections) and the others give way. The renderer keeps the last layout
 * (`MapRenderer.labelLayout()`), so tests assert on what is drawn, not on pixels.
 */

/** No label is drawn smaller than this on screen (CSS px). */
export const MIN_LABEL_PX = 10;
/** Frame titles: never smaller than this (CSS px). */
export const MIN_TITLE_PX = 12;
/** When zoomed out, labels wrap at this on-screen width (CSS px). */
export const ZOOMED_OUT_WRAP_PX = 112;
export const FRAME_FONT_SIZE = 16;
export const CONNECTION_FONT_SIZE = 11;
/** Connection labels appear from this zoom (they are many, and secondary). */
export const CONNECTION_LABEL_ZOOM = 0.6;
/**
 * At most this many labels when zoomed out (labels at their minimum size): an overview reads by
 * its most connected factors, and text is what a software-rendered canvas draws slowest.
 */
export const ZOOMED_OUT_BUDGET = 150;
/** After this many labels in a row find no room, the screen is full: stop trying. */
const GIVE_UP_AFTER = 400;

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", sans-serif';
export const LABEL_FONT = `${LABEL_FONT_SIZE}px ${FONT_FAMILY}`;
export const FRAME_FONT = `600 ${FRAME_FONT_SIZE}px ${FONT_FAMILY}`;
export const CONNECTION_FONT = `${CONNECTION_FONT_SIZE}px ${FONT_FAMILY}`;

export type LabelKind = 'element' | 'title' | 'connection' | 'loop';

export interface PlacedLabel {
  readonly id: string;
  readonly kind: LabelKind;
  readonly lines: readonly string[];
  /** The text block on screen, CSS px. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fontPx: number;
  readonly lineHeightPx: number;
  readonly align: 'center' | 'left';
  /** True when the text sits wholly inside its element's box (drawn in the box's text colour). */
  readonly inside: boolean;
  /** A loop marker (kind 'loop'): its circle and name; `lines` are its code and name. */
  readonly marker?: PlacedMarker;
}

export interface LabelLayoutView {
  readonly k: number;
  readonly tx: number;
  readonly ty: number;
  readonly width: number;
  readonly height: number;
}

export interface LabelLayoutInput {
  readonly scene: Scene;
  readonly view: LabelLayoutView;
  /** Visible elements and connections (already culled, lens applied). */
  readonly elements: readonly ElementGeom[];
  readonly connections: readonly ConnectionGeom[];
  readonly selection: ReadonlySet<string>;
  readonly hover: string | null;
  readonly highlight: ReadonlySet<string> | null;
  readonly labels: LabelCache;
  readonly budget: number;
  /** Loop markers to place (map-unit anchors), after the selected and highlighted labels. */
  readonly markers?: readonly LoopMarkerAnchor[];
  /** Screen rectangles no label may cover (the legend). */
  readonly reserved?: readonly { x: number; y: number; width: number; height: number }[];
}

interface Candidate {
  readonly g: ElementGeom;
  readonly key: number;
}

/** Lines and size (map-font units) of an element's label at zoom k. */
function elementLines(
  g: ElementGeom,
  k: number,
  labels: LabelCache,
): { lines: readonly string[]; fontPx: number; zoomedIn: boolean } {
  const fontPx = Math.max(LABEL_FONT_SIZE * k, MIN_LABEL_PX);
  const zoomedIn = LABEL_FONT_SIZE * k >= MIN_LABEL_PX;
  if (g.spec.shape === 'note' && zoomedIn) {
    const lines = labels.wrap(
      LABEL_FONT,
      g.rec.label,
      g.w - 20,
      Math.max(1, Math.floor((g.h - 16) / LABEL_LINE_HEIGHT)),
    );
    return { lines, fontPx, zoomedIn };
  }
  if (zoomedIn) return { lines: g.lines, fontPx, zoomedIn };
  // Zoomed out: the label keeps its minimum size and wraps at a screen width of its own.
  const width = (ZOOMED_OUT_WRAP_PX * LABEL_FONT_SIZE) / fontPx;
  return { lines: labels.wrap(LABEL_FONT, g.rec.label, width, 3), fontPx, zoomedIn };
}

export function layoutLabels(input: LabelLayoutInput): PlacedLabel[] {
  const { scene, view, labels, selection, hover, highlight } = input;
  const { k, tx, ty } = view;
  const out: PlacedLabel[] = [];
  const occ = new Occupancy();
  for (const r of input.reserved ?? []) occ.add(r.x, r.y, r.width, r.height);
  const sx = (x: number): number => x * k + tx;
  const sy = (y: number): number => y * k + ty;
  // Whole labels only: one cut by the canvas's edge is not drawn (a neighbour spot may fit).
  const onScreen = (x: number, y: number, w: number, h: number): boolean =>
    x >= 0 && y >= 0 && x + w <= view.width && y + h <= view.height;

  // Priority: a smaller key is placed first.
  const cands: Candidate[] = [];
  for (const g of input.elements) {
    if (!g.rec.label) continue;
    const rank = selection.has(g.id)
      ? 0
      : hover === g.id
        ? 1
        : highlight?.has(g.id)
          ? 2
          : g.spec.shape === 'frame'
            ? 3
            : 4;
    const degree = Math.min(999, scene.connectionsOf(g.id).size);
    cands.push({ g, key: rank * 1e9 + (999 - degree) * 1e6 + (g.seq % 1e6) });
  }
  cands.sort((a, b) => a.key - b.key);

  let misses = 0;
  const budget =
    LABEL_FONT_SIZE * k < MIN_LABEL_PX ? Math.min(input.budget, ZOOMED_OUT_BUDGET) : input.budget;
  let markersPlaced = false;
  const placeMarkers = (): void => {
    markersPlaced = true;
    for (const a of input.markers ?? []) {
      const b = placeMarkerBlock(
        a,
        k,
        (x, y) => ({ x: sx(x), y: sy(y) }),
        labels,
        (x, y, w, h) => onScreen(x, y, w, h) && occ.free(x, y, w, h),
      );
      if (!b) continue;
      occ.add(b.x, b.y, b.width, b.height);
      out.push({
        id: a.spec.id,
        kind: 'loop',
        lines: [b.marker.code, ...b.marker.name],
        x: b.x,
        y: b.y,
        width: b.width,
        height: b.height,
        fontPx: b.marker.namePx,
        lineHeightPx: b.marker.namePx * 1.2,
        align: 'center',
        inside: false,
        marker: b.marker,
      });
    }
  };
  for (const { g, key } of cands) {
    // Markers right after what is selected, hovered or highlighted: before every other label.
    if (!markersPlaced && key >= 3e9) placeMarkers();
    if (out.length >= budget || misses > GIVE_UP_AFTER) break;
    const placed = g.spec.shape === 'frame' ? placeTitle(g) : placeElement(g);
    if (placed) {
      out.push(placed);
      occ.add(placed.x, placed.y, placed.width, placed.height);
      misses = 0;
    } else misses++;
  }

  if (!markersPlaced) placeMarkers();

  function placeElement(g: ElementGeom): PlacedLabel | null {
    const { lines, fontPx, zoomedIn } = elementLines(g, k, labels);
    if (!lines.length) return null;
    const scale = fontPx / LABEL_FONT_SIZE;
    let w = 0;
    for (const l of lines) w = Math.max(w, labels.width(LABEL_FONT, l));
    w *= scale;
    const lh = LABEL_LINE_HEIGHT * scale;
    const h = lines.length * lh;
    // Where the label may go, best first: under an actor (else above, right, left); inside a box
    // (else, when it spills out of it, above or below the box).
    const top = sy(g.y);
    const bottom = sy(g.y + g.h);
    const left = sx(g.x);
    const right = sx(g.x + g.w);
    const mid = sx(g.spec.shape === 'chevron' ? g.cx + 2 : g.cx) - w / 2;
    const spots: [number, number][] =
      g.spec.label === 'below'
        ? [
            [mid, bottom + 3],
            [mid, top - 3 - h],
            [right + 4, sy(g.cy) - h / 2],
            [left - 4 - w, sy(g.cy) - h / 2],
            [left, bottom + 3],
            [right - w, bottom + 3],
          ]
        : [[mid, sy(g.cy) - h / 2]];
    if (g.spec.label !== 'below' && (w > right - left || h > bottom - top))
      spots.push(
        [mid, top - 2 - h],
        [mid, bottom + 2],
        [right + 3, sy(g.cy) - h / 2],
        [left - 3 - w, sy(g.cy) - h / 2],
      );
    let x = 0;
    let y = 0;
    let found = false;
    for (const [px, py] of spots) {
      if (onScreen(px, py, w, h) && occ.free(px, py, w, h)) {
        x = px;
        y = py;
        found = true;
        break;
      }
    }
    if (!found) return null;
    const inside =
      zoomedIn &&
      g.spec.label !== 'below' &&
      x >= sx(g.x) &&
      x + w <= sx(g.x + g.w) &&
      y >= sy(g.y) &&
      y + h <= sy(g.y + g.h);
    return {
      id: g.id,
      kind: 'element',
      lines,
      x,
      y,
      width: w,
      height: h,
      fontPx,
      lineHeightPx: lh,
      align: 'center',
      inside,
    };
  }

  function placeTitle(g: ElementGeom): PlacedLabel | null {
    const fontPx = Math.max(FRAME_FONT_SIZE * k, MIN_TITLE_PX);
    const scale = fontPx / FRAME_FONT_SIZE;
    const maxW = Math.max(g.w * k - 24 * k, 160);
    const text = labels.fit(FRAME_FONT, g.rec.label, maxW / scale);
    if (!text) return null;
    const w = labels.width(FRAME_FONT, text) * scale;
    const h = fontPx * 1.25;
    const x = sx(g.x) + Math.max(12 * k, 4);
    const y = sy(g.y) + Math.max(((30 - FRAME_FONT_SIZE * 1.25) / 2) * k, 2);
    if (!onScreen(x, y, w, h) || !occ.free(x, y, w, h)) return null;
    return {
      id: g.id,
      kind: 'title',
      lines: [text],
      x,
      y,
      width: w,
      height: h,
      fontPx,
      lineHeightPx: h,
      align: 'left',
      inside: false,
    };
  }

  if (k >= CONNECTION_LABEL_ZOOM && out.length < input.budget)
    placeConnectionLabels(input, occ, onScreen, out);
  return out;
}
