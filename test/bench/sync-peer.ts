// One benchmark peer, run as a forked child process (each peer in its own process, so y-webrtc's
// in-process room registry and BroadcastChannel cannot shortcut the network).
//
//   node --import tsx test/bench/sync-peer.ts <mode> <origin> <roomId> <secret>
//   mode: p2p (our mesh only), server (our host only), both, baseline (bare y-webrtc, no password)
//
// Parent -> child: {type:'edit', key} | {type:'exit'}
// Child -> parent: {type:'ready'} | {type:'seen', key, at} | {type:'peers', n}
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import * as Y from 'yjs';

(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
// Node's BroadcastChannel crosses nothing between processes, but remove it anyway so lib0 never
// picks it: updates must travel over WebRTC or the host.
(globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
const wrtc: unknown = createRequire(import.meta.url)('@roamhq/wrtc');
const { WebrtcProvider } = await import('y-webrtc');
const { connectRoom } = await import('../../shared/sync/connection');
const { wsUrl } = await import('../../shared/sync/links');

const [mode, origin, roomId, secret] = process.argv.slice(2) as [string, string, string, string];
const send = (m: unknown) => process.send?.(m);
const now = () => performance.timeOrigin + performance.now();

const doc = new Y.Doc();
const marks = doc.getMap<number>('marks');
marks.observe((e) => {
  const at = now();
  if (e.transaction.local) return;
  for (const key of e.keysChanged) send({ type: 'seen', key, ms: at - (marks.get(key) ?? at) });
});

let destroy: () => void;
if (mode === 'baseline') {
  const p = new WebrtcProvider(`baseline-${roomId}`, doc, {
    signaling: [wsUrl(origin, '/signal')],
    peerOpts: { wrtc, config: { iceServers: [] } },
    maxConns: 64,
  });
  p.on('peers', (e: { webrtcPeers: string[] }) => send({ type: 'peers', n: e.webrtcPeers.length }));
  destroy = () => p.destroy();
  send({ type: 'ready' });
} else {
  const c = connectRoom({
    doc,
    origin,
    roomId,
    secret,
    role: 'edit',
    WebSocket,
    peerOpts: { wrtc },
    server: mode !== 'p2p',
    mesh: mode !== 'server',
    onStatus: (s) => send({ type: 'peers', n: s.peers, synced: s.synced }),
  });
  destroy = () => c.destroy();
  if (mode === 'p2p') send({ type: 'ready' });
  else void c.whenSynced().then(() => send({ type: 'ready' }));
}

process.on('message', (m: { type: string; key?: string }) => {
  if (m.type === 'edit' && m.key) marks.set(m.key, now());
  if (m.type === 'exit') {
    destroy();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
