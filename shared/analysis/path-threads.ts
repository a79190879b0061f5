import type { ArcIndex } from './arc-index';
import type { PathSums } from './brandes';
import { addPathSums, PATH_PARTS, partSums } from './brandes';
import type { PathCentralities, PathCentralityOptions } from './centrality';
import { finishPathCentralities, pathSources, searchesAreExact } from './centrality';

/**
 * Betweenness and closeness on several threads: the sources' fixed parts (`PATH_PARTS`) are
 * shared out between helper threads, each runs Brandes' searches for its parts, and the parts
 * are added back in part order, so the figures are the same as on one thread, bit for bit.
 *
 * DOM-free and thread-library-free: a helper is anything that can carry `PathRequest` messages
 * one way and `PathReply` messages back (a Web Worker in the canvas, a worker thread in Node).
 */

/** What one helper computes: some parts of the sources over the graph (plain data, cloneable). */
export interface PathJob {
  readonly n: number;
  readonly outStart: Int32Array;
  readonly outTo: Int32Array;
  readonly sources: Int32Array;
  readonly parts: readonly number[];
}

export type PathRequest = { readonly type: 'paths'; readonly id: number; readonly job: PathJob };

export type PathReply =
  | { readonly type: 'progress'; readonly id: number; readonly done: number }
  | { readonly type: 'done'; readonly id: number; readonly sums: readonly PathSums[] }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/** A helper thread, as the orchestrating side sees it. */
export interface PathThread {
  /** Runs the job; `onProgress` gets how many of the job's sources are done. */
  run(job: PathJob, onProgress?: (done: number) => void): Promise<readonly PathSums[]>;
  /**
   * Gives up on the helper: its jobs fail and it takes no more (its owner stops it). For a run
   * that another helper failed: a helper cannot be interrupted mid-job, only stopped.
   */
  stop(reason: Error): void;
}

/** The parts each of `threads` threads takes: thread t gets parts t, t + threads, ... */
export function shareParts(threads: number): number[][] {
  const count = Math.max(1, Math.min(PATH_PARTS, Math.floor(threads)));
  return Array.from({ length: count }, (_, t) =>
    Array.from({ length: PATH_PARTS }, (_, p) => p).filter((p) => p % count === t),
  );
}

/** Sources times the work of one search: about 10 ns each on this project's test machine. */
export function pathWork(g: ArcIndex, options: PathCentralityOptions = {}): number {
  const searches = searchesAreExact(g.n, options) ? g.n : (options.samples ?? 500);
  return Math.min(searches, g.n) * (g.n + g.outTo.length);
}

/**
 * Below this much work (about 0.15 s on one thread) the searches run where they are: handing the
 * graph to other threads and back would cost more than it saves.
 */
export const PARALLEL_WORK = 15_000_000;

/**
 * Betweenness and closeness with the searches shared between `threads`. Resolves to exactly what
 * `pathCentralities` returns for the same graph and options. Rejects when a helper fails, after
 * stopping the helpers still busy with the run (their work is lost anyway, and they would hold
 * the cores the caller's own `pathCentralities` needs next).
 */
export async function pathCentralitiesOn(
  threads: readonly PathThread[],
  g: ArcIndex,
  options: PathCentralityOptions = {},
): Promise<PathCentralities> {
  if (threads.length === 0) throw new Error('No helper threads to run the searches on.');
  const { sources, exact } = pathSources(g.n, options);
  const shares = shareParts(threads.length);
  const done = new Array<number>(shares.length).fill(0);
  const report = options.onProgress;
  const finished = new Array<boolean>(shares.length).fill(false);
  const runs = shares.map((parts, t) =>
    threads[t]!.run(
      {
        n: g.n,
        outStart: g.outStart,
        outTo: g.outTo,
        sources,
        parts,
      },
      report
        ? (d) => {
            done[t] = d;
            report(
              done.reduce((a, b) => a + b, 0),
              sources.length,
            );
          }
        : undefined,
    ).then((sums) => {
      finished[t] = true;
      return sums;
    }),
  );
  let results: (readonly PathSums[])[];
  try {
    results = await Promise.all(runs);
  } catch (e) {
    const reason = e instanceof Error ? e : new Error(String(e));
    threads.forEach((thread, t) => {
      if (t < shares.length && !finished[t]) thread.stop(reason);
    });
    throw reason;
  }
  const byPart = new Array<PathSums>(PATH_PARTS);
  shares.forEach((parts, t) => {
    const sums = results[t]!;
    if (sums.length !== parts.length) throw new Error('A helper returned the wrong parts.');
    parts.forEach((p, i) => (byPart[p] = sums[i]!));
  });
  return finishPathCentralities(g, addPathSums(byPart), sources, exact);
}

/**
 * The helper side: runs one request and posts progress and the result (its arrays listed for
 * transfer, so they move rather than copy). Only the outgoing arcs are needed for the searches.
 */
export function servePathRequest(
  request: PathRequest,
  post: (reply: PathReply, transfer: ArrayBuffer[]) => void,
): void {
  const { id, job } = request;
  try {
    const g: ArcIndex = {
      n: job.n,
      outStart: job.outStart,
      outTo: job.outTo,
      inStart: new Int32Array(0),
      inFrom: new Int32Array(0),
      symmetric: false, // the searches do not depend on it
    };
    let last = 0;
    const sums = partSums(g, job.sources, job.parts, (done) => {
      const now = Date.now();
      if (now - last < 50) return;
      last = now;
      post({ type: 'progress', id, done }, []);
    });
    const transfer: ArrayBuffer[] = [];
    for (const s of sums)
      for (const a of [s.betweenness, s.reachedBy, s.distanceIn])
        transfer.push(a.buffer as ArrayBuffer);
    post({ type: 'done', id, sums }, transfer);
  } catch (e) {
    post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) }, []);
  }
}

/** With no word from a busy helper for this long, it is taken for dead. */
export const HELPER_STALL_MS = 30_000;

/**
 * The orchestrating side of one helper: sends requests through `send`, and is fed the helper's
 * replies through `receive` (or `stop` when the helper itself broke). A helper that says nothing
 * about a job for `stallMs` (progress comes several times a second) is stopped; `onStop` lets
 * its owner end it.
 */
export class PathThreadClient implements PathThread {
  #next = 1;
  readonly #pending = new Map<
    number,
    {
      resolve: (sums: readonly PathSums[]) => void;
      reject: (e: Error) => void;
      onProgress: ((done: number) => void) | undefined;
      timer: ReturnType<typeof setTimeout> | null;
    }
  >();
  #broken: Error | null = null;
  readonly #stallMs: number;
  readonly #onStop: ((reason: Error) => void) | undefined;

  constructor(
    private readonly send: (request: PathRequest) => void,
    options: { stallMs?: number; onStop?: (reason: Error) => void } = {},
  ) {
    this.#stallMs = options.stallMs ?? HELPER_STALL_MS;
    this.#onStop = options.onStop;
  }

  /** Whether the helper failed or was stopped: it takes no more jobs. */
  get broken(): boolean {
    return this.#broken !== null;
  }

  run(job: PathJob, onProgress?: (done: number) => void): Promise<readonly PathSums[]> {
    if (this.#broken) return Promise.reject(this.#broken);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress, timer: null });
      this.#watch(id);
      try {
        this.send({ type: 'paths', id, job });
      } catch (e) {
        this.#settle(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  receive(reply: PathReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'progress') {
      this.#watch(reply.id);
      pending.onProgress?.(reply.done);
    } else {
      this.#settle(reply.id);
      if (reply.type === 'done') pending.resolve(reply.sums);
      else pending.reject(new Error(reply.message));
    }
  }

  stop(reason: Error): void {
    if (this.#broken) return;
    this.#broken = reason;
    for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(reason);
    this.#onStop?.(reason);
  }

  /** (Re)starts the stall timer of a job. */
  #watch(id: number): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    if (pending.timer) clearTimeout(pending.timer);
    pending.timer = setTimeout(
      () => this.stop(new Error('A helper of the analysis stopped answering.')),
      this.#stallMs,
    );
  }

  #settle(id: number) {
    const pending = this.#pending.get(id);
    if (pending?.timer) clearTimeout(pending.timer);
    this.#pending.delete(id);
    return pending;
  }
}
