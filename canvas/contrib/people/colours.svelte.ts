import { colourToYieldTo } from '../../platform/identity';
import type { Workbench } from '../../workbench/workbench.svelte';

/**
 * Two people never show the same colour while the palette has a free one: when someone else in
 * the room shows this person's colour, one of the two (the greater user id) takes a free colour.
 */
export function keepColoursApart(wb: Workbench): () => void {
  return $effect.root(() => {
    $effect(() => {
      const session = wb.session;
      const next = colourToYieldTo(
        session.user,
        session.peers.map((p) => p.user),
      );
      if (next) session.setUser({ ...session.user, color: next });
    });
  });
}
