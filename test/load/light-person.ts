/**
 * A light person for the load harness: a socket of its own to the host's /sync, speaking the
 * Hocuspocus protocol by hand (canvas/server/testing/sync-frames.ts), without a provider and
 * without applying the room to a Y.Doc. What it sends is what a browser sends (its token, a sync
 * step 1, its presence, Yjs updates made with shared/domain on a document that holds the room as
 * it was when it joined, so the host's contract check passes them), and the host does for it all
 * it does for a browser. What it receives it only reads: it finds the harness's edit labels in
 * each update's bytes (Yjs writes strings as UTF-8), so a thousand of them fit in one process and
 * the harness measures the host rather than a thousand copies of the map being decoded.
 * Like HocuspocusProvider, it reconnects after losing its socket and syncs what it missed.
 * `crowd-client.ts` runs a few full clients (HocuspocusProvider + Y.Doc) in every room beside
 * them, which check that the document itself converges.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  AUTH,
  AWARENESS,
  SYNC,
  authFrame,
  awarenessFrame,
  syncStep1Frame,
  updateFrame,
} from '../../canvas/server/testing/sync-frames';

const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const STATELESS = 5;
const PING = 9;
/** Hocuspocus: the host applied (1) or refused (0) a sync message: its acknowledgement. */
const SYNC_STATUS = 8;
const PONG = 10;
const AUTHENTICATED = 2;
const PERMISSION_DENIED = 0;
/** Yjs awareness: a state unchanged for 15 s is sent again (a heartbeat). */
const HEARTBEAT_MS = 15_000;

const LABELS = /p(\d+) #(\d+) @([\d.]+)/g;

export interface LightEvents {
  /** An edit label arrived in an update: sender, sequence number, send time. */
  onLabel(sender: number, seq: number, sentAt: number): void;
  /** Presence entries of others received (one per person in each awareness message). */
  onPresence(entries: number): void;
  onBytes(bytes: number): void;
  onStateless(payload: string): void;
  /** The socket closed (`code` and `reason` as the close frame gave them; 1006: none came). */
  onClose(code: number, reason: string): void;
}

export class LightPerson {
  readonly doc = new Y.Doc();
  #ws!: WebSocket;
  #destroyed = false;
  readonly #room: string;
  #clock = 0;
  #state: Record<string, unknown> | null = null;
  #lastPresenceAt = 0;
  /** The caller's mark (its edit's sequence number) of each sync message sent, not yet acked. */
  #unacked: number[] = [];
  /** What the caller marks the sync messages it sends now with (see `acked`). */
  mark = 0;
  /** The highest mark of a sync message the host acknowledged (applied; durable on a cluster). */
  acked = 0;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #synced: (() => void) | undefined;
  #failed: ((e: Error) => void) | undefined;

  constructor(
    url: string,
    room: string,
    token: string,
    /** Send Yjs's 15 s heartbeat (the baseline; with the host's relay, idle people are quiet). */
    heartbeats: boolean,
    readonly events: LightEvents,
  ) {
    this.#room = room;
    const open = () => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      this.#ws = ws;
      ws.binaryType = 'nodebuffer';
      ws.on('open', () => {
        ws.send(authFrame(room, token));
        // What this client has (its own edits): the host answers with everything else.
        ws.send(syncStep1Frame(room, this.doc));
        // Messages sent on the lost socket may not have been applied: unacknowledged. (What
        // they carried goes again in the answer to the host's sync step 1, acked with it.)
        this.#unacked = [];
        if (this.#state) this.setPresence(this.#state);
      });
      ws.on('message', (data: Buffer) => this.#receive(data));
      ws.on('close', (code: number, reason: Buffer) => {
        this.#unacked = [];
        if (this.#destroyed) return;
        events.onClose(code, reason.toString('utf8'));
        // As HocuspocusProvider does: reconnect, and sync what was missed.
        setTimeout(open, 1000);
      });
      ws.on('error', () => {});
    };
    open();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'host' && this.#ws.readyState === WebSocket.OPEN) {
        this.#unacked.push(this.mark);
        this.#ws.send(updateFrame(room, update));
      }
    });
    if (heartbeats)
      this.#heartbeat = setInterval(() => {
        if (this.#state && performance.now() - this.#lastPresenceAt >= HEARTBEAT_MS)
          this.setPresence(this.#state);
      }, HEARTBEAT_MS / 10);
  }

  /** Resolves once the room's state has arrived (the first sync step 2). */
  readonly synced = new Promise<void>((resolve, reject) => {
    this.#synced = resolve;
    this.#failed = reject;
  });

  get clientId(): number {
    return this.doc.clientID;
  }

  setPresence(state: Record<string, unknown>): void {
    this.#state = state;
    this.#lastPresenceAt = performance.now();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, this.doc.clientID);
    encoding.writeVarUint(e, ++this.#clock);
    encoding.writeVarString(e, JSON.stringify(state));
    if (this.#ws.readyState === WebSocket.OPEN)
      this.#ws.send(awarenessFrame(this.#room, encoding.toUint8Array(e)));
  }

  destroy(): void {
    this.#destroyed = true;
    clearInterval(this.#heartbeat);
    this.#ws.terminate();
  }

  #receive(data: Buffer): void {
    this.events.onBytes(data.byteLength);
    if (data.length === 1 && data[0] === PING) {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, PONG);
      this.#ws.send(encoding.toUint8Array(e));
      return;
    }
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === SYNC || type === 4) {
      const sub = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (sub === STEP1) {
        // The host asks what this client has: its own edits since it joined.
        const e = encoding.createEncoder();
        encoding.writeVarString(e, this.#room);
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, STEP2);
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, payload));
        this.#unacked.push(this.mark);
        this.#ws.send(encoding.toUint8Array(e));
      } else if (sub === STEP2 && this.#synced) {
        Y.applyUpdate(this.doc, payload, 'host');
        const done = this.#synced;
        this.#synced = undefined;
        this.#failed = undefined;
        done();
      } else if (sub === UPDATE || sub === STEP2) {
        const at = performance.timeOrigin + performance.now();
        for (const m of Buffer.from(payload).toString('latin1').matchAll(LABELS))
          this.events.onLabel(Number(m[1]), Number(m[2]), at - Number(m[3]));
      }
    } else if (type === AWARENESS) {
      this.events.onPresence(othersIn(decoding.readVarUint8Array(decoder), this.doc.clientID));
    } else if (type === AUTH) {
      const sub = decoding.readVarUint(decoder);
      if (sub === PERMISSION_DENIED) this.#failed?.(new Error(decoding.readVarString(decoder)));
      else if (sub !== AUTHENTICATED) return;
    } else if (type === SYNC_STATUS) {
      // Acks come in the order the host received the sync messages of this socket.
      const mark = this.#unacked.shift();
      if (mark !== undefined && decoding.readVarInt(decoder) === 1)
        this.acked = Math.max(this.acked, mark);
    } else if (type === STATELESS) {
      this.events.onStateless(decoding.readVarString(decoder));
    }
  }
}

/** How many people other than `ownId` an awareness update carries a state (or a leave) for. */
function othersIn(update: Uint8Array, ownId: number): number {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  let others = 0;
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
    if (id !== ownId) others += 1;
  }
  return others;
}

/**
 * The same count for any /sync message (0 for anything but presence): the harness's "presence
 * updates received", counted alike for full and light clients.
 */
export function presenceEntries(message: Uint8Array, ownId: number): number {
  const decoder = decoding.createDecoder(message);
  if (message.length === 1) return 0;
  decoding.readVarString(decoder);
  if (decoding.readVarUint(decoder) !== AWARENESS) return 0;
  return othersIn(decoding.readVarUint8Array(decoder), ownId);
}
