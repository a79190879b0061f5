import type { MapSnapshot } from '../../shared/schema/types';
import type { ConnectionPreview, FrameStats, RemoteCursor } from './draw';
import type { Point, Rect } from './geometry';
import type { Hit } from './hit-test';
import type { EditorIntents } from './interaction';
import type { PlacedLabel } from './label-layout';
import type { ElementEncodings, Scene, SceneChange } from './scene';
import type { WhatIfMarks } from './draw-whatif';
import type { Palette } from './theme';
import type { VoteDots } from './draw-votes';
import type { LoopMarkerAnchor, LoopMarkerSpec } from './loop-markers';
import type { MapLegend } from './draw-marks';
import type { EditorState } from './editor-state';

/** The renderer's public surface (renderer.ts builds it). */

export interface Viewport {
  /** The visible part of the map, in map units. */
  readonly rect: Rect;
  readonly zoom: number;
  readonly transform: { readonly k: number; readonly x: number; readonly y: number };
}

export interface MapRendererOptions {
  readonly palette?: Palette;
  /**
   * Where the selection lives and the viewport is reported (the workbench's store); the
   * renderer makes its own when none is given (benchmarks, tests).
   */
  readonly state?: EditorState;
  readonly intents?: EditorIntents;
  readonly readOnly?: boolean;
  /** What a plain drag on empty space does: pan (default) or draw a selection box. */
  readonly emptyDrag?: 'pan' | 'select';
  readonly minZoom?: number;
  readonly maxZoom?: number;
  readonly labelBudget?: number;
  /** Draw labels (default); false draws shapes and lines only (benchmarks compare the two). */
  readonly labels?: boolean;
  readonly onViewportChange?: (v: Viewport) => void;
  /** After each drawn frame (benchmarks, diagnostics). */
  readonly onFrame?: (stats: FrameStats & { readonly ms: number }) => void;
}

export interface MapRenderer {
  readonly scene: Scene;
  setSnapshot(next: MapSnapshot): SceneChange;
  setTheme(palette: Palette): void;
  /** Selects through the editor state (the workbench selects through the state itself). */
  setSelection(ids: Iterable<string>): void;
  /** What is drawn as selected: the state's selection, or a box selection being dragged. */
  getSelection(): ReadonlySet<string>;
  setHover(id: string | null): void;
  /** Keeps `ids` (elements and connections) at full strength and dims the rest; null clears. */
  setHighlight(ids: Iterable<string> | null): void;
  /** What is kept at full strength now (the highlight, else the focus; null: nothing dimmed). */
  getHighlight(): ReadonlySet<string> | null;
  /**
   * Keeps `ids` at full strength, under any `setHighlight` (hovers come and go over it), until
   * a selection that leaves them (or an empty one) or `setFocus(null)`. `frame` + this: a view
   * shows its item on the map.
   */
  setFocus(ids: Iterable<string> | null): void;
  /** Loop markers to draw (circle, R1/B2, name) inside their loops; null: none. */
  setLoopMarkers(specs: readonly LoopMarkerSpec[] | null): void;
  /** Where the markers are anchored now (map units), for tests and the export. */
  loopMarkers(): readonly LoopMarkerAnchor[];
  /** A legend drawn bottom left (the network lens's cluster colours, the broker badge). */
  setLegend(legend: MapLegend | null): void;
  getLegend(): MapLegend | null;
  /** Per-element fill, size and lens (hidden elements); null clears. See `ElementEncodings`. */
  setEncodings(encodings: ElementEncodings | null): void;
  /** What-if marks, drawn by a layer over the map without repainting it (draw-whatif.ts). */
  readonly whatIf: WhatIfMarks;
  setRemoteSelections(list: readonly { id: string; color: string; ids: Iterable<string> }[]): void;
  setCursors(cursors: readonly RemoteCursor[]): void;
  /** Evidence counts per element or connection id (a badge each); null clears. */
  setEvidenceBadges(badges: ReadonlyMap<string, number> | null): void;
  /** Dot votes to draw on elements (see draw-votes.ts); null clears. */
  setVoteDots(dots: ReadonlyMap<string, VoteDots> | null): void;
  setRubberBand(rect: Rect | null): void;
  setConnectionPreview(p: ConnectionPreview | null): void;
  setReadOnly(readOnly: boolean): void;
  setEmptyDrag(mode: 'pan' | 'select'): void;
  hitTest(screen: Point): Hit | null;
  /** Element ids a box selection over `rect` (map units) takes. */
  elementsInRect(rect: Rect): string[];
  screenToMap(screen: Point): Point;
  mapToScreen(map: Point): Point;
  getTransform(): { k: number; x: number; y: number };
  getViewport(): Viewport;
  /** Zooms to `k`, keeping `center` (map units; default: the view's centre) in the middle. */
  zoomTo(k: number, center?: Point, durationMs?: number): void;
  /** Sets pan and zoom directly (screen = map * k + (x, y)). */
  setTransform(t: { k: number; x: number; y: number }, durationMs?: number): void;
  /** Frames everything on the map, leaving `padding` CSS px around it. */
  fitToContent(padding?: number, durationMs?: number): void;
  /** Frames the given elements and connections (never zooming in past 100%). */
  frame(ids: Iterable<string>, padding?: number, durationMs?: number): void;
  /**
   * The labels the last frame drew: which, where (screen rectangles, CSS px) and at what font
   * size. Tests assert legibility and overlaps on it; see label-layout.ts.
   */
  labelLayout(): readonly PlacedLabel[];
  setLabelsShown(on: boolean): void;
  /** Schedules a redraw on the next animation frame (several requests make one frame). */
  requestRender(): void;
  /** Draws now, synchronously. */
  renderNow(): FrameStats;
  /** Re-reads the canvas's CSS size and the device pixel ratio. */
  resize(): void;
  destroy(): void;
}
