import { moveElements } from '../../shared/domain/index';
import { settleNewElements } from '../../shared/session/placement';
import type { MapChange, MapSession } from '../platform/map-session.svelte';

/** How long an element counts as new: two people adding "at once" are seconds apart at most. */
const NEW_FOR_MS = 15_000;

/**
 * Keeps elements two people add at the same moment apart (the rule is `settleNewElements` in
 * shared/session/placement.ts): remembers the elements this person just added and the ones that
 * just arrived from others, and when one of this person's sits on another's new one with a
 * smaller id, moves it to the next free spot.
 */
export class NewElementSettler {
  readonly #mine = new Map<string, number>();
  readonly #others = new Map<string, number>();

  constructor(private readonly session: MapSession) {
    session.onChange((change) => this.#onChange(change));
  }

  /** This person added `id` just now. */
  added(id: string): void {
    this.#mine.set(id, Date.now());
  }

  #onChange(change: MapChange): void {
    const now = Date.now();
    for (const ids of [this.#mine, this.#others])
      for (const [id, at] of ids) if (now - at > NEW_FOR_MS) ids.delete(id);
    let arrived = false;
    if (!change.local)
      for (const id of change.changedElements)
        if (!change.previous.elements.has(id) && change.snapshot.elements.has(id)) {
          this.#others.set(id, now);
          arrived = true;
        }
    if (!arrived || this.#mine.size === 0 || this.session.readOnly) return;
    const moves = settleNewElements(
      change.snapshot.elements.values(),
      new Set(this.#mine.keys()),
      new Set(this.#others.keys()),
    );
    if (moves.length === 0) return;
    for (const [id] of moves) this.#mine.delete(id);
    moveElements(this.session.ctx, moves);
  }
}
