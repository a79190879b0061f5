/**
 * A `CanvasPath` that records SVG path data, so the editor's shape code (`appendShape`,
 * `appendArrow`, ...) draws the same outlines into an SVG file as onto the canvas.
 */

const num = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

const TAU = Math.PI * 2;

export class SvgPath implements CanvasPath {
  #d: string[] = [];
  /** Current point, and the start of the current subpath. */
  #x = 0;
  #y = 0;
  #sx = 0;
  #sy = 0;
  #has = false;

  /** The path data (`M… L… A… Z`). */
  get d(): string {
    return this.#d.join('');
  }

  get empty(): boolean {
    return this.#d.length === 0;
  }

  #to(x: number, y: number): void {
    this.#x = x;
    this.#y = y;
  }

  moveTo(x: number, y: number): void {
    this.#d.push(`M${num(x)} ${num(y)}`);
    this.#to(x, y);
    this.#sx = x;
    this.#sy = y;
    this.#has = true;
  }

  lineTo(x: number, y: number): void {
    if (!this.#has) {
      this.moveTo(x, y);
      return;
    }
    this.#d.push(`L${num(x)} ${num(y)}`);
    this.#to(x, y);
  }

  closePath(): void {
    if (!this.#has) return;
    this.#d.push('Z');
    this.#to(this.#sx, this.#sy);
  }

  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void {
    if (!this.#has) this.moveTo(cpx, cpy);
    this.#d.push(`Q${num(cpx)} ${num(cpy)} ${num(x)} ${num(y)}`);
    this.#to(x, y);
  }

  bezierCurveTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): void {
    if (!this.#has) this.moveTo(c1x, c1y);
    this.#d.push(`C${num(c1x)} ${num(c1y)} ${num(c2x)} ${num(c2y)} ${num(x)} ${num(y)}`);
    this.#to(x, y);
  }

  rect(x: number, y: number, w: number, h: number): void {
    this.moveTo(x, y);
    this.lineTo(x + w, y);
    this.lineTo(x + w, y + h);
    this.lineTo(x, y + h);
    this.closePath();
  }

  roundRect(
    x: number,
    y: number,
    w: number,
    h: number,
    radii?: number | DOMPointInit | (number | DOMPointInit)[],
  ): void {
    const first = Array.isArray(radii) ? radii[0] : radii;
    const r = Math.max(
      0,
      Math.min(typeof first === 'number' ? first : 0, Math.abs(w) / 2, Math.abs(h) / 2),
    );
    this.moveTo(x + r, y);
    this.arcTo(x + w, y, x + w, y + h, r);
    this.arcTo(x + w, y + h, x, y + h, r);
    this.arcTo(x, y + h, x, y, r);
    this.arcTo(x, y, x + w, y, r);
    this.closePath();
  }

  arc(x: number, y: number, r: number, start: number, end: number, ccw = false): void {
    this.ellipse(x, y, r, r, 0, start, end, ccw);
  }

  ellipse(
    x: number,
    y: number,
    rx: number,
    ry: number,
    rotation: number,
    start: number,
    end: number,
    ccw = false,
  ): void {
    const cos = Math.cos(rotation);
    const sin = Math.sin(rotation);
    const at = (a: number): [number, number] => {
      const px = rx * Math.cos(a);
      const py = ry * Math.sin(a);
      return [x + px * cos - py * sin, y + px * sin + py * cos];
    };
    let sweep = ccw ? start - end : end - start;
    if (sweep >= TAU || sweep <= -TAU) sweep = TAU;
    else sweep = ((sweep % TAU) + TAU) % TAU;
    const [x0, y0] = at(start);
    if (!this.#has) this.moveTo(x0, y0);
    else if (Math.abs(this.#x - x0) > 1e-9 || Math.abs(this.#y - y0) > 1e-9) this.lineTo(x0, y0);
    if (rx <= 0 || ry <= 0 || sweep === 0) return;
    const deg = num((rotation * 180) / Math.PI);
    const flag = ccw ? 0 : 1;
    const dir = ccw ? -1 : 1;
    // A full turn cannot be one SVG arc (same start and end): draw it as two halves.
    const steps = sweep >= TAU - 1e-9 ? 2 : 1;
    for (let i = 1; i <= steps; i++) {
      const a = start + (dir * (sweep * i)) / steps;
      const [px, py] = at(a);
      const large = sweep / steps > Math.PI ? 1 : 0;
      this.#d.push(`A${num(rx)} ${num(ry)} ${deg} ${large} ${flag} ${num(px)} ${num(py)}`);
      this.#to(px, py);
    }
  }

  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void {
    if (!this.#has) {
      this.moveTo(x1, y1);
      return;
    }
    const x0 = this.#x;
    const y0 = this.#y;
    const ax = x0 - x1;
    const ay = y0 - y1;
    const bx = x2 - x1;
    const by = y2 - y1;
    const la = Math.hypot(ax, ay);
    const lb = Math.hypot(bx, by);
    const cross = ax * by - ay * bx;
    if (r <= 0 || la < 1e-9 || lb < 1e-9 || Math.abs(cross) < 1e-9) {
      this.lineTo(x1, y1);
      return;
    }
    const ux = ax / la;
    const uy = ay / la;
    const vx = bx / lb;
    const vy = by / lb;
    const theta = Math.acos(Math.max(-1, Math.min(1, ux * vx + uy * vy)));
    const d = r / Math.tan(theta / 2);
    const t1x = x1 + ux * d;
    const t1y = y1 + uy * d;
    const t2x = x1 + vx * d;
    const t2y = y1 + vy * d;
    this.lineTo(t1x, t1y);
    // Travelling towards the corner (-u) then away along v: a clockwise turn on screen
    // (y down) has a positive cross product, which is SVG's sweep flag 1.
    const turn = -ux * vy - -uy * vx;
    this.#d.push(`A${num(r)} ${num(r)} 0 0 ${turn > 0 ? 1 : 0} ${num(t2x)} ${num(t2y)}`);
    this.#to(t2x, t2y);
  }
}
