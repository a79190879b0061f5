import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PathThreadClient, type PathReply } from '../../../shared/analysis/path-threads';

/**
 * Worker threads for the betweenness and closeness searches in Node (`weavemap analyze`, the
 * benchmarks): the same helpers as the canvas's Web Workers, over `worker_threads`.
 */
export class NodePathThreads {
  readonly threads: readonly PathThreadClient[];
  readonly #workers: Worker[] = [];

  /** `count` threads (default: one per core, at most four). */
  constructor(count = Math.min(4, availableParallelism())) {
    const threads: PathThreadClient[] = [];
    for (let i = 0; i < count; i++) {
      const worker = new Worker(new URL('./path-thread.mjs', import.meta.url), {
        name: `weavemap-paths-${i + 1}`,
      });
      const client = new PathThreadClient((request) => worker.postMessage(request));
      worker.on('message', (reply: PathReply) => client.receive(reply));
      worker.on('error', (error) => client.fail(error));
      worker.on('exit', (code) => client.fail(new Error(`A search thread stopped (${code}).`)));
      this.#workers.push(worker);
      threads.push(client);
    }
    this.threads = threads;
  }

  /** The threads still working. */
  get working(): PathThreadClient[] {
    return this.threads.filter((t) => !t.broken);
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/**
 * Runs `fn` with a getter for search threads that starts them only when first asked (a small map
 * never starts any), and stops them afterwards.
 */
export async function withPathThreads<T>(
  fn: (threads: () => readonly PathThreadClient[]) => Promise<T>,
  count?: number,
): Promise<T> {
  let pool: NodePathThreads | null = null;
  try {
    return await fn(() => (pool ??= new NodePathThreads(count)).working);
  } finally {
    await (pool as NodePathThreads | null)?.close();
  }
}
