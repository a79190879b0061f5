/**
 * A child process of the load harness (test/load/run.ts): a share of the crowd, each person with
 * a socket of its own to the host's /sync, on an edit link like a browser (the peer mesh is
 * capped at 12 editors, so a crowd uses the host path only). A few are full clients (a
 * HocuspocusProvider with a Y.Doc that applies the whole room, as a browser does); the rest are
 * light (light-person.ts: the same messages sent, the received ones only read), so that one
 * process holds a thousand people and the harness measures the host rather than itself.
 * Everything a person sends goes through the host's checks: presence is the person's own entry
 * with the fields shared/sync/presence.ts accepts, at most 5 a second; edits are shared/domain
 * calls on the person's own card (a rename and a move), which the host's contract check passes.
 *
 * Each edit carries its send time in the card's label (`p<person> #<seq> @<ms>`, ms from
 * `performance.timeOrigin + performance.now()`, the same clock in every process of the machine),
 * and every other client of the room records how long it took to arrive: a full client on
 * applying it to its document, a light one on receiving the update.
 *
 * Parent -> child over IPC: `init`, then `start` (cursors and edits for `seconds`), `verify`
 * (the last edit of every person: wait until every client has it, or a timeout), `stop`.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addElement, updateElement } from '../../shared/domain/index';
import { elementsRoot } from '../../shared/schema/doc';
import { keepHostPresence } from '../../shared/sync/presence-relay';
import { parseRefusal } from '../../shared/sync/refusal';
import { rotateHosts } from '../../shared/sync/host-rotation';
import { LightPerson, presenceEntries } from './light-person';

export interface Seat {
  room: string;
  secret: string;
  person: number;
  /** A full client (HocuspocusProvider + Y.Doc) or a light one (light-person.ts). */
  full: boolean;
  /**
   * Several hosts: the http origins of every host, this seat's own first. A full client moves
   * to the next when its connection closes (shared/sync/host-rotation.ts); a light one stays.
   */
  hosts?: string[];
}

export type ToChild =
  | {
      type: 'init';
      wsBase: string;
      seats: Seat[];
      /** The host relays presence (batched): idle people send no heartbeats (#17). */
      relay: boolean;
    }
  | {
      type: 'start';
      seconds: number;
      activeShare: number;
      cursorHz: number;
      editEveryMs: number;
    }
  | { type: 'verify'; finals: Finals; timeoutMs: number }
  | { type: 'stop' };

/** room -> person -> the sequence number of their last edit. */
export type Finals = Record<string, Record<number, number>>;

export interface Report {
  type: 'report';
  clients: number;
  windowMs: number;
  presenceReceived: number;
  bytesReceived: number;
  editsSent: number;
  disconnects: number;
  /** Why joined clients lost their socket: "code reason" -> count. */
  closeReasons: Record<string, number>;
  /** Cursor moves sent, and person-seconds spent active: the offered presence load. */
  cursorsSent: number;
  activeSeconds: number;
  /** This process's event-loop delay over the window, ms (a starved client inflates latency). */
  loopDelayP95Ms: number;
  finals: Finals;
  refusals: string[];
}

export interface Verified {
  type: 'verified';
  /** Distinct (edit, receiving client) pairs seen / expected. */
  delivered: number;
  expected: number;
  /**
   * (client, sender) pairs where the client lacks the sender's last edit at the timeout: an edit
   * lost. (An earlier edit of a card can go unseen one by one without loss: a client that
   * reconnects gets the card's current state, in which the sender's later edit superseded it.)
   */
  behind: number;
  /** Edit -> remote latency of every edit each client received, ms. */
  latencies: number[];
  /**
   * room -> person -> their last edit the host acknowledged (SyncStatus: applied, and on a
   * cluster committed to PostgreSQL first), as of the verdict.
   */
  acked: Finals;
}

const LABEL = /^p(\d+) #(\d+) @([\d.]+)$/;
const now = () => performance.timeOrigin + performance.now();
const send = (msg: unknown) => process.send?.(msg);

interface Person {
  seat: Seat;
  doc: Y.Doc;
  /** Sets this person's presence cursor (null: off the map). */
  setCursor(cursor: { x: number; y: number } | null): void;
  destroy(): void;
  card: string;
  seq: number;
  /** Sets the sequence number the next edit's messages carry (light people track acks by it). */
  markEdit(seq: number): void;
  /** This person's last edit the host acknowledged. */
  acked(): number;
  nextEditAt: number;
  active: boolean;
  t: number;
  /** sender -> sequence numbers seen (distinct). */
  seen: Map<number, Set<number>>;
}

let measuring = false;
const latencies: number[] = [];
let presenceReceived = 0;
let bytesReceived = 0;
let editsSent = 0;
let cursorsSent = 0;
/** Times a joined client lost its socket (a starved client misses the host's keep-alive). */
let disconnects = 0;
const closeReasons: Record<string, number> = {};
const closed = (code: number, reason: string) => {
  disconnects += 1;
  const key = `${code}${reason ? ` ${reason}` : ''}`;
  closeReasons[key] = (closeReasons[key] ?? 0) + 1;
};
let activeMs = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const refusals: string[] = [];

/** Records that `person` received `sender`'s edit `seq`, `ms` after it was made. */
function received(person: Person, sender: number, seq: number, ms: number): void {
  if (seq === 0 || sender === person.seat.person) return;
  let seen = person.seen.get(sender);
  if (!seen) person.seen.set(sender, (seen = new Set()));
  if (seen.has(seq)) return;
  seen.add(seq);
  latencies.push(Math.round(ms * 10) / 10);
}

const presenceOf = (seat: Seat) => ({
  user: { id: `person-${seat.person}`, name: `Person ${seat.person}`, color: '#4363d8' },
  viewport: { x: 0, y: 0, k: 1 },
  cursor: null,
});

function addCard(person: Person): void {
  const { seat, doc } = person;
  const ctx = { doc, origin: { person: seat.person }, userId: `person-${seat.person}` };
  person.card = addElement(ctx, {
    kind: 'factor',
    label: `p${seat.person} #0 @0`,
    position: [(seat.person % 20) * 160, Math.floor(seat.person / 20) * 100],
  });
}

async function joinLight(wsBase: string, seat: Seat, relay: boolean): Promise<Person> {
  const holder: { person?: Person } = {};
  const light = new LightPerson(`${wsBase}/sync`, seat.room, seat.secret, !relay, {
    onLabel: (sender, seq, ms) => {
      if (holder.person) received(holder.person, sender, seq, ms);
    },
    onPresence: (n) => {
      if (measuring) presenceReceived += n;
    },
    onBytes: (n) => {
      if (measuring) bytesReceived += n;
    },
    onStateless: (payload) => {
      const refusal = parseRefusal(payload);
      if (refusal) refusals.push(refusal.reason);
    },
    onClose: (code, reason) => {
      if (holder.person?.card) closed(code, reason);
    },
  });
  await light.synced;
  let state: Record<string, unknown> = presenceOf(seat);
  const person: Person = (holder.person = {
    seat,
    doc: light.doc,
    setCursor: (cursor) => light.setPresence((state = { ...state, cursor })),
    destroy: () => light.destroy(),
    card: '',
    seq: 0,
    markEdit: (seq) => (light.mark = seq),
    acked: () => light.acked,
    nextEditAt: Infinity,
    active: false,
    t: Math.random() * 1000,
    seen: new Map(),
  });
  light.setPresence(state);
  addCard(person);
  return person;
}

function join(defaultWsBase: string, seat: Seat, relay: boolean): Promise<Person> {
  const wsBase = seat.hosts?.[0]?.replace(/^http/, 'ws') ?? defaultWsBase;
  if (!seat.full) return joinLight(wsBase, seat, relay);
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({
    url: `${wsBase}/sync`,
    WebSocketPolyfill: WebSocket,
    ...(seat.hosts ? { maxDelay: 1000 } : {}),
  });
  if (seat.hosts) rotateHosts(socket, seat.hosts[0] as string).setHosts(seat.hosts);
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: seat.room,
    token: seat.secret,
    document: doc,
  });
  let ackedSeq = 0;
  const person: Person = {
    seat,
    doc,
    setCursor: (cursor) => provider.awareness!.setLocalStateField('cursor', cursor),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
    card: '',
    seq: 0,
    markEdit: () => {},
    acked: () => ackedSeq,
    nextEditAt: Infinity,
    active: false,
    t: Math.random() * 1000,
    seen: new Map(),
  };
  // Nothing unacknowledged left: every edit made so far was applied by the host (the provider
  // counts updates sent and SyncStatus acks; a reconnect's full sync is acked as one).
  provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number === 0) ackedSeq = person.seq;
  });
  provider.on('message', ({ event }: { event: MessageEvent }) => {
    if (!measuring) return;
    const bytes = new Uint8Array(event.data as ArrayBuffer);
    bytesReceived += bytes.byteLength;
    presenceReceived += presenceEntries(bytes, doc.clientID);
  });
  let connected = false;
  provider.on('connect', () => (connected = true));
  provider.on('disconnect', ({ event }: { event?: { code?: number; reason?: string } }) => {
    connected = false;
    if (person.card) closed(event?.code ?? 0, event?.reason ?? '');
  });
  provider.on('stateless', ({ payload }: { payload: string }) => {
    const refusal = parseRefusal(payload);
    if (refusal) refusals.push(refusal.reason);
  });
  // A label edit: `<id>.label` of the root (schema v2, flat) or `label` of a nested record (v1).
  elementsRoot(doc).observeDeep((events, transaction) => {
    if (transaction.local) return;
    const at = now();
    for (const event of events) {
      if (!(event instanceof Y.YMapEvent)) continue;
      for (const key of event.keysChanged) {
        if (key !== 'label' && !key.endsWith('.label')) continue;
        const m = LABEL.exec(String(event.target.get(key)));
        if (m) received(person, Number(m[1]), Number(m[2]), at - Number(m[3]));
      }
    }
  });
  provider.attach();
  return new Promise((resolve, reject) => {
    provider.on('synced', () => {
      const awareness = provider.awareness!;
      // As the canvas does in a crowd (shared/sync/connection.ts): no heartbeats, no timeouts.
      connected = true;
      if (relay) stopKeeping.push(keepHostPresence(awareness, () => connected));
      awareness.setLocalState(presenceOf(seat));
      addCard(person);
      resolve(person);
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
      reject(new Error(reason)),
    );
  });
}

let people: Person[] = [];
const stopKeeping: (() => void)[] = [];
let ticker: ReturnType<typeof setInterval> | undefined;

function start(msg: Extract<ToChild, { type: 'start' }>): void {
  const t0 = performance.now();
  const end = t0 + msg.seconds * 1000;
  const shiftMs = 10_000;
  let shift = -1;
  for (const p of people) p.nextEditAt = t0 + Math.random() * msg.editEveryMs;
  measuring = true;
  loopDelay.enable();
  const tickMs = 1000 / msg.cursorHz;
  let lastTick = t0;
  ticker = setInterval(() => {
    const t = performance.now();
    const sinceLast = Math.min(t, end) - lastTick;
    lastTick = t;
    // Who is "active" (pointer moving on the map) changes every 10 s.
    const s = Math.floor((t - t0) / shiftMs);
    if (s !== shift) {
      shift = s;
      for (const p of people) {
        const was = p.active;
        p.active = Math.random() < msg.activeShare;
        // Someone who stops moving takes their cursor off the map, once.
        if (was && !p.active) p.setCursor(null);
      }
    }
    for (const p of people) {
      if (p.active && t < end) {
        activeMs += sinceLast;
        cursorsSent += 1;
        p.t += 1;
        p.setCursor({
          x: Math.round(800 * Math.cos(p.t / 20)),
          y: Math.round((p.t * 7) % 600),
        });
      }
      if (t >= p.nextEditAt && t < end) {
        p.seq += 1;
        editsSent += 1;
        p.markEdit(p.seq);
        updateElement(
          { doc: p.doc, origin: { person: p.seat.person }, userId: `person-${p.seat.person}` },
          p.card,
          {
            label: `p${p.seat.person} #${p.seq} @${now().toFixed(1)}`,
            position: [Math.round(Math.random() * 3000), Math.round(Math.random() * 2000)],
          },
        );
        p.nextEditAt = t + msg.editEveryMs * (0.75 + Math.random() / 2);
      }
    }
    if (t >= end) {
      clearInterval(ticker);
      ticker = undefined;
      measuring = false;
      loopDelay.disable();
      const finals: Finals = {};
      for (const p of people) (finals[p.seat.room] ??= {})[p.seat.person] = p.seq;
      const report: Report = {
        type: 'report',
        clients: people.length,
        windowMs: t - t0,
        presenceReceived,
        bytesReceived,
        editsSent,
        cursorsSent,
        disconnects,
        closeReasons,
        activeSeconds: activeMs / 1000,
        loopDelayP95Ms: loopDelay.percentile(95) / 1e6,
        finals,
        refusals: [...new Set(refusals)],
      };
      send(report);
    }
  }, tickMs);
}

function verify(msg: Extract<ToChild, { type: 'verify' }>): void {
  const deadline = performance.now() + msg.timeoutMs;
  const check = () => {
    let delivered = 0;
    let expected = 0;
    let behind = 0;
    for (const p of people) {
      for (const [senderKey, last] of Object.entries(msg.finals[p.seat.room] ?? {})) {
        const sender = Number(senderKey);
        if (sender === p.seat.person) continue;
        expected += last;
        const seen = p.seen.get(sender);
        delivered += seen ? seen.size : 0;
        if (last > 0 && !seen?.has(last)) behind += 1;
      }
    }
    if (behind === 0 || performance.now() > deadline) {
      // Latencies go with the verdict: edits that arrived while waiting count too.
      const acked: Finals = {};
      for (const p of people) (acked[p.seat.room] ??= {})[p.seat.person] = p.acked();
      send({
        type: 'verified',
        delivered,
        expected,
        behind,
        latencies,
        acked,
      } satisfies Verified);
      return;
    }
    setTimeout(check, 250);
  };
  check();
}

process.on('message', (msg: ToChild) => {
  if (msg.type === 'init') {
    // Join a few at a time, as people arrive, rather than all in one burst.
    void (async () => {
      for (let i = 0; i < msg.seats.length; i += 25)
        people.push(
          ...(await Promise.all(
            msg.seats.slice(i, i + 25).map((s) => join(msg.wsBase, s, msg.relay)),
          )),
        );
      send({ type: 'joined', clients: people.length });
    })().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  } else if (msg.type === 'start') start(msg);
  else if (msg.type === 'verify') verify(msg);
  else {
    if (ticker) clearInterval(ticker);
    for (const stop of stopKeeping) stop();
    for (const p of people) p.destroy();
    people = [];
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
