import type { Workbench } from './workbench.svelte';

/** How long framing animates, ms (none for people who ask for reduced motion). */
export const FRAME_MS = 450;

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Views drive the map: frames `ids` (elements and connections: a loop, a cluster, a suggestion,
 * a source's evidence, a search result) with an animated zoom and pan (instant with reduced
 * motion), keeps them at full strength while the rest fades, and selects `select` (default:
 * the elements among `ids`). The fade lasts until the selection leaves what was framed.
 */
export function frameOnMap(
  wb: Workbench,
  ids: readonly string[],
  opts: { readonly select?: readonly string[] } = {},
): void {
  const snap = wb.snapshot;
  const shown = ids.filter((id) => snap.elements.has(id) || snap.connections.has(id));
  wb.select(opts.select ?? shown.filter((id) => snap.elements.has(id)));
  const r = wb.renderer;
  if (!r || !shown.length) return;
  wb.stopFollowing();
  r.setFocus(shown);
  r.frame(shown, 72, prefersReducedMotion() ? 0 : FRAME_MS);
}
