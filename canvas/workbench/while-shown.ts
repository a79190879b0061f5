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
 */
export function whileShown<T>(isShown: () => boolean, read: () => T): () => T {
  let last: { readonly value: T } | null = null;
  return () => {
    const shown = isShown();
    if (shown || last === null) last = { value: read() };
    return last.value;
  };
}
