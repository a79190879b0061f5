import { placeDot, removeDot } from '../../../shared/session/index';
import type { Workbench } from '../../workbench/workbench.svelte';
import type { SessionStore } from './session-store.svelte';

/** A press that moved less than this (CSS px) is a click, not a pan or a drag. */
const CLICK_SLOP = 5;

/**
 * "Place dots by clicking the map": while the store's `voteOnMap` names an open vote, a click on
 * one of its elements places one of this person's dots there, and Shift+click takes one back.
 * Listens on the map editor (attached once the editor is on screen).
 */
export function startVoteClicks(wb: Workbench, store: SessionStore): () => void {
  let el: HTMLElement | null = null;
  let down: { x: number; y: number } | null = null;
  let frame = 0;
  const onDown = (e: PointerEvent) => {
    down = store.voteOnMap && e.button === 0 ? { x: e.clientX, y: e.clientY } : null;
  };
  const onUp = (e: PointerEvent) => {
    const start = down;
    down = null;
    const voteId = store.voteOnMap;
    const r = wb.renderer;
    if (!start || !voteId || !r || !el) return;
    if (Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_SLOP) return;
    const canvas = el.querySelector('canvas');
    const box = (canvas ?? el).getBoundingClientRect();
    const hit = r.hitTest({ x: e.clientX - box.left, y: e.clientY - box.top });
    const vote = store.snapshot.votes.get(voteId);
    if (!vote || vote.state !== 'open') {
      store.voteOnMap = null;
      return;
    }
    if (!hit || hit.type !== 'element' || !vote.elementIds.includes(hit.id)) return;
    const id = hit.id;
    const dots = store.run((ctx) =>
      e.shiftKey
        ? removeDot(ctx, voteId, id, store.deviceSecret)
        : placeDot(ctx, voteId, id, store.deviceSecret),
    );
    if (dots)
      wb.say(
        `${e.shiftKey ? 'Took a dot back from' : 'Placed a dot on'} “${wb.labelOf(id)}”: ${vote.dotsPerPerson - dots.length} left.`,
      );
  };
  const attach = () => {
    el = wb.mapElement;
    if (!el) {
      frame = requestAnimationFrame(attach);
      return;
    }
    el.addEventListener('pointerdown', onDown, true);
    el.addEventListener('pointerup', onUp, true);
  };
  attach();
  return () => {
    cancelAnimationFrame(frame);
    el?.removeEventListener('pointerdown', onDown, true);
    el?.removeEventListener('pointerup', onUp, true);
  };
}
