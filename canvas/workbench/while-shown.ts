/**
 * For a side bar view that stays mounted while hidden (view-keeper.ts): a derivation that
 * follows its live source while the view is shown and holds its last value while it is not, so
 * a hidden view does no work when the map or the analysis changes, and catches up once, when
 * it is shown again. Use as the body of a `$derived.by`:
 *
 *   const result = $derived.by(whileShown(() => wb.sidebarView === 'leverage', () => store.result));
 *
 * Inside a derivation, `read` is called (and its sources tracked) only while the view shows, or
 * the first time.
 *
 * With `catchUp`, a hidden view whose source changed catches up in idle time instead (one
 * update, however many changes came before the idle slice), so that opening it is a DOM move and
 * not a redraw of its list in the click's way (issue 15, weak laptop). Only for sources cheap to
 * compare (the analysis result: one object per run).
 */
export function whileShown<T>(isShown: () => boolean, read: () => T, catchUp?: CatchUp): () => T {
  let last: { readonly value: T } | null = null;
  /** The source `last` was read from. */
  let seen: unknown = undefined;
  /** An idle slice is asked for. */
  let pending = false;
  /** The idle slice came: read on the next run even though hidden. */
  let due = false;
  return () => {
    const shown = isShown();
    if (shown || last === null) {
      due = false;
      seen = catchUp?.source();
      last = { value: read() };
      return last.value;
    }
    if (!catchUp) return last.value;
    // Hidden: track the source (cheap) and the catch-up signal, not what `read` derives.
    const source = catchUp.source();
    catchUp.signal.read();
    if (source === seen) {
      due = false; // a slice that came after the view caught up some other way
      return last.value;
    }
    if (due) {
      due = false;
      seen = source;
      last = { value: read() };
    } else if (!pending) {
      pending = true;
      catchUp.idle(() => {
        pending = false;
        due = true;
        catchUp.signal.bump();
      });
    }
    return last.value;
  };
}

/** How a hidden view catches up in idle time (see `whileShown`). */
export interface CatchUp {
  /** What the view follows, compared by identity (e.g. the analysis result); tracked. */
  readonly source: () => unknown;
  /** Runs `fn` in an idle slice. */
  readonly idle: (fn: () => void) => void;
  /** A reactive signal: `read` tracks it, `bump` changes it (a rune in the app). */
  readonly signal: { read(): unknown; bump(): void };
}
