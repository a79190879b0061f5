import {
  placeLoopMarker,
  MARKER_RADIUS,
  type LoopMarkerAnchor,
  type LoopMarkerSpec,
} from './loop-markers';
import type { Rect } from './geometry';
import type { ElementGeom, Scene } from './scene';

/**
 * The anchors of the loop markers a feature asked for, worked out once per change of the specs
 * or of the scene's geometry (never per frame): frames draw from the cached anchors.
 */
export class LoopMarkerCache {
  private specs: readonly LoopMarkerSpec[] = [];
  private cached: readonly LoopMarkerAnchor[] = [];
  private version = -1;

  constructor(private readonly scene: Scene) {}

  set(specs: readonly LoopMarkerSpec[] | null): void {
    this.specs = specs ?? [];
    this.version = -1;
  }

  anchors(): readonly LoopMarkerAnchor[] {
    if (this.version === this.scene.version) return this.cached;
    this.version = this.scene.version;
    const out: LoopMarkerAnchor[] = [];
    const scratch: ElementGeom[] = [];
    for (const spec of this.specs) {
      const centres: { x: number; y: number }[] = [];
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const id of spec.members) {
        const g = this.scene.elements.get(id);
        if (!g) continue;
        centres.push({ x: g.cx, y: g.cy });
        x0 = Math.min(x0, g.cx);
        y0 = Math.min(y0, g.cy);
        x1 = Math.max(x1, g.cx);
        y1 = Math.max(y1, g.cy);
      }
      if (centres.length < 2) continue;
      const area: Rect = {
        x: x0 - MARKER_RADIUS,
        y: y0 - MARKER_RADIUS,
        width: x1 - x0 + 2 * MARKER_RADIUS,
        height: y1 - y0 + 2 * MARKER_RADIUS,
      };
      scratch.length = 0;
      const obstacles = this.scene.elementIndex
        .query(area, scratch)
        .filter((g) => g.spec.shape !== 'frame')
        .map((g) => ({ x: g.x, y: g.y, width: g.w, height: g.h }));
      const p = placeLoopMarker(centres, obstacles);
      if (p) out.push({ spec, x: p.x, y: p.y });
    }
    this.cached = out;
    return out;
  }
}
