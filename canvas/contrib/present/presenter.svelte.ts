import { mount, tick, unmount } from 'svelte';
import { KEY, readAttention, sessionMap } from '../../../shared/session/layout';
import type { Workbench } from '../../workbench/workbench.svelte';
import { facilitatorToFollow } from './leader';
import PresentHint from './PresentHint.svelte';

/** Room left around the map when present mode fits it (CSS px). */
export const PRESENT_PADDING = 32;

const reducedMotion = (): boolean =>
  typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches;

const nextFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

/**
 * Present mode for one open map: the map fills the window (the workbench hides its chrome while
 * `wb.presenting`), fitted at a zoom where its labels read (the renderer's readable fit), and,
 * opened from a view link, following the facilitator until the viewer moves the map themselves.
 * Esc leaves.
 */
export class Presenter {
  readonly #wb: Workbench;
  /** Follow the facilitator when one is online (a view link's default, until the viewer pans). */
  #autoFollow = false;
  #hint: ReturnType<typeof mount> | null = null;
  #stopEffect: () => void;
  #removeKeys: (() => void) | null = null;
  /** Whom this screen followed when the effect last ran. */
  #followed: number | null = null;

  constructor(wb: Workbench) {
    this.#wb = wb;
    this.#stopEffect = $effect.root(() => {
      $effect(() => this.#followFacilitator());
    });
  }

  get active(): boolean {
    return this.#wb.presenting;
  }

  async start(): Promise<void> {
    const wb = this.#wb;
    if (wb.presenting) return;
    wb.presenting = true;
    this.#autoFollow = wb.session.role === 'view';
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || wb.quickInput || wb.renaming) return;
      e.preventDefault();
      e.stopPropagation();
      this.stop();
    };
    window.addEventListener('keydown', onKey, true);
    this.#removeKeys = () => window.removeEventListener('keydown', onKey, true);
    if (wb.mapElement) {
      this.#hint = mount(PresentHint, { target: wb.mapElement, props: {} });
      wb.mapElement.focus({ preventScroll: true });
    }
    wb.announcement = 'Present mode: the map fills the window. Press Escape to leave.';
    // The chrome is gone once the layout has run: re-read the canvas size, then frame the map.
    await tick();
    await nextFrame();
    const r = wb.renderer;
    if (!r || !wb.presenting) return;
    r.resize();
    if (wb.following === null) r.fitToContent(PRESENT_PADDING, reducedMotion() ? 0 : 250);
  }

  stop(): void {
    const wb = this.#wb;
    if (!wb.presenting) return;
    wb.presenting = false;
    this.#autoFollow = false;
    this.#removeKeys?.();
    this.#removeKeys = null;
    if (this.#hint) void unmount(this.#hint);
    this.#hint = null;
    wb.announcement = 'Left present mode.';
    void tick().then(() => wb.renderer?.resize());
  }

  toggle(): Promise<void> {
    if (this.#wb.presenting) {
      this.stop();
      return Promise.resolve();
    }
    return this.start();
  }

  destroy(): void {
    this.stop();
    this.#stopEffect();
  }

  /**
   * Runs in an effect (peers, following, presenting): follows the facilitator when that is
   * wanted. A viewer who moves the map themselves (pointer, wheel, a zoom command) stops
   * following and is not pulled back; a facilitator who left is followed again when back.
   */
  #followFacilitator(): void {
    const wb = this.#wb;
    const peers = wb.session.peers;
    const following = wb.following;
    const presenting = wb.presenting;
    const before = this.#followed;
    this.#followed = following;
    if (!presenting || !this.#autoFollow) return;
    if (before !== null && following === null && peers.some((p) => p.clientId === before))
      this.#autoFollow = false;
    if (following !== null || !this.#autoFollow) return;
    const session = sessionMap(wb.session.doc);
    const lockedBy = session.get(KEY.lockedBy);
    const preferred =
      readAttention(session.get(KEY.attention))?.by ??
      (typeof lockedBy === 'string' ? lockedBy : null);
    const leader = facilitatorToFollow(peers, preferred);
    if (leader) wb.follow(leader.clientId);
  }
}
