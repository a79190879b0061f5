import type { ElementRecord } from '../../shared/schema/types';
import type { Scene } from './scene';

/**
 * A drag's preview on the scene: elements shown at their dragged positions until the document
 * catches up. After a committed move, the first snapshot keeps the moves the document took;
 * elements whose record did not change in it (a refused write) snap back.
 */
export class MovePreview {
  /** Records of elements at the end of a committed move, to tell when the snapshot caught up. */
  private pending: Map<string, ElementRecord> | null = null;

  constructor(private readonly scene: Scene) {}

  preview(ids: readonly string[], dx: number, dy: number): void {
    const positions = new Map<string, readonly [number, number]>();
    for (const id of ids) {
      const g = this.scene.elements.get(id);
      if (g) positions.set(id, [g.rec.position[0] + dx, g.rec.position[1] + dy]);
    }
    this.scene.setOverrides(positions);
  }

  end(committed: boolean): void {
    if (!committed) {
      this.scene.clearOverrides();
      this.pending = null;
    } else {
      this.pending = new Map();
      for (const g of this.scene.elements.values())
        if (this.scene.positionOf(g.id) !== g.rec.position) this.pending.set(g.id, g.rec);
    }
  }

  /** Call after `scene.update`. */
  snapshotArrived(): void {
    if (!this.pending) return;
    const stale: string[] = [];
    for (const [id, rec] of this.pending)
      if (this.scene.elements.get(id)?.rec === rec) stale.push(id);
    this.scene.clearOverrides(stale);
    this.pending = null;
  }
}
