import { describe, expect, it } from 'vitest';
import { nearEnd } from './near-end';

/** An IntersectionObserver stand-in the test drives, and a frame queue. */
function harness() {
  const state = {
    observed: false,
    options: null as { root: unknown; rootMargin: string } | null,
    callback: null as ((e: { isIntersecting: boolean }[]) => void) | null,
    frames: [] as (() => void)[],
    disconnected: false,
  };
  const make = (
    cb: (e: readonly { isIntersecting: boolean }[]) => void,
    options: { root: Element | null; rootMargin: string },
  ) => {
    state.callback = cb as (e: { isIntersecting: boolean }[]) => void;
    state.options = options;
    return {
      observe: () => void (state.observed = true),
      unobserve: () => void (state.observed = false),
      disconnect: () => void (state.disconnected = true),
    };
  };
  const host = { tag: 'view-host' };
  const node = { closest: (sel: string) => (sel === '.view-host' ? host : null) };
  return { state, make, node: node as unknown as Element, host };
}

describe('nearEnd', () => {
  it('grows the list each time the marker comes near, and looks again after each growth', () => {
    const h = harness();
    let grown = 0;
    nearEnd(h.node, { onNear: () => grown++, marginPx: 300 }, h.make, (cb) =>
      h.state.frames.push(cb),
    );
    // Watches within the view's own scroll box, 300 px below what shows.
    expect(h.state.options).toEqual({ root: h.host, rootMargin: '0px 0px 300px 0px' });
    expect(h.state.observed).toBe(true);
    h.state.callback!([{ isIntersecting: false }]);
    expect(grown).toBe(0);
    h.state.callback!([{ isIntersecting: true }]);
    expect(grown).toBe(1);
    // Observed afresh on the next frame, once the grown list is drawn.
    expect(h.state.observed).toBe(false);
    h.state.frames.shift()!();
    expect(h.state.observed).toBe(true);
    h.state.callback!([{ isIntersecting: true }]);
    expect(grown).toBe(2);
  });

  it('calls the latest callback, and nothing once destroyed', () => {
    const h = harness();
    const calls: string[] = [];
    const action = nearEnd(h.node, { onNear: () => calls.push('a') }, h.make, (cb) =>
      h.state.frames.push(cb),
    );
    action.update({ onNear: () => calls.push('b') });
    h.state.callback!([{ isIntersecting: true }]);
    action.destroy();
    expect(h.state.disconnected).toBe(true);
    h.state.frames.shift()!();
    expect(h.state.observed).toBe(false);
    h.state.callback!([{ isIntersecting: true }]);
    expect(calls).toEqual(['b']);
  });
});
