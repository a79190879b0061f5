import type * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { HostProvider } from './host-provider';
import { WebrtcProvider } from 'y-webrtc';
import { wsUrl, type RoomRole } from './links';
import { deriveMeshPassword, editSecretFromFacilitator, meshRoomName } from './password';
import { preserveCryptoOrder } from './ordered-crypto';
import { meshCapGate } from './mesh-cap';
import { keepHostPresence } from './presence-relay';
import { watchMesh } from './mesh-health';
import { parseRefusal } from './refusal';
import { rotateHosts } from './host-rotation';

/**
 * Both sync paths on one Y.Doc (see docs/architecture.md, "Sync topology"):
 *  - Hocuspocus at /sync is the durable source of truth and carries large documents;
 *  - y-webrtc through our own /signal is the low-latency peer path, for edit-link holders only.
 * Both share one Awareness, so presence reaches view-only clients (through the host) and peers
 * (directly) alike.
 */

export interface SyncStatus {
  /** The host connection. `refused`: the link's secret was not accepted. */
  readonly server: 'connecting' | 'connected' | 'disconnected' | 'refused';
  /** The document has been synced with the host at least once since connecting. */
  readonly synced: boolean;
  /** Local changes the host has not yet acknowledged. */
  readonly unsyncedChanges: number;
  /** Peers directly connected over WebRTC. */
  readonly peers: number;
  /** Whether this client takes part in the peer mesh. */
  readonly mesh: boolean;
  /** False while the room has more editors than the mesh cap (all sync through the host). */
  readonly meshAllowed: boolean;
  /** The host granted only read access (a view link). */
  readonly readOnly: boolean;
}

export interface RoomConnectionOptions {
  readonly doc: Y.Doc;
  /** The host's http(s) origin, e.g. http://127.0.0.1:5178 */
  readonly origin: string;
  readonly roomId: string;
  readonly secret: string;
  readonly role: RoomRole;
  readonly awareness?: Awareness;
  /** A WebSocket implementation for Node (`ws`); browsers use their own. */
  readonly WebSocket?: unknown;
  /** ICE servers for the peer mesh; none by default (LAN and loopback need none). */
  readonly iceServers?: readonly unknown[];
  /** Extra simple-peer options (Node passes `wrtc`). */
  readonly peerOpts?: Record<string, unknown>;
  /** Turn the host path off (benchmarks of the peer path alone); on by default. */
  readonly server?: boolean;
  /** Turn the peer mesh off for good (view links never join it; `setMesh` cannot undo it). */
  readonly mesh?: boolean;
  /** Most editors for the peer mesh; above it everyone syncs through the host (default 12). */
  readonly meshCap?: number;
  /**
   * Every host of the cluster (http(s) origins, from the host's /api/hosts): when the host
   * connection closes, the next attempt goes to the next one (see rotateHosts).
   */
  readonly hosts?: readonly string[];
  readonly onStatus?: (status: SyncStatus) => void;
  /**
   * The host refused an update from this client (it breaks the document contract or the link's
   * role), with the reason. The host takes nothing more from this connection: the client should
   * drop its local copy and load the map from the host again.
   */
  readonly onRefused?: (reason: string) => void;
}

export interface RoomConnection {
  readonly awareness: Awareness;
  readonly hocuspocus: HocuspocusProvider;
  status(): SyncStatus;
  /** Joins or leaves the peer mesh (a locked map syncs through the host only). */
  setMesh(enabled: boolean): Promise<void>;
  /** Drops both sync paths (the device went offline); edits keep accumulating locally. */
  pause(): void;
  /** Reconnects both sync paths after `pause`. */
  resume(): void;
  /** The cluster's hosts to reconnect through (see RoomConnectionOptions.hosts). */
  setHosts(origins: readonly string[]): void;
  /** The host the document syncs with now (an origin). */
  host(): string;
  /** Resolves once the host has sent the stored document. */
  whenSynced(): Promise<void>;
  destroy(): void;
}

export function connectRoom(opts: RoomConnectionOptions): RoomConnection {
  const awareness = opts.awareness ?? new Awareness(opts.doc);
  let server: SyncStatus['server'] = 'connecting';
  let synced = false;
  let unsynced = 0;
  let peers = 0;
  let readOnly = opts.role === 'view';
  let webrtc: WebrtcProvider | null = null;
  let stopWatch = (): void => {};
  let meshWanted = opts.role !== 'view' && opts.mesh !== false;
  let capGate: ReturnType<typeof meshCapGate> | null = null;
  let destroyed = false;
  const syncWaiters: (() => void)[] = [];

  const status = (): SyncStatus => ({
    server,
    synced,
    unsyncedChanges: unsynced,
    peers,
    mesh: webrtc !== null,
    meshAllowed: capGate?.allowed() ?? true,
    readOnly,
  });
  const emit = () => opts.onStatus?.(status());

  const socket = new HocuspocusProviderWebsocket({
    url: wsUrl(opts.origin, '/sync'),
    ...(opts.WebSocket ? { WebSocketPolyfill: opts.WebSocket } : {}),
    maxDelay: 5_000,
    autoConnect: opts.server !== false,
  });
  const rotation = rotateHosts(socket, opts.origin);
  if (opts.hosts) rotation.setHosts(opts.hosts);
  const hocuspocus = new HostProvider({
    websocketProvider: socket,
    name: opts.roomId,
    document: opts.doc,
    awareness,
    token: opts.secret,
    onStatus: ({ status: s }) => {
      if (server === 'refused') return;
      server = s === 'connected' ? 'connected' : s === 'connecting' ? 'connecting' : 'disconnected';
      if (server !== 'connected') synced = false;
      emit();
    },
    onAuthenticated: ({ scope }) => {
      readOnly = scope === 'readonly';
      emit();
    },
    onAuthenticationFailed: () => {
      server = 'refused';
      emit();
    },
    onSynced: ({ state }) => {
      synced = state;
      if (state) syncWaiters.splice(0).forEach((w) => w());
      emit();
    },
    onStateless: ({ payload }) => {
      const refusal = parseRefusal(payload);
      if (refusal) opts.onRefused?.(refusal.reason);
    },
    onUnsyncedChanges: ({ number }) => {
      unsynced = number;
      emit();
    },
  });
  // Updates that arrive over the mesh reach the host from their author, not from every peer.
  hocuspocus.fromMesh = (origin) => webrtc !== null && origin === webrtc.room;
  if (opts.server !== false) hocuspocus.attach();

  const startMesh = async (): Promise<void> => {
    if (webrtc || destroyed) return;
    const editSecret =
      opts.role === 'facilitator' ? await editSecretFromFacilitator(opts.secret) : opts.secret;
    const [name, password] = await Promise.all([
      meshRoomName(opts.roomId, editSecret),
      deriveMeshPassword(editSecret),
    ]);
    if (webrtc || destroyed || !meshWanted || !(capGate?.allowed() ?? true)) return;
    preserveCryptoOrder();
    webrtc = new WebrtcProvider(name, opts.doc, {
      signaling: [wsUrl(opts.origin, '/signal')],
      password,
      awareness,
      maxConns: 64,
      filterBcConns: true,
      peerOpts: {
        ...(opts.peerOpts ?? {}),
        config: { iceServers: [...(opts.iceServers ?? [])] },
      },
    });
    stopWatch = watchMesh(webrtc, {
      onPeers: (n) => {
        peers = n;
        emit();
      },
    });
    emit();
  };

  const stopMesh = () => {
    if (!webrtc) return;
    stopWatch();
    webrtc.destroy();
    webrtc = null;
    peers = 0;
  };
  capGate = meshCapGate(awareness, {
    eligible: opts.role !== 'view' && opts.mesh !== false,
    ...(opts.meshCap !== undefined ? { cap: opts.meshCap } : {}),
    onChange: (allowed) => {
      if (allowed && meshWanted) void startMesh();
      else if (!allowed) stopMesh();
      emit();
    },
  });
  if (meshWanted) void startMesh();
  // A crowd (above the mesh cap) syncs through the host alone, whose presence relay says who is
  // here: no heartbeats from idle people, no timeouts for them (shared/sync/presence-relay.ts).
  // A small room keeps Yjs's own heartbeats, which the peer mesh relies on.
  const stopKeeping = keepHostPresence(
    awareness,
    () => server === 'connected' && webrtc === null && !(capGate?.allowed() ?? true),
  );

  return {
    awareness,
    hocuspocus,
    status,
    async setMesh(enabled) {
      meshWanted = enabled && opts.role !== 'view' && opts.mesh !== false;
      if (meshWanted) await startMesh();
      else if (webrtc) {
        stopMesh();
        emit();
      }
    },
    pause() {
      hocuspocus.disconnect();
      socket.disconnect();
      stopMesh();
      server = 'disconnected';
      synced = false;
      emit();
    },
    resume() {
      if (destroyed) return;
      void socket.connect();
      void hocuspocus.connect();
      if (meshWanted) void startMesh();
    },
    setHosts: (origins) => rotation.setHosts(origins),
    host: () => rotation.current(),
    whenSynced() {
      if (synced) return Promise.resolve();
      return new Promise((resolve) => syncWaiters.push(resolve));
    },
    destroy() {
      destroyed = true;
      stopKeeping();
      capGate?.dispose();
      rotation.stop();
      stopMesh();
      hocuspocus.destroy();
      socket.destroy();
    },
  };
}
