import type { MapSnapshot } from '../../../shared/schema/types';
import {
  drawMapImage,
  fitPixelRatio,
  frameCssSize,
  sceneFor,
  type ImageFrame,
} from '../../editor/export-image';
import type { Rect } from '../../editor/geometry';
import type { Palette } from '../../editor/theme';
import { layoutLegend, legendItems } from './legend';
import { paintLegend } from './legend';
import { CanvasPainter } from './painter';

/**
 * The map as a PNG: drawn by the editor's own drawing code onto a detached canvas, with the
 * legend below it. Images the browser could not allocate are drawn at a smaller scale (said).
 */

export interface PngOptions {
  readonly palette: Palette;
  /** The part of the map to draw, in map units. */
  readonly rect: Rect;
  /** CSS pixels per map unit before `scale` (1 for the whole map; the view's zoom for the view). */
  readonly zoom: number;
  /** 1, 2 or 4. */
  readonly scale: number;
  readonly legend: boolean;
}

export interface PngImage {
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
  /** The scale drawn at: less than asked when the image would have been too large. */
  readonly scale: number;
}

export async function mapToPng(snapshot: MapSnapshot, o: PngOptions): Promise<PngImage> {
  const scene = sceneFor(snapshot);
  const measureCtx = document.createElement('canvas').getContext('2d');
  if (!measureCtx) throw new Error('This browser cannot draw images: Canvas 2D is unavailable.');
  const measure = (font: string, text: string): number => {
    measureCtx.font = font;
    return measureCtx.measureText(text).width;
  };
  const base: ImageFrame = { rect: o.rect, zoom: o.zoom, pixelRatio: 1 };
  const mapCss = frameCssSize(base);
  const shown = new Set<string>();
  for (const g of scene.elementIndex.query(o.rect)) shown.add(g.id);
  for (const c of scene.connectionIndex.query(o.rect)) shown.add(c.id);
  const legend = o.legend
    ? layoutLegend(legendItems(snapshot, shown), Math.max(mapCss.width, 360), measure)
    : { width: 0, height: 0, entries: [] };
  // Everything in CSS pixels at 1x, then one factor for the scale (reduced if too large).
  const cssW = Math.max(mapCss.width, legend.width);
  const cssH = mapCss.height + legend.height;
  const scale = fitPixelRatio(cssW, cssH, o.scale);
  const frame: ImageFrame = { rect: o.rect, zoom: o.zoom * scale, pixelRatio: 1 };
  const map = frameCssSize(frame);
  const width = Math.max(map.width, Math.ceil(legend.width * scale));
  const height = map.height + Math.ceil(legend.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('This browser cannot draw images: Canvas 2D is unavailable.');
  ctx.fillStyle = o.palette.bg;
  ctx.fillRect(0, 0, width, height);
  drawMapImage(ctx, scene, frame, o.palette);
  if (legend.entries.length) {
    ctx.setTransform(scale, 0, 0, scale, 0, map.height);
    paintLegend(new CanvasPainter(ctx), legend, width / scale, o.palette);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The browser could not encode the PNG (the image may be too large).');
  return { blob, width, height, scale };
}
