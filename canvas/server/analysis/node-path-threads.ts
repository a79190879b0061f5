import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HelperPort } from '../../../shared/analysis/path-thread-pool';
import { PathThreadPool } from '../../../shared/analysis/path-thread-pool';
import type { PathReply } from '../../../shared/analysis/path-threads';

/**
 * Worker threads for the betweenness and closeness searches in Node (`weavemap analyze`, the
 * benchmarks): the same helpers as the canvas's Web Workers, over `worker_threads`.
 */
export function nodeHelper(index: number): HelperPort {
  const worker = new Worker(new URL('./path-thread.mjs', import.meta.url), {
    name: `weavemap-paths-${index + 1}`,
  });
  return {
    post: (request) => worker.postMessage(request),
    listen(onReply, onFailure) {
      worker.on('message', (reply: PathReply) => onReply(reply));
      worker.on('error', onFailure);
      worker.on('exit', (code) => onFailure(new Error(`A search thread stopped (${code}).`)));
    },
    terminate: () => worker.terminate(),
  };
}

/** Search threads in Node: one per core, at most four; none on a single core. */
export function nodePathThreads(count = Math.min(4, availableParallelism())): PathThreadPool {
  return new PathThreadPool(nodeHelper, count > 1 ? count : 0);
}

/**
 * Runs `fn` with a getter for search threads that starts them only when first asked (a small map
 * never starts any), and stops them afterwards.
 */
export async function withPathThreads<T>(
  fn: (threads: () => ReturnType<PathThreadPool['threads']>) => Promise<T>,
  count?: number,
): Promise<T> {
  const pool = nodePathThreads(count);
  try {
    return await fn(() => pool.threads());
  } finally {
    await pool.close();
  }
}
