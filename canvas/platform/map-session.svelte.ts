import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { MapSnapshot } from '../../shared/schema/types';
import { SnapshotTracker, type SnapshotChange } from '../../shared/schema/snapshot';
import { checkCompatibility, migrate } from '../../shared/schema/migrations';
import { migrateRecords } from '../../shared/schema/record-migrations';
import {
  connectionsRoot,
  elementsRoot,
  loopsMap,
  metaMap,
  sourcesMap,
} from '../../shared/schema/doc';
import type { EditContext } from '../../shared/domain/context';
import { authorsMap } from '../../shared/domain/authors';
import { connectRoom, type RoomConnection, type SyncStatus } from '../../shared/sync/connection';
import type { RoomRole } from '../../shared/sync/links';
import { saveLocalUser, type LocalUser } from './identity';
import {
  initPresence,
  readPeers,
  throttledPresence,
  type Peer,
  type PresenceState,
} from './presence';

/** A change to the map, as `SnapshotTracker` reports it, plus what the Activity feed needs. */
export interface MapChange extends SnapshotChange {
  readonly previous: MapSnapshot;
  /** Document client ids whose edits this transaction applied. */
  readonly authors: readonly number[];
}

const refusalNoticeKey = (roomId: string): string => `weavemap:refused:${roomId}`;

const hostOnlyKey = (roomId: string): string => `weavemap:host-only:${roomId}`;
const hostOnly = (roomId: string): boolean =>
  typeof sessionStorage !== 'undefined' && sessionStorage.getItem(hostOnlyKey(roomId)) === '1';

/** The host's reason for the refusal that made this page reload, once (then forgotten). */
export function takeRefusalNotice(roomId: string): string | null {
  if (typeof sessionStorage === 'undefined') return null;
  const reason = sessionStorage.getItem(refusalNoticeKey(roomId));
  if (reason !== null) sessionStorage.removeItem(refusalNoticeKey(roomId));
  return reason;
}

/** Client ids whose clock moved in a transaction: who inserted what it applied. */
function advancedClients(tr: Y.Transaction): number[] {
  const out: number[] = [];
  tr.afterState.forEach((clock, client) => {
    if (clock > (tr.beforeState.get(client) ?? 0)) out.push(client);
  });
  return out;
}

/**
 * One open map: the Y.Doc, its local copy in IndexedDB, both sync paths, presence and this
 * person's undo history. Components read `snapshot`, `status` and `peers` (immutable values in
 * `$state.raw`) and write only through commands, which call shared/domain with `ctx`.
 */
export class MapSession {
  readonly doc = new Y.Doc();
  readonly roomId: string;
  readonly role: RoomRole;
  /** This person as every surface shows them (avatar, presence, who took part, the report). */
  user = $state.raw<LocalUser>(undefined as unknown as LocalUser);
  readonly ctx: EditContext;
  readonly undoManager: Y.UndoManager;

  snapshot = $state.raw<MapSnapshot>(undefined as unknown as MapSnapshot);
  status = $state.raw<SyncStatus>({
    server: 'connecting',
    synced: false,
    unsyncedChanges: 0,
    peers: 0,
    mesh: false,
    meshAllowed: true,
    readOnly: false,
  });
  peers = $state.raw<Peer[]>([]);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Set when the map must not be edited here, with the reason to show. */
  readOnlyReason = $state<string | null>(null);
  /** The local copy in this browser has loaded. */
  localLoaded = $state(false);
  /** Why the host refused a change from this browser, once it has (the map then reloads). */
  refusal = $state<string | null>(null);

  #tracker: SnapshotTracker;
  #idb: IndexeddbPersistence | null = null;
  #connection: RoomConnection | null = null;
  #presence: ReturnType<typeof throttledPresence> | null = null;
  #cleanups: (() => void)[] = [];
  #authors: number[] = [];
  /** Whether the running undo/redo transaction carries this client's author marker. */
  #signed = false;
  #changeListeners = new Set<(change: MapChange) => void>();
  #userListeners = new Set<(user: LocalUser) => void>();
  /** Everyone seen in this session by their document client id (kept after they leave). */
  #knownClients = new Map<number, LocalUser>();
  #filter: ((snapshot: MapSnapshot) => MapSnapshot) | null = null;

  constructor(opts: { roomId: string; role: RoomRole; user: LocalUser }) {
    this.roomId = opts.roomId;
    this.role = opts.role;
    this.user = opts.user;
    const origin = { session: this.doc.clientID };
    this.ctx = { doc: this.doc, origin, userId: opts.user.id };
    // Before the tracker: its listeners then know who wrote the transaction they hear about.
    const onTransaction = (tr: Y.Transaction) => {
      this.#authors = advancedClients(tr);
    };
    this.doc.on('afterTransaction', onTransaction);
    this.#cleanups.push(() => this.doc.off('afterTransaction', onTransaction));
    this.#knownClients.set(this.doc.clientID, opts.user);
    this.#tracker = new SnapshotTracker(this.doc);
    this.snapshot = this.#tracker.snapshot;
    this.#cleanups.push(
      this.#tracker.subscribe((change) => {
        const previous = this.snapshot;
        this.snapshot = this.#filter ? this.#filter(change.snapshot) : change.snapshot;
        if (!this.#changeListeners.size) return;
        const full: MapChange = {
          ...change,
          snapshot: this.snapshot,
          previous,
          authors: this.#authors,
        };
        for (const l of this.#changeListeners) l(full);
      }),
    );
    this.undoManager = new Y.UndoManager(
      [
        metaMap(this.doc),
        elementsRoot(this.doc),
        connectionsRoot(this.doc),
        sourcesMap(this.doc),
        loopsMap(this.doc),
      ],
      {
        trackedOrigins: new Set([origin]),
        captureTimeout: 400,
        // Called inside the undo/redo transaction for each item it removes: an undo that only
        // removes is signed like any removal, so others see who undid (shared/domain/authors.ts).
        deleteFilter: () => {
          if (!this.#signed) {
            this.#signed = true;
            authorsMap(this.doc).set(String(this.doc.clientID), this.user.id);
          }
          return true;
        },
      },
    );
    const unsign = () => {
      this.#signed = false;
    };
    this.doc.on('afterTransaction', unsign);
    this.#cleanups.push(() => this.doc.off('afterTransaction', unsign));
    const onStack = () => {
      this.canUndo = this.undoManager.canUndo();
      this.canRedo = this.undoManager.canRedo();
    };
    this.undoManager.on('stack-item-added', onStack);
    this.undoManager.on('stack-item-popped', onStack);
    this.undoManager.on('stack-cleared', onStack);
    if (opts.role === 'view')
      this.readOnlyReason = 'You opened a view link: you can watch, not edit.';
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== null || this.status.readOnly;
  }

  /**
   * Loads the local copy and connects to the host and the peer mesh at the same time: whichever
   * answers first shows the map, and the CRDT merges the other in (no fixed wait for IndexedDB,
   * which may be slow, blocked or unavailable).
   */
  async open(opts: { origin: string; secret: string; WebSocket?: unknown }): Promise<void> {
    this.#idb = new IndexeddbPersistence(`weavemap:${this.roomId}`, this.doc);
    void this.#idb.whenSynced.then(() => {
      this.localLoaded = true;
      this.#checkSchema();
    });
    const connection = connectRoom({
      doc: this.doc,
      origin: opts.origin,
      roomId: this.roomId,
      secret: opts.secret,
      role: this.role,
      // After a refusal, this tab syncs through the host only: a peer may be what sent the
      // refused change, and would send it again over the mesh.
      ...(hostOnly(this.roomId) ? { mesh: false } : {}),
      ...(opts.WebSocket ? { WebSocket: opts.WebSocket } : {}),
      onStatus: (s) => {
        this.status = s;
      },
      onRefused: (reason) => void this.#recoverFromRefusal(reason),
    });
    this.#connection = connection;
    this.status = connection.status();
    // Several hosts, one map: where to reconnect should this host stop (none for a lone host).
    void fetch(`${opts.origin.replace(/\/+$/, '')}/api/hosts`)
      .then((res) => (res.ok ? (res.json() as Promise<{ hosts?: unknown }>) : null))
      .then((body) => {
        const hosts = Array.isArray(body?.hosts) ? body.hosts : [];
        connection.setHosts(hosts.filter((h): h is string => typeof h === 'string'));
      })
      .catch(() => {});
    initPresence(connection.awareness, this.user, this.role);
    this.#presence = throttledPresence(connection.awareness, 5);
    const onAwareness = () => {
      this.peers = readPeers(connection.awareness);
      for (const p of this.peers) this.#knownClients.set(p.clientId, p.user);
    };
    connection.awareness.on('change', onAwareness);
    this.#cleanups.push(() => connection.awareness.off('change', onAwareness));
    void connection.whenSynced().then(() => this.#checkSchema());
    // The browser knows before the sockets do: drop both paths at once when the device goes
    // offline (edits stay in this doc and IndexedDB), and reconnect when it is back.
    if (typeof window !== 'undefined') {
      const offline = () => connection.pause();
      const online = () => connection.resume();
      window.addEventListener('offline', offline);
      window.addEventListener('online', online);
      this.#cleanups.push(() => {
        window.removeEventListener('offline', offline);
        window.removeEventListener('online', online);
      });
      if (!navigator.onLine) connection.pause();
    }
  }

  /**
   * The host refused a change made here, so this copy holds edits the host will never take and
   * that every later edit from it would build on: drop the local copy (IndexedDB) and reload the
   * map from the host. The reason is shown after the reload (`takeRefusalNotice`).
   */
  async #recoverFromRefusal(reason: string): Promise<void> {
    if (this.refusal !== null) return;
    this.refusal = reason;
    this.readOnlyReason = `The host refused a change made here (${reason}). Reloading the map from the host…`;
    this.#connection?.destroy();
    this.#connection = null;
    const idb = this.#idb;
    this.#idb = null;
    await idb?.clearData();
    if (typeof window === 'undefined') return;
    sessionStorage.setItem(refusalNoticeKey(this.roomId), reason);
    sessionStorage.setItem(hostOnlyKey(this.roomId), '1');
    location.reload();
  }

  #checkSchema(): void {
    const compat = checkCompatibility(this.doc);
    if (compat.status === 'newer') this.readOnlyReason = compat.message;
    else if (compat.status === 'needs-migration' && this.role !== 'view')
      migrate(this.doc, this.ctx.origin);
    // The records' own steps: the host ran them on load; a map kept only here runs them now.
    if (compat.status !== 'newer' && this.role !== 'view') migrateRecords(this.doc);
  }

  /**
   * The whole document's snapshot, before the filter of `setSnapshotFilter` (what a facilitator
   * counts hidden notes in). Not reactive: read it where `snapshot` is read.
   */
  get wholeSnapshot(): MapSnapshot {
    return this.#tracker.snapshot;
  }

  /**
   * What this person is shown of the map: `filter` maps the document's snapshot to the visible
   * one (the session's private mode leaves out others' hidden notes); null shows everything.
   * Applies at once and after every change.
   */
  setSnapshotFilter(filter: ((snapshot: MapSnapshot) => MapSnapshot) | null): void {
    this.#filter = filter;
    const all = this.#tracker.snapshot;
    this.snapshot = filter ? filter(all) : all;
  }

  /** Shares presence fields (throttled to 5 updates a second; `immediate` for discrete changes). */
  setPresence(fields: Partial<PresenceState>, immediate = false): void {
    if (this.role === 'view') {
      // View links send no cursor (and cannot drag): they watch.
      const { cursor: _cursor, dragging: _dragging, ...rest } = fields;
      if (Object.keys(rest).length === 0) return;
      fields = rest;
    }
    this.#presence?.set(fields, immediate);
  }

  /**
   * Changes this person's name or colour: the one place it happens. It is kept on this device,
   * shared with everyone at once, and every listener (the session's "who took part") hears it.
   */
  setUser(user: LocalUser): void {
    this.user = user;
    saveLocalUser(user);
    this.#knownClients.set(this.doc.clientID, user);
    this.#presence?.set({ user }, true);
    for (const l of this.#userListeners) l(user);
  }

  /** Hears this person's name or colour change. Returns a function that stops listening. */
  onUserChange(listener: (user: LocalUser) => void): () => void {
    this.#userListeners.add(listener);
    return () => this.#userListeners.delete(listener);
  }

  /**
   * Hears every change to the map after the snapshot moved on, with the snapshot before it and
   * the document client ids that wrote it (empty for a change that only deleted: Yjs does not
   * record who deletes). Returns a function that stops listening.
   */
  onChange(listener: (change: MapChange) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  /** The person behind a document client id, if they have been online in this session. */
  userForClient(clientId: number): LocalUser | undefined {
    return this.#knownClients.get(clientId);
  }

  /** This browser's document client id (its edits carry it; awareness is keyed by it). */
  get clientId(): number {
    return this.doc.clientID;
  }

  undo(): void {
    this.undoManager.undo();
  }

  redo(): void {
    this.undoManager.redo();
  }

  /** Groups the next edits into their own undo step. */
  stopCapturing(): void {
    this.undoManager.stopCapturing();
  }

  get connection(): RoomConnection | null {
    return this.#connection;
  }

  destroy(): void {
    for (const c of this.#cleanups.splice(0)) c();
    this.#presence?.dispose();
    this.#connection?.destroy();
    this.#tracker.destroy();
    this.undoManager.destroy();
    void this.#idb?.destroy();
    this.doc.destroy();
  }
}
