import type { Rect } from './geometry';
import type { ElementGeom } from './scene';
import type { VoteDots } from './draw-votes';
import type { LoopMarkerAnchor } from './loop-markers';
import type { MapLegend } from './draw-marks';

/** What a frame is drawn from besides the scene: the view and the per-person overlays. */

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
  /** Dot votes per element; see draw-votes.ts. */
  readonly voteDots?: ReadonlyMap<string, VoteDots> | null;
  /** Loop markers' anchors (map units); see loop-markers.ts. */
  readonly loopMarkers?: readonly LoopMarkerAnchor[];
  /** The network lens's legend, bottom left; see draw-marks.ts. */
  readonly legend?: MapLegend | null;
}

export interface FrameStats {
  readonly elements: number;
  readonly connections: number;
  readonly labels: number;
}

/** Connect handle radius, CSS px. */
export const HANDLE_RADIUS = 6;

/** Where an element's connect handle sits, in map units: the middle of its right edge. */
export function handlePosition(g: ElementGeom): { x: number; y: number } {
  return { x: g.x + g.w, y: g.cy };
}

/** Whether screen point (px, py) is on `g`'s connect handle at view (k, tx, ty); frames have none. */
export function onHandle(g: ElementGeom | undefined, px: number, py: number, v: View): boolean {
  if (!g || g.spec.shape === 'frame') return false;
  const h = handlePosition(g);
  return Math.hypot(h.x * v.k + v.tx - px, h.y * v.k + v.ty - py) <= HANDLE_RADIUS + 3;
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
