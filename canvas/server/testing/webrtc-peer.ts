// Test support, run as a child process: one y-webrtc peer that signals only through the given
// URL. Each peer lives in its own process, so lib0's BroadcastChannel (which in one process
// hands messages straight to every provider of the same room) cannot carry anything between
// peers: updates can only travel over the WebRTC data channel.
//
//   node --import tsx webrtc-peer.ts <signalingUrl> <room> <password>
//
// Parent -> child messages: {type: 'set', key, value} | {type: 'exit'}.
// Child -> parent messages: {type: 'peers', webrtcPeers, bcPeers} | {type: 'state', map}.
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import * as Y from 'yjs';

const [signalingUrl, room, password] = process.argv.slice(2);
if (!signalingUrl || !room || !password || !process.send) {
  console.error('usage (as a forked child): webrtc-peer.ts <signalingUrl> <room> <password>');
  process.exit(2);
}
const send = (message: unknown) => process.send?.(message);

// y-webrtc's signaling client uses the global WebSocket (Node 20 has none).
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
const wrtc: unknown = createRequire(import.meta.url)('@roamhq/wrtc');
const { WebrtcProvider } = await import('y-webrtc');

const doc = new Y.Doc();
const provider = new WebrtcProvider(room, doc, {
  signaling: [signalingUrl],
  password,
  peerOpts: { wrtc, config: { iceServers: [] } },
});
provider.on('peers', ({ webrtcPeers, bcPeers }: { webrtcPeers: string[]; bcPeers: string[] }) =>
  send({ type: 'peers', webrtcPeers, bcPeers }),
);
doc.on('update', () => send({ type: 'state', map: doc.getMap('m').toJSON() }));
// Tell the parent once this peer is subscribed through the signaling server, so a test can start
// the second peer after it: two peers announcing at the same instant can hit y-webrtc's glare
// race, which leaves one side waiting forever (the app guards against it in shared/sync).
const signalingUp = setInterval(() => {
  const conns = (provider as unknown as { signalingConns: { connected: boolean }[] })
    .signalingConns;
  if (conns.length > 0 && conns.every((c) => c.connected)) {
    clearInterval(signalingUp);
    send({ type: 'signaling' });
  }
}, 10);

process.on('message', (message: { type: string; key?: string; value?: unknown }) => {
  if (message.type === 'set' && message.key) doc.getMap('m').set(message.key, message.value);
  if (message.type === 'exit') {
    provider.destroy();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
