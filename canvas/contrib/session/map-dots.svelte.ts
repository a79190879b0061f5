import { mapDots, voteOnMap } from '../../../shared/session/index';
import type { MapRenderer, VoteDots } from '../../editor/index';
import type { Workbench } from '../../workbench/workbench.svelte';
import type { SessionStore } from './session-store.svelte';

/**
 * Dot votes drawn on the map (canvas/editor/draw-votes.ts): this person's own dots, in their
 * colour, while a vote is open; everyone's once the facilitator reveals the results; none once
 * the group moves to a phase without dot voting (`voteOnMap`). Each screen computes its own from
 * the shared session, so every screen shows the same results.
 */
export function startMapDots(wb: Workbench, store: SessionStore): () => void {
  let shown: ReadonlyMap<string, VoteDots> | null = null;
  let appliedTo: MapRenderer | null = null;
  const apply = () => {
    const r = wb.renderer;
    if (!r) return;
    r.setVoteDots(shown);
    appliedTo = r;
  };
  const stop = $effect.root(() => {
    $effect(() => {
      const vote = voteOnMap(store.snapshot);
      const color = wb.session.user.color;
      const dots = vote ? mapDots(vote, store.voterKeyFor(vote)) : null;
      shown = dots && dots.size ? new Map([...dots].map(([id, d]) => [id, { ...d, color }])) : null;
      apply();
    });
  });
  // The map editor may come (or come back) after the session: hand it the dots when it does.
  const watch = setInterval(() => {
    if (wb.renderer && wb.renderer !== appliedTo) apply();
  }, 250);
  // Test hook: what this screen hands the renderer (documented in test/support/app.ts).
  const hook = (window as unknown as { __weavemap?: Record<string, unknown> }).__weavemap;
  if (hook)
    hook.voteDots = () =>
      Object.fromEntries([...(shown ?? [])].map(([id, d]) => [id, { dots: d.dots, mine: d.mine }]));
  return () => {
    clearInterval(watch);
    stop();
    if (hook) delete hook.voteDots;
    wb.renderer?.setVoteDots(null);
  };
}
