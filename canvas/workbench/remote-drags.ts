import type { MapSnapshot } from '../../shared/schema/types';
import type { Peer } from '../platform/presence';
import type { MapRenderer } from '../editor/index';

/**
 * Others' drags, smooth on this screen. A dragging person shares `{ids, dx, dy}` through
 * awareness at most 5 times a second and writes the final position once; here each dragged
 * element glides toward the latest offset every frame (exponential smoothing), drawn as a
 * renderer override, and the override is dropped when the document has the final position.
 */

interface Track {
  ids: readonly string[];
  /** Offset shown now, and the latest offset shared. */
  x: number;
  y: number;
  tx: number;
  ty: number;
  /** Set when the drag ended: wait for the document's write (or give up at this time). */
  endedAt: number | null;
  base: Map<string, readonly [number, number]>;
}

const TAU_MS = 70;
const WAIT_FOR_WRITE_MS = 1500;

export class RemoteDrags {
  #tracks = new Map<number, Track>();
  #frame = 0;
  #last = 0;

  constructor(
    private readonly renderer: MapRenderer,
    private readonly snapshot: () => MapSnapshot,
  ) {}

  /** Call with every presence change. */
  update(peers: readonly Peer[]): void {
    const now = performance.now();
    const seen = new Set<number>();
    for (const p of peers) {
      const d = p.dragging;
      if (!d || !d.ids.length) continue;
      seen.add(p.clientId);
      let t = this.#tracks.get(p.clientId);
      if (!t || t.endedAt !== null || t.ids.join() !== d.ids.join()) {
        const base = new Map<string, readonly [number, number]>();
        const snap = this.snapshot();
        for (const id of d.ids) {
          const e = snap.elements.get(id);
          if (e) base.set(id, e.position);
        }
        t = { ids: d.ids, x: 0, y: 0, tx: d.dx, ty: d.dy, endedAt: null, base };
        this.#tracks.set(p.clientId, t);
      }
      t.tx = d.dx;
      t.ty = d.dy;
    }
    for (const [client, t] of this.#tracks)
      if (!seen.has(client) && t.endedAt === null) t.endedAt = now;
    this.#schedule();
  }

  /** Call with every snapshot: a drag whose final write arrived is done. */
  snapshotChanged(): void {
    const snap = this.snapshot();
    for (const [client, t] of this.#tracks) {
      if (t.endedAt === null) continue;
      const written = [...t.base].some(([id, p]) => {
        const e = snap.elements.get(id);
        return !e || e.position[0] !== p[0] || e.position[1] !== p[1];
      });
      if (written) this.#drop(client);
    }
  }

  #schedule(): void {
    if (!this.#frame && this.#tracks.size) {
      this.#last = performance.now();
      this.#frame = requestAnimationFrame(() => this.#tick());
    }
  }

  #tick(): void {
    this.#frame = 0;
    const now = performance.now();
    const k = 1 - Math.exp(-(now - this.#last) / TAU_MS);
    this.#last = now;
    const positions = new Map<string, readonly [number, number]>();
    let moving = false;
    for (const [client, t] of this.#tracks) {
      if (t.endedAt !== null && now - t.endedAt > WAIT_FOR_WRITE_MS) {
        this.#drop(client);
        continue;
      }
      t.x += (t.tx - t.x) * k;
      t.y += (t.ty - t.y) * k;
      if (Math.abs(t.tx - t.x) > 0.2 || Math.abs(t.ty - t.y) > 0.2) moving = true;
      for (const [id, p] of t.base) positions.set(id, [p[0] + t.x, p[1] + t.y]);
    }
    if (positions.size) {
      this.renderer.scene.setOverrides(positions);
      this.renderer.requestRender();
    }
    if (moving || [...this.#tracks.values()].some((t) => t.endedAt !== null)) this.#schedule();
  }

  #drop(client: number): void {
    const t = this.#tracks.get(client);
    if (!t) return;
    this.#tracks.delete(client);
    this.renderer.scene.clearOverrides(t.ids);
    this.renderer.requestRender();
  }

  /** Element ids others are dragging now (for tests and the People view). */
  active(): string[] {
    return [...this.#tracks.values()].filter((t) => t.endedAt === null).flatMap((t) => [...t.ids]);
  }

  destroy(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#tracks.clear();
  }
}
