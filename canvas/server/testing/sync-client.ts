// Test support: a HocuspocusProvider in Node talking to the host's /sync.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { parseRefusal } from '../../../shared/sync/refusal';

/** Hocuspocus message type of the server's "your update was (not) applied" reply. */
const SYNC_STATUS = 8;

export interface SyncClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves when the first sync with the host is done; rejects if authentication fails. */
  synced: Promise<void>;
  /** Resolves with the reason when the host refuses the secret. */
  refused: Promise<string>;
  /** How many of this client's updates the host refused to apply (read-only connections). */
  refusedUpdates(): number;
  /** The reasons the host gave for refusing this client's updates (the document contract). */
  refusals(): string[];
  destroy(): void;
}

export function connectSync(
  wsBase: string,
  roomId: string,
  token: string,
  doc = new Y.Doc(),
): SyncClient {
  const socket = new HocuspocusProviderWebsocket({
    url: `${wsBase}/sync`,
    WebSocketPolyfill: WebSocket,
    // Tests that refuse a connection should not keep retrying in the background.
    maxAttempts: 1,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: roomId,
    token,
    document: doc,
  });
  let refusedUpdates = 0;
  provider.on('message', ({ event }: { event: MessageEvent }) => {
    const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) === SYNC_STATUS && decoding.readVarInt(decoder) === 0)
      refusedUpdates += 1;
  });
  const refusals: string[] = [];
  provider.on('stateless', ({ payload }: { payload: string }) => {
    const refusal = parseRefusal(payload);
    if (refusal) refusals.push(refusal.reason);
  });
  let onRefused: (reason: string) => void = () => {};
  const refused = new Promise<string>((resolve) => (onRefused = resolve));
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('synced', () => resolve());
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      onRefused(reason);
      reject(new Error(`authentication failed: ${reason}`));
    });
  });
  synced.catch(() => {});
  provider.attach();
  return {
    doc,
    provider,
    synced,
    refused,
    refusedUpdates: () => refusedUpdates,
    refusals: () => [...refusals],
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}
