import type { MapSnapshot } from '../../shared/schema/types';
import { drawFrame, type FrameStats, type View } from './draw';
import type { Rect } from './geometry';
import { LABEL_FONT } from './label-layout';
import { LabelCache } from './labels';
import type { Measure } from './label-fit';
import { Scene, type ElementEncodings } from './scene';
import type { Palette } from './theme';

/**
 * The map as a still image, drawn by the same code as the live editor (`drawFrame`), with no
 * overlays (selection, cursors, hover) and no label budget. Used by "Export Image".
 */

/** What part of the map an image shows and how many device pixels it spends on it. */
export interface ImageFrame {
  /** The part of the map to draw, in map units. */
  readonly rect: Rect;
  /** Map zoom the image is drawn at: 1 draws a map unit as one CSS pixel (labels need >= 0.54). */
  readonly zoom: number;
  /** Device pixels per CSS pixel: the export's 1x, 2x or 4x. */
  readonly pixelRatio: number;
}

/** Chromium refuses canvases past 16,384 pixels a side or about 268 million pixels in all. */
export const MAX_IMAGE_SIDE = 16_384;
export const MAX_IMAGE_PIXELS = 120_000_000;

/** A scene for `snapshot` (element boxes, connection lines), as the renderer would build it. */
export function sceneFor(snapshot: MapSnapshot, encodings?: ElementEncodings | null): Scene {
  const scene = new Scene(canvasMeasure());
  if (encodings) scene.setEncodings(encodings);
  scene.update(snapshot);
  return scene;
}

/** Bounds of everything drawn for `snapshot`, padded by `padding` map units; null when empty. */
export function mapBounds(scene: Scene, padding = 40): Rect | null {
  const b = scene.contentBounds();
  if (!b) return null;
  return {
    x: b.x - padding,
    y: b.y - padding,
    width: b.width + 2 * padding,
    height: b.height + 2 * padding,
  };
}

/** The image's size in CSS pixels (before `pixelRatio`). */
export function frameCssSize(frame: ImageFrame): { width: number; height: number } {
  return {
    width: Math.max(1, Math.ceil(frame.rect.width * frame.zoom)),
    height: Math.max(1, Math.ceil(frame.rect.height * frame.zoom)),
  };
}

/**
 * The largest pixel ratio up to `wanted` at which a `cssWidth` x `cssHeight` image stays within
 * what the browser can allocate (`MAX_IMAGE_SIDE`, `MAX_IMAGE_PIXELS`).
 */
export function fitPixelRatio(cssWidth: number, cssHeight: number, wanted: number): number {
  const side = MAX_IMAGE_SIDE / Math.max(cssWidth, cssHeight, 1);
  const area = Math.sqrt(MAX_IMAGE_PIXELS / Math.max(cssWidth * cssHeight, 1));
  return Math.max(0.01, Math.min(wanted, side, area));
}

/**
 * Draws `frame` of the map onto `ctx` with its top-left corner at the canvas's (0, 0): the
 * background, frames, connections with arrowheads, polarity badges and delay marks, shapes and
 * every label that is legible at `frame.zoom`. The canvas must be at least the frame's size in
 * device pixels (`frameCssSize` x `pixelRatio`).
 */
export function drawMapImage(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  frame: ImageFrame,
  palette: Palette,
): FrameStats {
  const { width, height } = frameCssSize(frame);
  const view: View = {
    k: frame.zoom,
    tx: -frame.rect.x * frame.zoom,
    ty: -frame.rect.y * frame.zoom,
    width,
    height,
    dpr: frame.pixelRatio,
  };
  const labels = new LabelCache((font, text) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  });
  const stats = drawFrame(
    ctx,
    scene,
    view,
    {
      selection: new Set(),
      hover: null,
      highlight: null,
      remoteSelections: [],
      cursors: [],
      rubberBand: null,
      connectionPreview: null,
      handleFor: null,
    },
    palette,
    labels,
    Number.MAX_SAFE_INTEGER,
  );
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  return stats;
}

/** The frame drawn on a new (detached) canvas of exactly its size. */
export function renderToCanvas(
  snapshot: MapSnapshot,
  frame: ImageFrame,
  palette: Palette,
  encodings?: ElementEncodings | null,
): HTMLCanvasElement {
  const { width, height } = frameCssSize(frame);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * frame.pixelRatio);
  canvas.height = Math.ceil(height * frame.pixelRatio);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('This browser cannot draw the image: Canvas 2D is unavailable.');
  drawMapImage(ctx, sceneFor(snapshot, encodings), frame, palette);
  return canvas;
}

/**
 * Label widths measured by a canvas (so boxes match the screen's), where one exists (a page or a
 * worker with OffscreenCanvas); undefined elsewhere (the scene then estimates).
 */
export function canvasMeasure(): Measure | undefined {
  const ctx =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(1, 1).getContext('2d')
      : typeof document === 'object'
        ? document.createElement('canvas').getContext('2d')
        : null;
  if (!ctx) return undefined;
  ctx.font = LABEL_FONT;
  const cache = new LabelCache((_font, text) => ctx.measureText(text).width);
  return (text) => cache.width(LABEL_FONT, text);
}
