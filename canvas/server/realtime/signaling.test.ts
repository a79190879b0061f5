import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from '../testing/host';
import { startTestHost, waitFor } from '../testing/host';
import type { SignalClient } from '../testing/signal-client';
import { openSignal } from '../testing/signal-client';
import { parseSignalFrame } from './signaling';

let test: TestHost;
const sockets: SignalClient[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  test = await startTestHost();
});
afterAll(async () => {
  for (const socket of sockets) socket.ws.terminate();
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await test.host.close();
});

const signal = async (host = test, options = {}) => {
  const client = await openSignal(`${host.wsBase}/signal`, options);
  sockets.push(client);
  return client;
};

interface PeerState {
  signaling: boolean;
  webrtcPeers: string[];
  bcPeers: string[];
  map: Record<string, unknown>;
}

/** A y-webrtc provider in its own process (see testing/webrtc-peer.ts). */
function startPeer(room: string, password: string) {
  const script = fileURLToPath(new URL('../testing/webrtc-peer.ts', import.meta.url));
  const child = fork(script, [`${test.wsBase}/signal`, room, password], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const state: PeerState = { signaling: false, webrtcPeers: [], bcPeers: [], map: {} };
  child.on('message', (message: { type: string } & Partial<PeerState>) => {
    if (message.type === 'signaling') state.signaling = true;
    if (message.type === 'peers') {
      state.webrtcPeers = message.webrtcPeers ?? [];
      state.bcPeers = message.bcPeers ?? [];
    }
    if (message.type === 'state') state.map = message.map ?? {};
  });
  return {
    child,
    state,
    set: (key: string, value: unknown) => child.send({ type: 'set', key, value }),
  };
}

describe('/signal with y-webrtc peers', () => {
  it('connects two WebrtcProviders over WebRTC and carries an edit between them', async () => {
    const room = `weavemap-test-${Date.now()}`;
    const a = startPeer(room, 'derived-from-the-edit-secret');
    await waitFor(() => a.state.signaling, 'the first peer to reach the signaling server', 15_000);
    const b = startPeer(room, 'derived-from-the-edit-secret');
    await waitFor(
      () => a.state.webrtcPeers.length === 1 && b.state.webrtcPeers.length === 1,
      'the two peers to connect over WebRTC',
      15_000,
    );
    a.set('factor', 'Soil health');
    await waitFor(
      () => b.state.map.factor === 'Soil health',
      'the edit to reach the other peer',
      15_000,
    );
    b.set('reply', 42);
    await waitFor(() => a.state.map.reply === 42, 'the reply to come back', 15_000);
    // Nothing came over a BroadcastChannel: the two peers are separate processes.
    expect(a.state.bcPeers).toEqual([]);
    expect(b.state.bcPeers).toEqual([]);
    for (const child of [a.child, b.child]) child.send({ type: 'exit' });
  }, 60_000);
});

describe('/signal relay', () => {
  it('forwards a publish to every subscriber with the subscriber count', async () => {
    const a = await signal();
    const b = await signal();
    a.send({ type: 'subscribe', topics: ['room-1'] });
    b.send({ type: 'subscribe', topics: ['room-1'] });
    await Promise.all([a.roundTrip(), b.roundTrip()]);

    a.send({ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'peer-a' } });
    const expected = {
      type: 'publish',
      topic: 'room-1',
      data: { type: 'announce', from: 'peer-a' },
      clients: 2,
    };
    expect(await a.next()).toEqual(expected);
    expect(await b.next()).toEqual(expected);

    // Unsubscribing and closing both remove the subscriber.
    b.send({ type: 'unsubscribe', topics: ['room-1'] });
    await b.roundTrip();
    a.send({ type: 'publish', topic: 'room-1', data: 1 });
    expect(await a.next()).toMatchObject({ clients: 1 });

    const c = await signal();
    c.send({ type: 'subscribe', topics: ['room-1'] });
    await c.roundTrip();
    a.send({ type: 'publish', topic: 'room-1', data: 2 });
    expect(await a.next()).toMatchObject({ clients: 2 });
    expect(await c.next()).toMatchObject({ clients: 2, data: 2 });
    c.ws.close();
    await c.closed;
    a.send({ type: 'publish', topic: 'room-1', data: 3 });
    expect(await a.next()).toMatchObject({ clients: 1, data: 3 });
    expect(await b.roundTrip()).toEqual([]);
  });

  it('does not relay a publish from a connection that has not subscribed to the topic', async () => {
    const member = await signal();
    const outsider = await signal();
    member.send({ type: 'subscribe', topics: ['private-room'] });
    await member.roundTrip();
    outsider.send({ type: 'publish', topic: 'private-room', data: 'spam' });
    await outsider.roundTrip();
    member.send({ type: 'publish', topic: 'private-room', data: 'mine' });
    // Had the outsider's message been relayed, it would have arrived first.
    expect(await member.next()).toMatchObject({ data: 'mine' });
  });

  it('answers ping with pong', async () => {
    const client = await signal();
    client.send({ type: 'ping' });
    expect(await client.next()).toEqual({ type: 'pong' });
  });
});

describe('/signal under abuse', () => {
  it('drops malformed frames, logs them and keeps serving everyone', async () => {
    const abuser = await signal();
    // Subscribed, so that the oversized frame below is dropped rather than closing the socket.
    abuser.send({ type: 'subscribe', topics: ['abuse'] });
    const frames: (string | Buffer)[] = [
      'not json {',
      Buffer.from([0, 1, 2, 3, 255]),
      'null',
      '[]',
      '"a string"',
      '42',
      JSON.stringify({ type: 42 }),
      JSON.stringify({ type: 'subscribe', topics: 'room' }),
      JSON.stringify({ type: 'subscribe', topics: [1, { a: 1 }] }),
      JSON.stringify({ type: 'unsubscribe' }),
      JSON.stringify({ type: 'publish' }),
      JSON.stringify({ type: 'publish', topic: { evil: true } }),
      JSON.stringify({ type: 'publish', topic: '' }),
      JSON.stringify({ type: 'launch-missiles' }),
      JSON.stringify({ __proto__: { type: 'ping' } }),
      `{"type":"publish","topic":"room","data":"${'x'.repeat(300 * 1024)}"}`,
    ];
    for (const frame of frames) abuser.ws.send(frame);
    // The abuser's connection survives soft drops and still works.
    expect(await abuser.roundTrip()).toEqual([]);
    expect(test.logs.some((line) => line.includes('dropped a frame: not JSON'))).toBe(true);
    expect(test.logs.some((line) => line.includes('dropped a binary frame'))).toBe(true);
    expect(test.logs.some((line) => /dropped a frame of \d+ bytes \(cap 262144\)/.test(line))).toBe(
      true,
    );

    // A frame far over the cap closes that socket (1009), and only that socket.
    const flooder = await signal();
    flooder.ws.send('x'.repeat(2 * 1024 * 1024));
    expect((await flooder.closed).code).toBe(1009);

    const a = await signal();
    const b = await signal();
    a.send({ type: 'subscribe', topics: ['after-abuse'] });
    b.send({ type: 'subscribe', topics: ['after-abuse'] });
    await Promise.all([a.roundTrip(), b.roundTrip()]);
    a.send({ type: 'publish', topic: 'after-abuse', data: 'hello' });
    expect(await b.next()).toMatchObject({ data: 'hello', clients: 2 });
  });

  it('caps topics per connection and topic length', async () => {
    const greedy = await signal();
    const topics = Array.from({ length: 1000 }, (_, i) => `topic-${i}`);
    greedy.send({ type: 'subscribe', topics: [...topics, 'x'.repeat(1000)] });
    await greedy.roundTrip();

    const other = await signal();
    other.send({ type: 'subscribe', topics: ['topic-999', 'topic-0', 'x'.repeat(1000)] });
    await other.roundTrip();
    other.send({ type: 'publish', topic: 'topic-999', data: 'beyond the cap' });
    other.send({ type: 'publish', topic: 'x'.repeat(1000), data: 'too long' });
    other.send({ type: 'publish', topic: 'topic-0', data: 'within the cap' });
    // The greedy client got only topic-0 (its first 100 topics), not topic-999 or the long one.
    expect(await greedy.next()).toMatchObject({
      topic: 'topic-0',
      data: 'within the cap',
      clients: 2,
    });
    expect(await other.next()).toMatchObject({ topic: 'topic-999', clients: 1 });
    expect(await other.next()).toMatchObject({ topic: 'topic-0', clients: 2 });
    expect(test.logs.some((line) => line.includes('refused topics beyond 100'))).toBe(true);
  });

  it('closes a socket that stops answering pings and keeps one that answers', async () => {
    const fast = await startTestHost({ keepAliveMs: 50 });
    try {
      const dead = await signal(fast, { autoPong: false });
      const alive = await signal(fast);
      let pings = 0;
      alive.ws.on('ping', () => pings++);
      expect((await dead.closed).code).toBe(1006);
      await waitFor(() => pings >= 3, 'three keepalive rounds');
      expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    } finally {
      await fast.host.close();
    }
  });
});

describe('parseSignalFrame', () => {
  it('accepts the four message types and rejects everything else with a reason', () => {
    expect(parseSignalFrame('{"type":"ping"}')).toEqual({ type: 'ping' });
    expect(parseSignalFrame('{"type":"subscribe","topics":["a"]}')).toEqual({
      type: 'subscribe',
      topics: ['a'],
    });
    expect(parseSignalFrame('{"type":"publish","topic":"a","x":1}')).toMatchObject({
      type: 'publish',
      topic: 'a',
    });
    expect(parseSignalFrame('{"type":"unsubscribe","topics":"a"}')).toHaveProperty('drop');
    expect(parseSignalFrame('{')).toEqual({ drop: 'not JSON' });
  });
});
