/** Gap kept between labels, CSS px. */
const GAP = 2;

/** A screen grid of placed rectangles, for overlap tests in a few cells. */
export class Occupancy {
  private readonly cells = new Map<number, { x: number; y: number; w: number; h: number }[]>();
  private static readonly S = 64;

  private keys(x: number, y: number, w: number, h: number): number[] {
    const s = Occupancy.S;
    const x0 = Math.max(-64, Math.floor(x / s));
    const y0 = Math.max(-64, Math.floor(y / s));
    const x1 = Math.min(x0 + 64, Math.floor((x + w) / s));
    const y1 = Math.min(y0 + 64, Math.floor((y + h) / s));
    const out: number[] = [];
    for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) out.push(i * 4096 + j);
    return out;
  }

  free(x: number, y: number, w: number, h: number): boolean {
    for (const key of this.keys(x, y, w, h)) {
      const list = this.cells.get(key);
      if (!list) continue;
      for (const r of list)
        if (x < r.x + r.w + GAP && r.x < x + w + GAP && y < r.y + r.h + GAP && r.y < y + h + GAP)
          return false;
    }
    return true;
  }

  add(x: number, y: number, w: number, h: number): void {
    const r = { x, y, w, h };
    for (const key of this.keys(x, y, w, h)) {
      const list = this.cells.get(key);
      if (list) list.push(r);
      else this.cells.set(key, [r]);
    }
  }
}
