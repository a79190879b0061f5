import { Worker } from 'node:worker_threads';
import { readChain } from './chain';

/** Thrown when too many different versions are being merged at once (answer 503). */
export class MergeBusyError extends Error {
  constructor() {
    super('Too many old versions are being read at once; try again shortly.');
  }
}

interface Reply {
  id: number;
  state?: Uint8Array;
  error?: string;
}

/**
 * Merges version chains (`Y.mergeUpdates`) in a worker thread, one at a time, so that reading an
 * old version of a big room never stalls the host (merging a 2 MB room takes a few hundred
 * milliseconds). Merged states are cached by version id (versions never change), the most
 * recent first, up to `cacheBytes`. Concurrent reads of one version share one merge; at most
 * `maxPending` different versions wait at once, further reads are refused (MergeBusyError).
 */
export class ChainMerger {
  #worker: Worker | undefined;
  #next = 0;
  readonly #waiting = new Map<number, { done(state: Uint8Array): void; fail(e: Error): void }>();
  readonly #cache = new Map<string, Uint8Array>();
  readonly #merging = new Map<string, Promise<Uint8Array>>();
  #cached = 0;

  constructor(
    private readonly cacheBytes = 32 * 1024 * 1024,
    private readonly maxPending = 8,
  ) {}

  merge(key: string, links: readonly Uint8Array[]): Promise<Uint8Array> {
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return Promise.resolve(hit);
    }
    if (links.length === 1) return Promise.resolve(readChain(links));
    const running = this.#merging.get(key);
    if (running) return running;
    if (this.#merging.size >= this.maxPending) return Promise.reject(new MergeBusyError());
    const merged = this.#inWorker(links).then(
      (state) => {
        this.#merging.delete(key);
        this.#remember(key, state);
        return state;
      },
      (error: unknown) => {
        this.#merging.delete(key);
        throw error;
      },
    );
    this.#merging.set(key, merged);
    return merged;
  }

  close(): Promise<number> | undefined {
    for (const { fail } of this.#waiting.values()) fail(new Error('The version store closed.'));
    this.#waiting.clear();
    this.#cache.clear();
    this.#cached = 0;
    const worker = this.#worker;
    this.#worker = undefined;
    return worker?.terminate();
  }

  #inWorker(links: readonly Uint8Array[]): Promise<Uint8Array> {
    const worker = (this.#worker ??= this.#start());
    const id = ++this.#next;
    return new Promise((done, fail) => {
      this.#waiting.set(id, { done, fail });
      // Copies, not transfers: the links may be views of buffers SQLite handed out.
      worker.postMessage({ id, links: links.map((l) => l.slice()) });
    });
  }

  #start(): Worker {
    const worker = new Worker(new URL('./merge-thread.mjs', import.meta.url), {
      name: 'weavemap-version-merge',
    });
    worker.unref();
    worker.on('message', ({ id, state, error }: Reply) => {
      const waiting = this.#waiting.get(id);
      this.#waiting.delete(id);
      if (!waiting) return;
      if (state) waiting.done(state);
      else waiting.fail(new Error(error ?? 'The merge thread failed.'));
    });
    const failAll = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const { fail } of this.#waiting.values()) fail(error);
      this.#waiting.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`The merge thread stopped (${code}).`)));
    return worker;
  }

  #remember(key: string, state: Uint8Array): void {
    if (state.byteLength > this.cacheBytes) return;
    this.#cache.set(key, state);
    this.#cached += state.byteLength;
    for (const [old, value] of this.#cache) {
      if (this.#cached <= this.cacheBytes) break;
      this.#cache.delete(old);
      this.#cached -= value.byteLength;
    }
  }
}
