/**
 * A Svelte action for a long list drawn a few items at a time: `onNear` runs whenever the
 * element (a marker after the drawn items) comes within `marginPx` of its scroll box's visible
 * part, so the list grows as a person scrolls, tabs or reads towards its end. A view kept
 * mounted (view-keeper.ts) then lays out only what is near the top each time it opens (issue 15,
 * weak laptop). The scroll box is the nearest `.view-host` (a side bar view's own box), else the
 * viewport.
 *
 *   <div use:nearEnd={{ onNear: () => (drawn += 5) }}></div>
 */
export interface NearEnd {
  readonly onNear: () => void;
  /** How far below the visible part the marker counts as near (px; default 400). */
  readonly marginPx?: number;
}

type Observer = Pick<IntersectionObserver, 'observe' | 'unobserve' | 'disconnect'>;
type MakeObserver = (
  callback: (entries: readonly { readonly isIntersecting: boolean }[]) => void,
  options: { root: Element | null; rootMargin: string },
) => Observer;

const browserObserver: MakeObserver = (callback, options) =>
  new IntersectionObserver(callback, options);

export function nearEnd(
  node: Element,
  params: NearEnd,
  make: MakeObserver = browserObserver,
  nextFrame: (cb: () => void) => unknown = requestAnimationFrame,
): { update(p: NearEnd): void; destroy(): void } {
  let current = params;
  let destroyed = false;
  const observer = make(
    (entries) => {
      if (destroyed || !entries.some((e) => e.isIntersecting)) return;
      current.onNear();
      // Still near after growing (items shorter than the margin): observing afresh reports the
      // marker's new place once the grown list is drawn.
      observer.unobserve(node);
      nextFrame(() => {
        if (!destroyed) observer.observe(node);
      });
    },
    {
      root: node.closest('.view-host'),
      rootMargin: `0px 0px ${params.marginPx ?? 400}px 0px`,
    },
  );
  observer.observe(node);
  return {
    update(p) {
      current = p;
    },
    destroy() {
      destroyed = true;
      observer.disconnect();
    },
  };
}
