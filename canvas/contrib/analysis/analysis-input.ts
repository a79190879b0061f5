import type { AnalysisProgress, AnalyzeOptions } from '../../../shared/analysis/index';
import type {
  ConnectionRecord,
  ElementRecord,
  LoopNoteRecord,
  MapSnapshot,
} from '../../../shared/schema/types';

/**
 * What the UI thread sends the analysis worker: plain arrays of the records the analysis reads.
 * Positions, descriptions and custom fields never reach it (they change often and cost clone
 * time on big maps); they are replaced by empty values so the records keep their schema type.
 */
export interface AnalysisInput {
  readonly elements: readonly ElementRecord[];
  readonly connections: readonly ConnectionRecord[];
  readonly loops: readonly LoopNoteRecord[];
}

/**
 * A run goes to the worker as several messages: `begin`, the records in chunks, then `run`. The
 * UI thread yields between chunks, so cloning a 15k-record map never holds it for long; the
 * worker keeps the chunks of the newest `begin` only.
 */
export type AnalysisRequest =
  | { readonly type: 'begin'; readonly seq: number }
  | { readonly type: 'elements'; readonly seq: number; readonly records: readonly ElementRecord[] }
  | {
      readonly type: 'connections';
      readonly seq: number;
      readonly records: readonly ConnectionRecord[];
    }
  | {
      readonly type: 'run';
      readonly seq: number;
      readonly loops: readonly LoopNoteRecord[];
      readonly options: AnalyzeOptions;
      /** At most this many threads for the betweenness searches (default: one per core, to 4). */
      readonly maxThreads?: number;
    };

/** Records per message: a chunk costs the UI thread a few milliseconds to build and clone. */
export const CHUNK_RECORDS = 1500;

/**
 * The worker's reply: the network's per-actor rows first, in chunks (`actors`), then the rest
 * (`result`, whose `network.actors` is empty and filled from the chunks). Each message is its
 * own task on the UI thread, so taking in a 5,000-actor result is several short tasks. While a
 * run goes, `progress` says which step it is on (a few times a second at most).
 */
export type AnalysisReply =
  | {
      readonly type: 'actors';
      readonly seq: number;
      readonly actors: readonly import('../../../shared/analysis/index').ActorMetrics[];
    }
  | {
      readonly type: 'result';
      readonly seq: number;
      readonly result: import('../../../shared/analysis/index').MapAnalysis;
      /** The Network table's orders (see `sortOrders`), sorted in the worker. */
      readonly orders: Readonly<Record<string, Int32Array>>;
    }
  | { readonly type: 'error'; readonly seq: number; readonly message: string }
  | ({ readonly type: 'progress'; readonly seq: number } & AnalysisProgress);

const NO_EXTRA: Readonly<Record<string, unknown>> = Object.freeze({});
const ORIGIN: readonly [number, number] = Object.freeze([0, 0]) as unknown as readonly [
  number,
  number,
];

function slimElement(e: ElementRecord): ElementRecord {
  const out: ElementRecord = {
    id: e.id,
    kind: e.kind,
    label: e.label,
    description: '',
    tags: e.tags,
    position: ORIGIN,
    createdBy: '',
    createdAt: 0,
    updatedAt: 0,
    extra: NO_EXTRA,
    ...(e.actorType ? { actorType: e.actorType } : {}),
    ...(e.leverageLevel !== undefined ? { leverageLevel: e.leverageLevel } : {}),
  };
  return out;
}

function slimConnection(c: ConnectionRecord): ConnectionRecord {
  return { ...c, description: '', createdBy: '', createdAt: 0, updatedAt: 0, extra: NO_EXTRA };
}

const analysed = (e: ElementRecord) => e.kind !== 'note' && e.kind !== 'group';

/** The worker's input for a snapshot (notes and frames are left out: the analysis ignores them). */
export function toAnalysisInput(snapshot: MapSnapshot): AnalysisInput {
  const elements: ElementRecord[] = [];
  for (const e of snapshot.elements.values()) if (analysed(e)) elements.push(slimElement(e));
  const connections: ConnectionRecord[] = [];
  for (const c of snapshot.connections.values()) connections.push(slimConnection(c));
  return { elements, connections, loops: [...snapshot.loops.values()] };
}

/** The messages of one run, built lazily chunk by chunk (see `AnalysisRequest`). */
export function* requestMessages(
  snapshot: MapSnapshot,
  seq: number,
  options: AnalyzeOptions,
  chunk = CHUNK_RECORDS,
  maxThreads?: number,
): Generator<AnalysisRequest> {
  yield { type: 'begin', seq };
  const elements = [...snapshot.elements.values()];
  for (let i = 0; i < elements.length; i += chunk) {
    const records: ElementRecord[] = [];
    for (const e of elements.slice(i, i + chunk)) if (analysed(e)) records.push(slimElement(e));
    if (records.length) yield { type: 'elements', seq, records };
  }
  const connections = [...snapshot.connections.values()];
  for (let i = 0; i < connections.length; i += chunk)
    yield {
      type: 'connections',
      seq,
      records: connections.slice(i, i + chunk).map(slimConnection),
    };
  yield {
    type: 'run',
    seq,
    loops: [...snapshot.loops.values()],
    options,
    ...(maxThreads !== undefined ? { maxThreads } : {}),
  };
}

/** The page's side of a reply: collects a run's actor rows, then gives back the whole result. */
export class ReplyAssembler {
  #seq = -1;
  #actors: import('../../../shared/analysis/index').ActorMetrics[] = [];

  /** The complete reply on `result` (with its actors put back), else null. */
  add(
    reply: Exclude<AnalysisReply, { type: 'progress' }>,
  ): Exclude<AnalysisReply, { type: 'actors' | 'progress' }> | null {
    if (reply.type === 'actors') {
      if (reply.seq !== this.#seq) {
        this.#seq = reply.seq;
        this.#actors = [];
      }
      for (const a of reply.actors) this.#actors.push(a);
      return null;
    }
    if (reply.type === 'error') return reply;
    const actors = reply.seq === this.#seq ? this.#actors : [];
    this.#seq = -1;
    this.#actors = [];
    if (actors.length === 0) return reply;
    return {
      ...reply,
      result: { ...reply.result, network: { ...reply.result.network, actors } },
    };
  }
}

/** The worker's side: collects one run's chunks; `run` hands back the input, once. */
export class InputAssembler {
  #seq = -1;
  #elements: ElementRecord[] = [];
  #connections: ConnectionRecord[] = [];

  /** Returns the whole input on `run`, else null. Chunks of an older run are ignored. */
  add(msg: AnalysisRequest): AnalysisInput | null {
    if (msg.type === 'begin') {
      this.#seq = msg.seq;
      this.#elements = [];
      this.#connections = [];
      return null;
    }
    if (msg.seq !== this.#seq) return null;
    if (msg.type === 'elements') for (const r of msg.records) this.#elements.push(r);
    else if (msg.type === 'connections') for (const r of msg.records) this.#connections.push(r);
    else {
      const input = { elements: this.#elements, connections: this.#connections, loops: msg.loops };
      this.#seq = -1;
      this.#elements = [];
      this.#connections = [];
      return input;
    }
    return null;
  }
}

/** Element fields the analysis reads: a change to any other (a move, a colour) needs no rerun. */
function elementMatters(a: ElementRecord | undefined, b: ElementRecord | undefined): boolean {
  if (!a || !b) return a !== b;
  return (
    a.kind !== b.kind ||
    a.label !== b.label ||
    a.actorType !== b.actorType ||
    a.leverageLevel !== b.leverageLevel ||
    a.tags.length !== b.tags.length ||
    a.tags.some((t, i) => t !== b.tags[i])
  );
}

function connectionMatters(a: ConnectionRecord | undefined, b: ConnectionRecord | undefined) {
  if (!a || !b) return a !== b;
  return (
    a.from !== b.from ||
    a.to !== b.to ||
    a.kind !== b.kind ||
    a.polarity !== b.polarity ||
    a.delay !== b.delay ||
    a.direction !== b.direction ||
    a.proposed !== b.proposed ||
    a.weight !== b.weight
  );
}

/**
 * Whether a change to the map can change the analysis. Moving elements (the most frequent edit
 * by far: every drag) does not, so it does not wake the worker.
 */
export function changeAffectsAnalysis(
  previous: MapSnapshot,
  next: MapSnapshot,
  changedElements: Iterable<string>,
  changedConnections: Iterable<string>,
): boolean {
  if (previous.loops !== next.loops) return true;
  for (const id of changedElements)
    if (elementMatters(previous.elements.get(id), next.elements.get(id))) return true;
  for (const id of changedConnections)
    if (connectionMatters(previous.connections.get(id), next.connections.get(id))) return true;
  // A deleted element takes its connections with it without listing them as changed.
  return previous.connections.size !== next.connections.size;
}
