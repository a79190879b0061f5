/**
 * A child process of the session bench (test/bench/session.ts), in one of two roles:
 *
 * - `peers <wsBase> <roomId> <secret> <count> <first>`: `count` simulated participants, each a
 *   Hocuspocus client with its own socket and awareness, moving a cursor and editing now and
 *   then, as the parent says (`{type: 'mode', ...}` over IPC).
 * - `observer <wsBase> <roomId> <secret>`: one participant's screen, doing what the canvas does
 *   with what arrives (the map snapshot kept current, the people list re-read on every presence
 *   change), and measuring its own CPU time over a window when asked (`{type: 'measure', ms}`).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addElement, moveElements } from '../../shared/domain/index';
import { SnapshotTracker } from '../../shared/schema/snapshot';
import { elementsMap } from '../../shared/schema/doc';
import { initPresence, readPeers, throttledPresence } from '../../canvas/platform/presence';

type Mode =
  { type: 'mode'; cursorHz: number; throttled: boolean; editEveryMs: number } | { type: 'stop' };

interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
}

function connect(wsBase: string, roomId: string, secret: string): Promise<Client> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: `${wsBase}/sync`,
    WebSocketPolyfill: WebSocket,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: roomId,
    token: secret,
    document: doc,
  });
  provider.attach();
  return new Promise((resolve, reject) => {
    provider.on('synced', () => resolve({ doc, provider, socket }));
    provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
      reject(new Error(reason)),
    );
  });
}

const send = (msg: unknown) => process.send?.(msg);

async function runPeers(args: string[]): Promise<void> {
  const [wsBase, roomId, secret, countArg, firstArg] = args as [
    string,
    string,
    string,
    string,
    string,
  ];
  const count = Number(countArg);
  const first = Number(firstArg);
  const clients = await Promise.all(
    Array.from({ length: count }, () => connect(wsBase, roomId, secret)),
  );
  const peers = clients.map((c, i) => {
    const n = first + i;
    const awareness = c.provider.awareness!;
    initPresence(awareness, { id: `peer-${n}`, name: `Peer ${n}`, color: '#4363d8' });
    return {
      ...c,
      n,
      awareness,
      throttle: throttledPresence(awareness, 5),
      ctx: { doc: c.doc, origin: { peer: n }, userId: `peer-${n}` },
    };
  });
  let timers: ReturnType<typeof setInterval>[] = [];
  const stopTimers = () => {
    for (const t of timers) clearInterval(t);
    timers = [];
  };
  process.on('message', (msg: Mode) => {
    stopTimers();
    if (msg.type === 'stop') {
      for (const p of peers) {
        p.throttle.dispose();
        p.provider.destroy();
        p.socket.destroy();
      }
      process.exit(0);
    }
    const { cursorHz, throttled, editEveryMs } = msg;
    for (const p of peers) {
      let t = Math.random() * 1000;
      if (cursorHz > 0)
        timers.push(
          setInterval(() => {
            t += 1;
            const cursor = { x: Math.round(300 * Math.cos(t / 20)), y: Math.round(t % 400) };
            // The canvas sends pointer moves through the throttle; the baseline does not.
            if (throttled) p.throttle.set({ cursor });
            else p.awareness.setLocalStateField('cursor', cursor);
          }, 1000 / cursorHz),
        );
      if (editEveryMs > 0)
        timers.push(
          setInterval(
            () => {
              const ids = [...elementsMap(p.doc).keys()];
              const id = ids[Math.floor(Math.random() * ids.length)];
              if (id && Math.random() < 0.8)
                moveElements(p.ctx, [
                  [id, [Math.round(Math.random() * 2000), Math.round(Math.random() * 1500)]],
                ]);
              else
                addElement(p.ctx, {
                  kind: 'factor',
                  label: `Idea ${p.n}-${Math.round(t)}`,
                  position: [Math.round(Math.random() * 2000), Math.round(Math.random() * 1500)],
                });
            },
            editEveryMs * (0.75 + Math.random() / 2),
          ),
        );
    }
    send({ type: 'ready' });
  });
  send({ type: 'connected' });
}

async function runObserver(args: string[]): Promise<void> {
  const [wsBase, roomId, secret] = args as [string, string, string];
  const c = await connect(wsBase, roomId, secret);
  const awareness = c.provider.awareness!;
  initPresence(awareness, { id: 'observer', name: 'Observer', color: '#000000' });
  const tracker = new SnapshotTracker(c.doc);
  let snapshots = 0;
  tracker.subscribe(() => (snapshots += 1));
  let presenceChanges = 0;
  let peersSeen = 0;
  awareness.on('change', () => {
    presenceChanges += 1;
    peersSeen = readPeers(awareness).length;
  });
  let docUpdates = 0;
  c.doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin !== null) docUpdates += 1;
  });
  let awarenessUpdates = 0;
  awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
    awarenessUpdates += [...added, ...updated].filter((id) => id !== awareness.clientID).length;
  });
  process.on('message', (msg: { type: 'measure'; ms: number } | { type: 'stop' }) => {
    if (msg.type === 'stop') {
      tracker.destroy();
      c.provider.destroy();
      c.socket.destroy();
      process.exit(0);
    }
    const start = process.cpuUsage();
    const t0 = performance.now();
    const counts0 = { presenceChanges, docUpdates, awarenessUpdates, snapshots };
    setTimeout(() => {
      const cpu = process.cpuUsage(start);
      const seconds = (performance.now() - t0) / 1000;
      send({
        type: 'measured',
        cpuMsPerSecond: (cpu.user + cpu.system) / 1000 / seconds,
        presencePerSecond: (awarenessUpdates - counts0.awarenessUpdates) / seconds,
        editsPerSecond: (docUpdates - counts0.docUpdates) / seconds,
        snapshotsPerSecond: (snapshots - counts0.snapshots) / seconds,
        peersSeen,
      });
    }, msg.ms);
  });
  send({ type: 'connected' });
}

const [role, ...rest] = process.argv.slice(2);
(role === 'peers' ? runPeers(rest) : runObserver(rest)).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
