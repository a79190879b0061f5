import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Awareness as AwarenessType } from 'y-protocols/awareness';
import { ClusterHeartbeat, type HeartbeatRoom } from './cluster-heartbeat';

/**
 * Two hosts' awareness of one room, joined by a channel the test carries by hand. The clock is
 * vitest's fake one, installed before y-protocols and lib0 load (lib0 reads the time through
 * `Date.now` captured at import): Date.now and y-protocols' 3 s timeout check advance only when
 * the test says.
 */
vi.useFakeTimers();
afterAll(() => {
  vi.useRealTimers();
});
const { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, outdatedTimeout } =
  await import('y-protocols/awareness');
const Y = await import('yjs');
type Awareness = AwarenessType;

interface SimHost {
  awareness: Awareness;
  own: Set<number>;
  heartbeat: ClusterHeartbeat;
}

function simHost(name: string, channel: { deliver(from: string, message: string): void }): SimHost {
  // The host's own awareness (its local state unused, as on the server).
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const own = new Set<number>();
  const heartbeat = new ClusterHeartbeat({
    hostId: name,
    publish: (message) => channel.deliver(name, message),
  });
  const room: HeartbeatRoom = { awareness, ownClients: () => own };
  heartbeat.add('room-1', room);
  return { awareness, own, heartbeat };
}

/** A person's browser: its awareness, with a name set once and no heartbeats after. */
function person(name: string): Awareness {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState({ user: { name } });
  return awareness;
}

/** What Redis does: a host's announcement reaches every host (itself too). */
function cluster(): { a: SimHost; b: SimHost; down: Set<string> } {
  const hosts = new Map<string, SimHost>();
  const down = new Set<string>();
  const channel = {
    deliver(from: string, message: string) {
      if (down.has(from)) return;
      for (const host of hosts.values()) host.heartbeat.receive(message);
    },
  };
  const a = simHost('A', channel);
  const b = simHost('B', channel);
  hosts.set('A', a).set('B', b);
  return { a, b, down };
}

/** Ana is connected to host A; host B got her entry through Redis, once. */
function anaOnA(a: SimHost, b: SimHost): number {
  const ana = person('Ana');
  // Her browser stops sending heartbeats (idle, above the mesh cap).
  clearInterval(
    (ana as unknown as { _checkInterval: ReturnType<typeof setInterval> })._checkInterval,
  );
  const update = encodeAwarenessUpdate(ana, [ana.clientID]);
  applyAwarenessUpdate(a.awareness, update, 'connection');
  a.own.add(ana.clientID);
  applyAwarenessUpdate(b.awareness, update, 'redis');
  return ana.clientID;
}

/** Advances the clock by `ms`, A announcing every 10 s as the extension does. */
function run(hosts: SimHost[], ms: number, announceEveryMs = 10_000): void {
  for (let t = 0; t < ms; t += announceEveryMs) {
    vi.advanceTimersByTime(Math.min(announceEveryMs, ms - t));
    for (const h of hosts) h.heartbeat.announce();
  }
}

describe('cluster heartbeat', () => {
  it('keeps an idle person of another host present while that host lives', () => {
    const { a, b } = cluster();
    const ana = anaOnA(a, b);
    // Host A keeps its own connection's entry (the presence relay does that on a real host).
    const keepOwn = setInterval(() => {
      const meta = a.awareness.meta.get(ana);
      if (meta) meta.lastUpdated = Date.now();
    }, 5_000);
    run([a, b], 5 * outdatedTimeout);
    expect(b.awareness.getStates().has(ana)).toBe(true);
    expect(a.awareness.getStates().has(ana)).toBe(true);
    clearInterval(keepOwn);
  });

  it('lets her time out once her host stops announcing (killed -9)', () => {
    const { a, b, down } = cluster();
    const ana = anaOnA(a, b);
    run([a, b], 60_000);
    expect(b.awareness.getStates().has(ana)).toBe(true);
    down.add('A');
    run([a, b], outdatedTimeout + 5_000);
    expect(b.awareness.getStates().has(ana)).toBe(false);
  });

  it('without it, y-protocols drops her from the other host after 30 s (what it fixes)', () => {
    const { a, b, down } = cluster();
    const ana = anaOnA(a, b);
    down.add('A');
    down.add('B');
    run([a, b], outdatedTimeout + 5_000);
    expect(b.awareness.getStates().has(ana)).toBe(false);
  });

  it('announces only its own connections, and renews nothing for itself', () => {
    const sent: string[] = [];
    const awareness = new Awareness(new Y.Doc());
    const heartbeat = new ClusterHeartbeat({ hostId: 'A', publish: (m) => sent.push(m) });
    heartbeat.announce();
    expect(sent).toEqual([]); // no room, nothing to say
    const own = new Set([7, 9]);
    heartbeat.add('r', { awareness, ownClients: () => own });
    heartbeat.add('empty', { awareness, ownClients: () => [] });
    heartbeat.announce();
    expect(sent.map((m) => JSON.parse(m) as unknown)).toEqual([
      { host: 'A', rooms: { r: [7, 9] } },
    ]);
    heartbeat.remove('r', { awareness, ownClients: () => own }); // another room object: kept
    expect(heartbeat.roomCount()).toBe(2);
    heartbeat.remove('r');
    expect(heartbeat.roomCount()).toBe(1);
  });

  it('ignores malformed announcements and unknown rooms or people', () => {
    const { a, b } = cluster();
    const ana = anaOnA(a, b);
    const before = b.awareness.meta.get(ana)?.lastUpdated;
    vi.advanceTimersByTime(1_000);
    for (const text of [
      'not json',
      'null',
      '{"host":"A"}',
      '{"host":"A","rooms":[]}',
      `{"host":"A","rooms":{"other-room":[${ana}]}}`,
      `{"host":"A","rooms":{"room-1":["${ana}", 12345]}}`,
      `{"host":"B","rooms":{"room-1":[${ana}]}}`, // B's own announcement
    ])
      b.heartbeat.receive(text);
    expect(b.awareness.meta.get(ana)?.lastUpdated).toBe(before);
    b.heartbeat.receive(`{"host":"A","rooms":{"room-1":[${ana}]}}`);
    expect(b.awareness.meta.get(ana)?.lastUpdated).toBe(Date.now());
  });
});
