import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import { initPresence, readPeers, throttledPresence, validPresence } from './presence';

/** Presence from others is another client's bytes: it is checked before anything shows it. */

const ok = {
  user: { id: 'u1', name: 'Ana', color: '#e6194b' },
  cursor: { x: 1, y: 2 },
  selection: ['a'],
  viewport: { x: 0, y: 0, k: 1 },
  dragging: null,
};

/** A peer's awareness state as it arrives over the network. */
function received(state: unknown): Awareness {
  const mine = new Awareness(new Y.Doc());
  const theirs = new Awareness(new Y.Doc());
  theirs.setLocalState(state as Record<string, unknown>);
  applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
  return mine;
}

describe('validPresence', () => {
  it('keeps a well-formed state', () => {
    expect(validPresence(ok)).toEqual(ok);
  });

  it('drops a state whose name, id or colour is not a string', () => {
    expect(validPresence({ ...ok, user: { ...ok.user, name: 42 } })).toBeNull();
    expect(validPresence({ ...ok, user: { ...ok.user, id: {} } })).toBeNull();
    expect(validPresence({ ...ok, user: { ...ok.user, color: 'red; x' } })).toBeNull();
    expect(validPresence({ cursor: null })).toBeNull();
    expect(validPresence(null)).toBeNull();
  });

  it('empties bad optional fields instead of passing them on', () => {
    const s = validPresence({
      ...ok,
      cursor: { x: Infinity, y: 0 },
      viewport: { x: 0, y: 0, k: -1 },
      selection: ['a', 3, null],
      dragging: { ids: 'x', dx: 1, dy: 1 },
    });
    expect(s).toMatchObject({ cursor: null, viewport: null, selection: ['a'], dragging: null });
  });

  it('keeps a known role and drops anything else', () => {
    expect(validPresence({ ...ok, role: 'facilitator' })?.role).toBe('facilitator');
    expect(validPresence({ ...ok, role: 'view' })?.role).toBe('view');
    expect(validPresence({ ...ok, role: 'admin' })).not.toHaveProperty('role');
    expect(validPresence({ ...ok, role: { x: 1 } })).not.toHaveProperty('role');
  });

  it('caps a very long name', () => {
    const s = validPresence({ ...ok, user: { ...ok.user, name: 'x'.repeat(10_000) } });
    expect(s?.user.name.length).toBe(80);
  });
});

describe('readPeers', () => {
  it('does not throw on a peer with a numeric name, and leaves it out', () => {
    const a = received({ ...ok, user: { id: 'u9', name: 7, color: '#000000' } });
    expect(() => readPeers(a)).not.toThrow();
    expect(readPeers(a)).toEqual([]);
  });

  it('lists a valid peer', () => {
    const a = received(ok);
    expect(readPeers(a).map((p) => p.user.name)).toEqual(['Ana']);
  });
});

describe('presence survives a transport leaving', () => {
  const me = { user: { id: 'u1', name: 'Ana', color: '#e6194b' } };

  it('puts the local state back when a provider clears it (the mesh dropped for a lock)', () => {
    const a = new Awareness(new Y.Doc());
    initPresence(a, me.user);
    const p = throttledPresence(a, 5);
    p.set({ selection: ['x'] }, true);
    removeAwarenessStates(a, [a.clientID], 'disconnect');
    expect(a.getLocalState()).toMatchObject({ user: me.user, selection: ['x'] });
    p.dispose();
    a.destroy();
  });

  it('lets the page unload take it away, and stops guarding once disposed', () => {
    const a = new Awareness(new Y.Doc());
    initPresence(a, me.user);
    const p = throttledPresence(a, 5);
    removeAwarenessStates(a, [a.clientID], 'window unload');
    expect(a.getLocalState()).toBeNull();
    a.setLocalState({ ...me, cursor: null, selection: [], viewport: null });
    p.dispose();
    removeAwarenessStates(a, [a.clientID], 'disconnect');
    expect(a.getLocalState()).toBeNull();
    a.destroy();
  });
});
