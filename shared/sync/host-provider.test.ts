import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { HostProvider } from './host-provider';

const providers: HostProvider[] = [];
afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
});

function provider(doc: Y.Doc): HostProvider {
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: 'ws://127.0.0.1:9/sync',
    autoConnect: false,
    // Never connects (autoConnect off); Node 20 has no WebSocket of its own.
    WebSocketPolyfill: class NoSocket {},
  });
  const p = new HostProvider({ websocketProvider, name: 'room', document: doc, token: 'secret' });
  providers.push(p);
  return p;
}

describe('HostProvider', () => {
  it('sends the host what this client writes and loads, not what peers send over the mesh', () => {
    const doc = new Y.Doc();
    const p = provider(doc);
    const mesh = { name: 'the mesh room' };
    p.fromMesh = (origin) => origin === mesh;
    const sent = vi.spyOn(p, 'send').mockImplementation(() => {});

    doc.getMap('elements').set('a', 1);
    expect(sent).toHaveBeenCalledTimes(1);

    const peer = new Y.Doc();
    peer.getMap('session').set('phase/x', 'a facilitator change');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer), mesh);
    expect(doc.getMap('session').get('phase/x')).toBe('a facilitator change');
    expect(sent).toHaveBeenCalledTimes(1);

    // Loaded from this device (IndexedDB) or from anything else: still sent.
    const local = new Y.Doc();
    local.getMap('elements').set('b', 2);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(local), 'indexeddb');
    expect(sent).toHaveBeenCalledTimes(2);
  });
});
