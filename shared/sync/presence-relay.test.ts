import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { inViewport, keepHostPresence, motionKey } from './presence-relay';

describe('presence relay helpers', () => {
  it('tells motion (cursor, viewport, drag) from the rest of a state', () => {
    const a = { user: { id: 'a', name: 'A' }, cursor: { x: 1, y: 2 }, selection: ['x'] };
    expect(motionKey(a)).toBe(motionKey({ ...a, cursor: { x: 9, y: 9 }, viewport: null }));
    expect(motionKey(a)).not.toBe(motionKey({ ...a, selection: ['y'] }));
    expect(motionKey(a)).not.toBe(motionKey({ ...a, user: { id: 'a', name: 'B' } }));
  });

  it('finds a cursor in a viewport by its centre, zoom and size on screen', () => {
    const vp = { x: 100, y: 100, k: 2, w: 1000, h: 600 }; // 500 × 300 map units
    expect(inViewport({ x: 340, y: 240 }, vp)).toBe(true);
    expect(inViewport({ x: 450, y: 100 }, vp)).toBe(false);
    expect(inViewport({ x: 100, y: 300 }, vp)).toBe(false);
    // Zoomed out four times further, the same point is in view.
    expect(inViewport({ x: 450, y: 100 }, { ...vp, k: 0.5 })).toBe(true);
    // Without a size, a laptop screen is assumed; without a viewport or cursor, nothing is in view.
    expect(inViewport({ x: 700, y: 0 }, { x: 0, y: 0, k: 1 })).toBe(true);
    expect(inViewport({ x: 0, y: 0 }, null)).toBe(false);
    expect(inViewport(null, vp)).toBe(false);
  });
});

describe('keepHostPresence', () => {
  let local: Awareness;
  let remote: Awareness;
  beforeEach(() => {
    vi.useFakeTimers();
    local = new Awareness(new Y.Doc());
    remote = new Awareness(new Y.Doc());
    local.setLocalState({ user: { id: 'me' } });
    remote.setLocalState({ user: { id: 'idle' } });
    applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'host');
    // Both last heard from a minute ago (lib0 reads the real clock, so the test ages them).
    for (const meta of local.meta.values()) meta.lastUpdated = Date.now() - 60_000;
  });
  afterEach(() => {
    local.destroy();
    remote.destroy();
    vi.useRealTimers();
  });

  it('while the host is connected: nobody idle times out and this client sends no heartbeat', () => {
    let sent = 0;
    local.on('update', (_: unknown, origin: unknown) => {
      if (origin === 'local') sent += 1;
    });
    const stop = keepHostPresence(local, () => true, 1_000);
    // Yjs checks every 3 s: a state older than 30 s leaves, its own older than 15 s is re-sent.
    vi.advanceTimersByTime(9_000);
    expect(local.getStates().has(remote.clientID)).toBe(true);
    expect(sent).toBe(0);
    stop();
  });

  it('without the host: Yjs awareness as usual (a heartbeat, and a silent person leaves after 30 s)', () => {
    let sent = 0;
    local.on('update', (_: unknown, origin: unknown) => {
      if (origin === 'local') sent += 1;
    });
    const stop = keepHostPresence(local, () => false, 1_000);
    vi.advanceTimersByTime(9_000);
    expect(local.getStates().has(remote.clientID)).toBe(false);
    expect(sent).toBeGreaterThan(0);
    stop();
  });
});
