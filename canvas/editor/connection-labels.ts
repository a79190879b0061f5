import type { LabelLayoutInput, PlacedLabel } from './label-layout';
import { CONNECTION_FONT, CONNECTION_FONT_SIZE } from './label-layout';
import { Occupancy } from './occupancy';

/**
 * Connection labels: placed after every element label, where they cover no label and no
 * element's box: along the line (its middle first, then either side), on it or just beside it.
 * Proposed introductions first (their label says who suggested it and why).
 */
export function placeConnectionLabels(
  input: LabelLayoutInput,
  occ: Occupancy,
  onScreen: (x: number, y: number, w: number, h: number) => boolean,
  out: PlacedLabel[],
): void {
  const { view, labels } = input;
  const { k, tx, ty } = view;
  const conns = input.connections.filter((c) => c.drawable && c.rec.label);
  if (!conns.length) return;
  conns.sort((a, b) => Number(!!b.rec.proposed) - Number(!!a.rec.proposed));
  // Element boxes on screen (a label over a box hides the box's own words or outline).
  const boxes = new Occupancy();
  for (const g of input.elements)
    if (g.spec.shape !== 'frame') boxes.add(g.x * k + tx, g.y * k + ty, g.w * k, g.h * k);
  const fontPx = Math.max(CONNECTION_FONT_SIZE * k, 9);
  const scale = fontPx / CONNECTION_FONT_SIZE;
  for (const c of conns) {
    if (out.length >= input.budget) break;
    const text = labels.fit(CONNECTION_FONT, c.rec.label, 160);
    if (!text) continue;
    const w = labels.width(CONNECTION_FONT, text) * scale + 6;
    const h = fontPx * 1.3;
    let placed = false;
    for (const t of [0.5, 0.36, 0.64, 0.25, 0.75]) {
      const u = 1 - t;
      const mx = (u * u * c.x0 + 2 * u * t * c.qx + t * t * c.x1) * k + tx;
      const my = (u * u * c.y0 + 2 * u * t * c.qy + t * t * c.y1) * k + ty;
      // The line's normal on screen, to try just beside it as well as on it.
      let nx = -(2 * u * (c.qy - c.y0) + 2 * t * (c.y1 - c.qy));
      let ny = 2 * u * (c.qx - c.x0) + 2 * t * (c.x1 - c.qx);
      const len = Math.hypot(nx, ny) || 1;
      nx /= len;
      ny /= len;
      for (const d of [0, 1, -1]) {
        const off = d * (Math.abs(nx) * (w / 2) + Math.abs(ny) * (h / 2) + 3);
        const x = mx + nx * off - w / 2;
        const y = my + ny * off - h / 2;
        if (!onScreen(x, y, w, h) || !occ.free(x, y, w, h) || !boxes.free(x, y, w, h)) continue;
        out.push({
          id: c.id,
          kind: 'connection',
          lines: [text],
          x,
          y,
          width: w,
          height: h,
          fontPx,
          lineHeightPx: h,
          align: 'center',
          inside: false,
        });
        occ.add(x, y, w, h);
        placed = true;
        break;
      }
      if (placed) break;
    }
  }
}
