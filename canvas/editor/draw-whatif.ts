import type { View } from './draw-types';
import { visibleRect } from './draw-types';
import type { Scene, ElementGeom } from './scene';
import { appendShape } from './shapes';

/**
 * The what-if decoration layer: per-element marks (a tint, a ring whose width grows with the
 * size of the change, an arrow) drawn on a second canvas stacked over the map's, so that a
 * running what-if repaints only its marks, never the map: no label layout, no routing, no scene
 * change. A mark is keyed by element id; a step hands over only the marks that changed, and the
 * next frame redraws the marks of the elements in view (work proportional to what is on screen).
 */

export interface WhatIfMark {
  /** #rrggbb. */
  readonly fill: string;
  /** How far the factor has moved, 0..1 (the ring's width). */
  readonly size: number;
  /** +1 up, -1 down. */
  readonly direction: number;
}

/** Counts for tests and benches (work done, not time). */
export interface WhatIfLayerStats {
  /** Marks held. */
  readonly marks: number;
  /** Layer-only frames drawn (the map itself not repainted). */
  readonly frames: number;
  /** Frames in which the whole map was drawn (for any reason). */
  readonly mapFrames: number;
  /** Marks drawn on the last frame (those in view). */
  readonly drawn: number;
}

/** The renderer's what-if entry point (`renderer.whatIf`). */
export interface WhatIfMarks {
  /**
   * Applies the marks that changed (id -> mark; null removes one), or clears all (`null`);
   * the layer redraws on the next animation frame, the map is not repainted.
   */
  update(changes: ReadonlyMap<string, WhatIfMark | null> | null): void;
  stats(): WhatIfLayerStats;
}

/** Below this on-screen width (CSS px) a mark is a plain filled rectangle. */
const TINY_PX = 14;

const isLight = (hex: string): boolean => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return true;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x!, 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! > 128;
};

export class WhatIfLayer implements WhatIfMarks {
  readonly #marks = new Map<string, WhatIfMark>();
  readonly #base: HTMLCanvasElement;
  readonly #changed: () => void;
  #canvas: HTMLCanvasElement | null = null;
  #ctx: CanvasRenderingContext2D | null = null;
  #size = '';
  #bg = '';
  #frames = 0;
  #mapFrames = 0;
  #drawn = 0;
  #blank = true;

  /** `changed`: asks for a frame (the renderer's, which then calls `draw`). */
  constructor(base: HTMLCanvasElement, changed: () => void) {
    this.#base = base;
    this.#changed = changed;
  }

  update(changes: ReadonlyMap<string, WhatIfMark | null> | null): void {
    if (!changes) this.#marks.clear();
    else
      for (const [id, m] of changes) {
        if (m) this.#marks.set(id, m);
        else this.#marks.delete(id);
      }
    this.#changed();
  }

  get size(): number {
    return this.#marks.size;
  }

  stats(): WhatIfLayerStats {
    const { size: marks } = this.#marks;
    return { marks, frames: this.#frames, mapFrames: this.#mapFrames, drawn: this.#drawn };
  }

  /** Draws the marks of the elements in view; `layerOnly`: a frame in which the map was not. */
  draw(scene: Scene, view: View, bg: string, layerOnly: boolean): void {
    if (layerOnly) this.#frames++;
    else this.#mapFrames++;
    if (!this.#marks.size) {
      if (!this.#blank && this.#ctx) {
        this.#ctx.setTransform(1, 0, 0, 1, 0, 0);
        this.#ctx.clearRect(0, 0, this.#canvas!.width, this.#canvas!.height);
      }
      this.#blank = true;
      this.#drawn = 0;
      return;
    }
    const ctx = this.#context(view, bg);
    if (!ctx) return;
    const { k, dpr } = view;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.#canvas!.width, this.#canvas!.height);
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * view.tx, dpr * view.ty);
    const vis = visibleRect(view);
    const m = 20 / k;
    const cull = {
      x: vis.x - m,
      y: vis.y - m,
      width: vis.width + 2 * m,
      height: vis.height + 2 * m,
    };
    const inView: ElementGeom[] = [];
    for (const g of scene.elementIndex.query(cull, [])) {
      if (this.#marks.has(g.id) && !scene.isHidden(g.id)) inView.push(g);
    }
    // One path per look (a fill fixes the mark's size too): a few dozen fills, not one each.
    const byFill = new Map<string, { size: number; list: ElementGeom[] }>();
    for (const g of inView) {
      const mark = this.#marks.get(g.id)!;
      const group = byFill.get(mark.fill);
      if (group) group.list.push(g);
      else byFill.set(mark.fill, { size: mark.size, list: [g] });
    }
    for (const [fill, { size, list }] of byFill) {
      ctx.beginPath();
      // Boxes a few pixels wide: plain rectangles, no ring (as the map draws its specks).
      const tiny = list[0]!.w * k < TINY_PX;
      for (const g of list)
        if (tiny) ctx.rect(g.x, g.y, g.w, g.h);
        else appendShape(ctx, g.spec.shape, g.x, g.y, g.w, g.h);
      ctx.globalAlpha = 0.8;
      ctx.fillStyle = fill;
      ctx.fill();
      ctx.globalAlpha = 1;
      if (tiny) continue;
      ctx.strokeStyle = fill;
      ctx.lineWidth = (1.5 + 4.5 * Math.min(1, Math.max(0, size))) / Math.min(1, k);
      ctx.stroke();
    }
    // Arrows in screen pixels, where the box is big enough to hold one.
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'top';
    for (const g of inView) {
      if (g.w * k < 40) continue;
      const mark = this.#marks.get(g.id)!;
      ctx.fillStyle = mark.fill;
      const x = (g.x + g.w) * k + view.tx - 3;
      const y = g.y * k + view.ty + 2;
      ctx.fillText(mark.direction > 0 ? '▲' : '▼', x, y);
    }
    this.#drawn = inView.length;
    this.#blank = false;
  }

  /** The overlay canvas, made on first use and kept over the map's (same place, same size). */
  #context(view: View, bg: string): CanvasRenderingContext2D | null {
    const base = this.#base;
    if (!this.#canvas) {
      if (!base.parentElement) return null;
      const c = document.createElement('canvas');
      c.dataset.testid = 'whatif-layer';
      c.setAttribute('aria-hidden', 'true');
      c.style.position = 'absolute';
      c.style.pointerEvents = 'none';
      base.insertAdjacentElement('afterend', c);
      this.#canvas = c;
      this.#ctx = c.getContext('2d');
    }
    const c = this.#canvas;
    const size = `${view.width}x${view.height}x${view.dpr}`;
    if (size !== this.#size) {
      this.#size = size;
      c.width = Math.round(view.width * view.dpr);
      c.height = Math.round(view.height * view.dpr);
      c.style.width = `${view.width}px`;
      c.style.height = `${view.height}px`;
      c.style.left = `${base.offsetLeft}px`;
      c.style.top = `${base.offsetTop}px`;
    }
    if (bg !== this.#bg) {
      this.#bg = bg;
      // Tint the boxes under it and keep their labels readable: on a light map the marks
      // multiply (white boxes take the colour, dark text stays dark), on a dark one they screen.
      c.style.mixBlendMode = isLight(bg) ? 'multiply' : 'screen';
    }
    return this.#ctx;
  }

  destroy(): void {
    this.#canvas?.remove();
    this.#canvas = null;
    this.#ctx = null;
  }
}
