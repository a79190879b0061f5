import { describe, expect, it } from 'vitest';
import {
  applyAwarenessUpdate,
  Awareness,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MESH_FIELD, meshCapGate } from './mesh-cap';

/** Another person in the room, whose presence reaches ours as the host would relay it. */
function person(into: Awareness, eligible: boolean): Awareness {
  const a = new Awareness(new Y.Doc());
  a.setLocalState({
    user: { id: `u${a.clientID}`, name: 'P' },
    ...(eligible ? { [MESH_FIELD]: true } : {}),
  });
  applyAwarenessUpdate(into, encodeAwarenessUpdate(a, [a.clientID]), 'remote');
  return a;
}

function leave(into: Awareness, a: Awareness): void {
  removeAwarenessStates(into, [a.clientID], 'remote');
}

describe('meshCapGate', () => {
  it('allows the mesh up to the cap, leaves above it, rejoins below cap minus hysteresis', () => {
    const me = new Awareness(new Y.Doc());
    me.setLocalState({ user: { id: 'me', name: 'Me' } });
    const changes: boolean[] = [];
    const gate = meshCapGate(me, {
      cap: 4,
      hysteresis: 2,
      eligible: true,
      onChange: (a) => changes.push(a),
    });
    expect(me.getLocalState()?.[MESH_FIELD]).toBe(true);
    const others = [person(me, true), person(me, true), person(me, true)];
    expect(gate.count()).toBe(4);
    expect(gate.allowed()).toBe(true);
    others.push(person(me, true));
    expect(gate.count()).toBe(5);
    expect(changes).toEqual([false]);
    // Watchers (view links) do not count.
    for (let i = 0; i < 20; i++) person(me, false);
    expect(gate.count()).toBe(5);
    leave(me, others.pop()!);
    expect(gate.allowed()).toBe(false); // 4 is the cap, but not 2 below it
    leave(me, others.pop()!);
    expect(gate.allowed()).toBe(false);
    leave(me, others.pop()!);
    expect(gate.count()).toBe(2);
    expect(gate.allowed()).toBe(true);
    expect(changes).toEqual([false, true]);
    gate.dispose();
  });

  it('puts its field back when presence code replaces the whole local state', () => {
    const me = new Awareness(new Y.Doc());
    me.setLocalState({ user: { id: 'me', name: 'Me' } });
    const gate = meshCapGate(me, { eligible: true, onChange: () => undefined });
    me.setLocalState({ user: { id: 'me', name: 'Renamed' } });
    expect(me.getLocalState()?.[MESH_FIELD]).toBe(true);
    gate.dispose();
  });

  it('a view link never claims a place in the mesh', () => {
    const me = new Awareness(new Y.Doc());
    me.setLocalState({ user: { id: 'me', name: 'Me' } });
    const gate = meshCapGate(me, { eligible: false, onChange: () => undefined });
    expect(me.getLocalState()?.[MESH_FIELD]).toBeUndefined();
    expect(gate.count()).toBe(0);
    gate.dispose();
  });
});
