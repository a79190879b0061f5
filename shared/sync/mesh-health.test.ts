import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebrtcConn, WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { watchMesh } from './mesh-health';

/** A connection as y-webrtc keeps it in `room.webrtcConns` (the fields watchMesh reads). */
class FakeConn {
  connected = false;
  closed = false;
  destroyed = false;
  readonly peer = new EventEmitter();
  destroy(): void {
    this.destroyed = true;
    this.closed = true;
    this.peer.emit('close');
  }
  open(): void {
    this.connected = true;
    this.peer.emit('connect');
  }
}

/** The part of a WebrtcProvider watchMesh touches: `room.webrtcConns` and the 'peers' event. */
class FakeProvider extends EventEmitter {
  room: { webrtcConns: Map<string, FakeConn> } | null = { webrtcConns: new Map() };
  add(id: string): FakeConn {
    const conn = new FakeConn();
    this.room!.webrtcConns.set(id, conn);
    this.emit('peers');
    return conn;
  }
}

const watch = (provider: FakeProvider, onPeers?: (n: number) => void) =>
  watchMesh(provider as unknown as WebrtcProvider, {
    staleMs: 8_000,
    intervalMs: 1_000,
    ...(onPeers ? { onPeers } : {}),
  });

describe('watchMesh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('closes a connection that has not opened within staleMs, and only that one', () => {
    const provider = new FakeProvider();
    const stop = watch(provider);
    const stuck = provider.add('stuck');
    const good = provider.add('good');
    good.open();
    vi.advanceTimersByTime(7_000);
    expect(stuck.destroyed).toBe(false);
    vi.advanceTimersByTime(2_000);
    expect(stuck.destroyed).toBe(true);
    expect(good.destroyed).toBe(false);
    stop();
  });

  it('gives a late connection its own full grace period', () => {
    const provider = new FakeProvider();
    const stop = watch(provider);
    vi.advanceTimersByTime(6_000);
    const late = provider.add('late');
    vi.advanceTimersByTime(6_000);
    expect(late.destroyed).toBe(false);
    vi.advanceTimersByTime(3_000);
    expect(late.destroyed).toBe(true);
    stop();
  });

  it('reports the peers actually connected, not the attempts', () => {
    const provider = new FakeProvider();
    const counts: number[] = [];
    const stop = watch(provider, (n) => counts.push(n));
    const a = provider.add('a');
    const b = provider.add('b');
    expect(counts).toEqual([0]);
    a.open();
    b.open();
    expect(counts).toEqual([0, 1, 2]);
    provider.room!.webrtcConns.delete('a');
    a.connected = false;
    a.peer.emit('close');
    expect(counts).toEqual([0, 1, 2, 1]);
    stop();
  });

  it('stops sweeping once stopped, and tolerates a provider without a room', () => {
    const provider = new FakeProvider();
    const stop = watch(provider);
    const conn = provider.add('x');
    stop();
    vi.advanceTimersByTime(60_000);
    expect(conn.destroyed).toBe(false);
    provider.room = null;
    const stop2 = watch(provider);
    provider.emit('peers');
    vi.advanceTimersByTime(10_000);
    stop2();
  });
});

/**
 * watchMesh reads y-webrtc's private `room.webrtcConns` and each connection's `connected`,
 * `closed`, `destroy()` and `peer.once`. y-webrtc is pinned exactly in package.json; this test
 * fails if an upgrade renames or removes any of them.
 */
describe('y-webrtc private fields watchMesh relies on', () => {
  it('a real provider has room.webrtcConns, and a real WebrtcConn has the fields', async () => {
    const wrtc: unknown = createRequire(import.meta.url)('@roamhq/wrtc');
    const doc = new Y.Doc();
    const provider = new WebrtcProvider(`mesh-health-${Math.random()}`, doc, {
      signaling: [],
      peerOpts: { wrtc, config: { iceServers: [] } },
    });
    try {
      await provider.key;
      const room = (provider as unknown as { room: { webrtcConns: unknown } | null }).room;
      expect(room).not.toBeNull();
      expect(room!.webrtcConns).toBeInstanceOf(Map);
      const signaling = { send: () => undefined };
      const conn = new WebrtcConn(
        signaling as never,
        true,
        'remote-peer',
        room as never,
      ) as unknown as {
        connected: unknown;
        closed: unknown;
        destroy: unknown;
        peer: { once: unknown };
      };
      expect(conn.connected).toBe(false);
      expect(conn.closed).toBe(false);
      expect(typeof conn.destroy).toBe('function');
      expect(typeof conn.peer.once).toBe('function');
      (conn.destroy as () => void)();
    } finally {
      provider.destroy();
      doc.destroy();
    }
  });
});
