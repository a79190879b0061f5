import { fitTransform } from './fit';
import { layoutLabels, ZOOMED_OUT_BUDGET } from './label-layout';
import type { LabelCache } from './labels';
import type { ElementGeom, Scene } from './scene';

/**
 * "Zoom to fit" and present mode choose a zoom at which the map reads: every label drawn, at
 * least at its minimum size, none over another. The geometric fit (fit.ts) frames the map; at
 * that zoom labels at their minimum size can still collide or be cut by the window's edge. This
 * tries zooms around it (a little closer, using the padding; a little further, giving the edge
 * labels room) and keeps the one at which the renderer's own label layout places the most labels,
 * the closest of equals. Maps with more labels than a zoomed-out frame draws keep the plain fit.
 */

export interface ReadableFitInput {
  readonly scene: Scene;
  readonly labels: LabelCache;
  /** Canvas size, CSS px. */
  readonly width: number;
  readonly height: number;
  readonly padding: number;
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly budget: number;
  readonly selection?: ReadonlySet<string>;
}

export interface ReadableFit {
  readonly k: number;
  readonly x: number;
  readonly y: number;
  /** Labelled elements shown, and how many of them the layout at this fit draws. */
  readonly labelled: number;
  readonly placed: number;
}

/** Zoom factors tried around the geometric fit, closest first. */
const FACTORS = [1.12, 1.06, 1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7];

export function readableFit(input: ReadableFitInput): ReadableFit | null {
  const { scene, width, height, minZoom, maxZoom } = input;
  const b = scene.contentBounds();
  if (!b) return null;
  const base = fitTransform(b, width, height, input.padding, minZoom, maxZoom);
  const shown: ElementGeom[] = [];
  for (const g of scene.elements.values()) if (!scene.isHidden(g.id)) shown.push(g);
  const labelled = new Set(shown.filter((g) => g.rec.label).map((g) => g.id));
  const result = (t: { k: number; x: number; y: number }, placed: number): ReadableFit => ({
    ...t,
    labelled: labelled.size,
    placed,
  });
  const count = (t: { k: number; x: number; y: number }): number => {
    let n = 0;
    for (const l of layoutLabels({
      scene,
      view: { k: t.k, tx: t.x, ty: t.y, width, height },
      elements: shown,
      connections: [],
      selection: input.selection ?? new Set(),
      hover: null,
      highlight: null,
      labels: input.labels,
      budget: input.budget,
    }))
      if (l.kind !== 'connection' && labelled.has(l.id)) n++;
    return n;
  };
  if (labelled.size === 0 || input.budget === 0) return result(base, 0);
  if (labelled.size > Math.min(ZOOMED_OUT_BUDGET, input.budget)) return result(base, count(base));
  const first = count(base);
  if (first === labelled.size) return result(base, first);
  // The largest zoom at which the map still fits with a thin margin: closer is never tried.
  const tight = fitTransform(b, width, height, 8, minZoom, maxZoom).k;
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  let best = result(base, first);
  for (const f of FACTORS) {
    const k = Math.min(maxZoom, tight, Math.max(minZoom, base.k * f));
    if (Math.abs(k - base.k) < 1e-6) continue;
    const t = { k, x: width / 2 - cx * k, y: height / 2 - cy * k };
    const n = count(t);
    if (n > best.placed) best = result(t, n);
    if (n === labelled.size) break;
  }
  return best;
}
