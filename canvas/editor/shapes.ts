import type { ElementRecord } from '../../shared/schema/types';

/**
 * How each element kind looks: its outline, its size in map units and where its label goes.
 * Outlines are appended to a `CanvasPath` (a context or a Path2D) so one path can hold every
 * element of a style and be filled once per frame.
 */

export type ShapeKind =
  | 'roundRect'
  | 'circle'
  | 'square'
  | 'hexagon'
  | 'doubleCircle'
  | 'chevron'
  | 'note'
  | 'frame'
  /** Words without a box (the map's text-first factor style): the box is the text's bounds. */
  | 'text';

export type LabelPlacement = 'inside' | 'below' | 'title';

export interface ShapeSpec {
  readonly shape: ShapeKind;
  readonly width: number;
  readonly height: number;
  readonly label: LabelPlacement;
  /** Drawing layer: lower layers are drawn first and lose hit-tests to higher ones. */
  readonly layer: number;
}

const SPECS = {
  factor: { shape: 'roundRect', width: 140, height: 48, label: 'inside', layer: 2 },
  factorWords: { shape: 'text', width: 24, height: 20, label: 'inside', layer: 2 },
  intervention: { shape: 'chevron', width: 150, height: 48, label: 'inside', layer: 3 },
  note: { shape: 'note', width: 160, height: 100, label: 'inside', layer: 1 },
  group: { shape: 'frame', width: 360, height: 240, label: 'title', layer: 0 },
  person: { shape: 'circle', width: 52, height: 52, label: 'below', layer: 4 },
  organization: { shape: 'square', width: 56, height: 56, label: 'below', layer: 4 },
  actorGroup: { shape: 'hexagon', width: 62, height: 54, label: 'below', layer: 4 },
  community: { shape: 'doubleCircle', width: 64, height: 64, label: 'below', layer: 4 },
} as const satisfies Record<string, ShapeSpec>;

/** `words`: the map's text-first factor style (factors as words, no box). */
export function shapeSpecFor(
  rec: Pick<ElementRecord, 'kind' | 'actorType'>,
  words = false,
): ShapeSpec {
  switch (rec.kind) {
    case 'factor':
      return words ? SPECS.factorWords : SPECS.factor;
    case 'intervention':
      return SPECS.intervention;
    case 'note':
      return SPECS.note;
    case 'group':
      return SPECS.group;
    case 'actor':
      switch (rec.actorType) {
        case 'organization':
          return SPECS.organization;
        case 'group':
          return SPECS.actorGroup;
        case 'community':
          return SPECS.community;
        default:
          return SPECS.person;
      }
  }
}

/** Height of a group frame's title bar, in map units: the part of a frame that takes clicks. */
export const FRAME_TITLE_HEIGHT = 30;
/** Space kept around a group's children inside its frame. */
export const FRAME_PADDING = 28;

/**
 * Distance from a shape's centre to its outline in the unit direction (dx, dy): where a
 * connection ending at this element should stop.
 */
export function boundaryDistance(
  shape: ShapeKind,
  width: number,
  height: number,
  dx: number,
  dy: number,
): number {
  if (shape === 'circle' || shape === 'doubleCircle') return width / 2;
  const hw = width / 2;
  const hh = height / 2;
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  if (ax < 1e-9) return hh;
  if (ay < 1e-9) return hw;
  return Math.min(hw / ax, hh / ay);
}

/**
 * Whether (px, py) falls on the shape whose box starts at (x, y). Frames take clicks only on
 * their title bar and a thin border band, so empty space inside a frame still pans the map.
 */
export function shapeContains(
  shape: ShapeKind,
  x: number,
  y: number,
  width: number,
  height: number,
  px: number,
  py: number,
  border = 6,
): boolean {
  if (px < x || py < y || px > x + width || py > y + height) return false;
  switch (shape) {
    case 'circle':
    case 'doubleCircle': {
      const r = width / 2;
      const ex = px - (x + r);
      const ey = py - (y + height / 2);
      return ex * ex + ey * ey <= r * r;
    }
    case 'frame':
      return (
        py <= y + FRAME_TITLE_HEIGHT ||
        px <= x + border ||
        px >= x + width - border ||
        py >= y + height - border
      );
    default:
      return true;
  }
}

/** Appends the outline of a shape with box (x, y, w, h) to `p` as closed subpaths. */
export function appendShape(
  p: CanvasPath,
  shape: ShapeKind,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  switch (shape) {
    case 'roundRect':
    case 'square':
    case 'frame':
    case 'text':
      appendRoundRect(p, x, y, w, h, cornerRadius(shape, h));
      return;
    case 'circle': {
      const r = w / 2;
      p.moveTo(x + w, y + h / 2);
      p.arc(x + r, y + h / 2, r, 0, Math.PI * 2);
      p.closePath();
      return;
    }
    case 'doubleCircle': {
      const r = w / 2;
      const cx = x + r;
      const cy = y + h / 2;
      p.moveTo(cx + r, cy);
      p.arc(cx, cy, r, 0, Math.PI * 2);
      p.closePath();
      p.moveTo(cx + r * 0.72, cy);
      p.arc(cx, cy, r * 0.72, 0, Math.PI * 2);
      p.closePath();
      return;
    }
    case 'hexagon': {
      const q = w / 4;
      p.moveTo(x + q, y);
      p.lineTo(x + w - q, y);
      p.lineTo(x + w, y + h / 2);
      p.lineTo(x + w - q, y + h);
      p.lineTo(x + q, y + h);
      p.lineTo(x, y + h / 2);
      p.closePath();
      return;
    }
    case 'chevron': {
      const tip = h / 2.4;
      p.moveTo(x, y);
      p.lineTo(x + w - tip, y);
      p.lineTo(x + w, y + h / 2);
      p.lineTo(x + w - tip, y + h);
      p.lineTo(x, y + h);
      p.lineTo(x + tip, y + h / 2);
      p.closePath();
      return;
    }
    case 'note': {
      const fold = Math.min(18, h / 4);
      p.moveTo(x, y);
      p.lineTo(x + w - fold, y);
      p.lineTo(x + w, y + fold);
      p.lineTo(x + w, y + h);
      p.lineTo(x, y + h);
      p.closePath();
      return;
    }
  }
}

/** The folded corner of a sticky note, as an open stroke (drawn with the note's outline). */
export function appendNoteFold(p: CanvasPath, x: number, y: number, w: number, h: number): void {
  const fold = Math.min(18, h / 4);
  p.moveTo(x + w - fold, y);
  p.lineTo(x + w - fold, y + fold);
  p.lineTo(x + w, y + fold);
}

export function appendRoundRect(
  p: CanvasPath,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): void {
  // One native call (a rounded-rect contour) instead of four arcTo: the renderer appends
  // thousands of these a frame.
  p.roundRect(x, y, w, h, Math.max(0, Math.min(r, w / 2, h / 2)));
}

/** Corner radius of a shape with a box of height `h`, map units (0: square corners). */
export function cornerRadius(shape: ShapeKind, h: number): number {
  return shape === 'roundRect'
    ? Math.min(12, h / 3)
    : shape === 'square'
      ? 5
      : shape === 'frame'
        ? 10
        : shape === 'text'
          ? 4
          : 0;
}
