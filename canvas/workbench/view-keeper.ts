/**
 * Side bar views stay mounted once opened (VS Code does the same): switching views moves an
 * already drawn view into the side bar instead of building it again, so opening one is a DOM
 * move, not a mount. A hidden view is taken out of the document (not `display: none`): the page
 * holds one copy of each field and label, as before, and a hidden view's updates touch no
 * layout. Views that must start afresh each time they open say so (`keepAlive: false`).
 *
 * Views likely to be opened are mounted ahead in idle time, one per idle slice, so the first
 * open is a move too; a slice with too little time left waits for the next.
 *
 * DOM-free: hosts and the slot are whatever `createHost` makes and `into` is (tested with plain
 * objects), and the idle scheduler is injected.
 */

/** Where a view is drawn: an element the keeper moves in and out of the side bar. */
export interface ViewHost {
  remove(): void;
}

/** The side bar's slot a shown view's host goes into. */
export interface ViewSlot<H extends ViewHost> {
  append(host: H): void;
}

/** Mounts view `id` into `host`; returns what unmounts it. */
export type MountView<H extends ViewHost> = (id: string, host: H) => () => void;

export interface IdleDeadline {
  timeRemaining(): number;
}

/** `requestIdleCallback` and `cancelIdleCallback`, or a stand-in. */
export interface IdleScheduler {
  request(callback: (deadline: IdleDeadline) => void): number;
  cancel(handle: number): void;
}

export interface ViewKeeperOptions<H extends ViewHost> {
  readonly mount: MountView<H>;
  readonly createHost: () => H;
  /** False for a view that must be built afresh each time it opens (default: kept). */
  readonly keepAlive?: (id: string) => boolean;
  readonly idle?: IdleScheduler;
  /** An idle slice mounts a view only with at least this much time left in it (ms). */
  readonly minSliceMs?: number;
}

interface Kept<H> {
  readonly host: H;
  readonly dispose: () => void;
}

/** Idle slices: `requestIdleCallback` where the browser has it, else a timer. */
export const browserIdle: IdleScheduler = {
  request: (cb) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(cb, { timeout: 2000 })
      : (setTimeout(() => cb({ timeRemaining: () => 50 }), 1) as unknown as number),
  cancel: (h) =>
    typeof cancelIdleCallback === 'function' ? cancelIdleCallback(h) : clearTimeout(h),
};

export class ViewKeeper<H extends ViewHost> {
  readonly #opts: ViewKeeperOptions<H>;
  readonly #kept = new Map<string, Kept<H>>();
  #shown: string | null = null;
  #queue: string[] = [];
  #pending: number | null = null;
  #destroyed = false;

  constructor(opts: ViewKeeperOptions<H>) {
    this.#opts = opts;
  }

  /** The view in the side bar now, or null. */
  get shown(): string | null {
    return this.#shown;
  }

  /** Views mounted now (shown or kept aside). */
  get mounted(): readonly string[] {
    return [...this.#kept.keys()];
  }

  /** Puts view `id` in `slot`, mounting it only if it is not mounted yet. */
  show(id: string, slot: ViewSlot<H>): H {
    if (this.#destroyed) throw new Error('The view keeper is destroyed.');
    if (this.#shown !== null && this.#shown !== id) this.#putAway(this.#shown);
    const view = this.#kept.get(id) ?? this.#mount(id);
    // Appending a node that is already there keeps it in place (a no-op move).
    slot.append(view.host);
    this.#shown = id;
    return view.host;
  }

  /** Takes the shown view out of the side bar (kept for next time unless it opts out). */
  hide(): void {
    if (this.#shown !== null) this.#putAway(this.#shown);
    this.#shown = null;
  }

  /**
   * Mounts these views ahead, in idle time, one per slice, in this order (skipping those
   * already mounted and those not kept). Replaces any earlier list still waiting.
   */
  premount(ids: readonly string[]): void {
    const keep = this.#opts.keepAlive ?? (() => true);
    this.#queue = ids.filter((id) => keep(id));
    this.#schedule();
  }

  /** Unmounts every view and stops pre-mounting. */
  destroy(): void {
    this.#destroyed = true;
    if (this.#pending !== null) this.#opts.idle?.cancel(this.#pending);
    this.#pending = null;
    this.#queue = [];
    for (const [id, view] of this.#kept) {
      view.host.remove();
      view.dispose();
      this.#kept.delete(id);
    }
    this.#shown = null;
  }

  #mount(id: string): Kept<H> {
    const host = this.#opts.createHost();
    const dispose = this.#opts.mount(id, host);
    const view = { host, dispose };
    this.#kept.set(id, view);
    return view;
  }

  #putAway(id: string): void {
    const view = this.#kept.get(id);
    if (!view) return;
    view.host.remove();
    if ((this.#opts.keepAlive ?? (() => true))(id)) return;
    view.dispose();
    this.#kept.delete(id);
  }

  #schedule(): void {
    const idle = this.#opts.idle;
    if (!idle || this.#pending !== null || this.#destroyed) return;
    if (!this.#queue.some((id) => !this.#kept.has(id))) return;
    this.#pending = idle.request((deadline) => {
      this.#pending = null;
      this.#slice(deadline);
    });
  }

  /** One idle slice: mounts the next waiting view if the slice has room for it. */
  #slice(deadline: IdleDeadline): void {
    if (this.#destroyed) return;
    this.#queue = this.#queue.filter((id) => !this.#kept.has(id));
    const next = this.#queue[0];
    if (next !== undefined && deadline.timeRemaining() >= (this.#opts.minSliceMs ?? 8)) {
      this.#queue.shift();
      this.#mount(next);
    }
    this.#schedule();
  }
}
