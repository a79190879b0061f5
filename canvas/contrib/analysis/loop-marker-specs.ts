import type { Loop, LoopNoteMatch } from '../../../shared/analysis/index';
import type { LoopNoteRecord } from '../../../shared/schema/types';
import type { LoopMarkerSpec } from '../../editor/index';

/** Markers for all loops stop here (a big map has thousands; each is a circle and a name). */
export const MAX_MARKERS = 200;

/**
 * Which loops get a marker on the map: every loop the group named (a name moves with a loop
 * redrawn along other links), the loops a view points at (`marked`: hovered, framed), and with
 * `all` every loop, up to `MAX_MARKERS`. In the analysis's order (R1, R2, …, B1, …).
 */
export function loopMarkerSpecs(
  loops: readonly Loop[],
  notes: ReadonlyMap<string, LoopNoteRecord>,
  loopNotes: readonly LoopNoteMatch[],
  opts: { readonly all: boolean; readonly marked: ReadonlySet<string> },
): LoopMarkerSpec[] {
  const moved = new Map<string, string>();
  for (const n of loopNotes)
    if (n.status === 'relinked' && n.loop && n.name) moved.set(n.loop.signature, n.name);
  const out: LoopMarkerSpec[] = [];
  for (const loop of loops) {
    const name = notes.get(loop.signature)?.name || moved.get(loop.signature) || '';
    const wanted =
      name || opts.marked.has(loop.signature) || (opts.all && out.length < MAX_MARKERS);
    if (!wanted) continue;
    out.push({
      id: loop.signature,
      code: loop.label,
      polarity: loop.polarity,
      ...(name ? { name } : {}),
      members: loop.elements,
    });
  }
  return out;
}
