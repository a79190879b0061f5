import {
  analyzeMapOn,
  PathThreadPool,
  type AnalysisProgress,
  type HelperPort,
  type PathReply,
} from '../../../shared/analysis/index';
import {
  CHUNK_RECORDS,
  InputAssembler,
  type AnalysisInput,
  type AnalysisReply,
  type AnalysisRequest,
} from './analysis-input';
import { sortOrders } from './metrics-table';

/**
 * The analysis Web Worker: runs the analysis (loops, leverage, network metrics, weaving) off the
 * UI thread. A run arrives in chunks (see `AnalysisRequest`); its sequence number comes back with
 * the reply, so the page can drop a result that a newer edit has made stale. On a big map the
 * betweenness and closeness searches are shared with helper workers, one per core up to four
 * (`path-helper.worker.ts`), started on the first map that needs them and kept after; one that
 * fails or stops answering is ended and replaced (a few times at most).
 */
const assembler = new InputAssembler();

/** Threads for the searches: this machine's cores, at most four. One core: no helpers. */
const THREADS = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));

const helpers = new PathThreadPool(
  (i): HelperPort => {
    const worker = new Worker(new URL('./path-helper.worker.ts', import.meta.url), {
      type: 'module',
      name: `weavemap-paths-${i + 1}`,
    });
    return {
      post: (request) => worker.postMessage(request),
      listen(onReply, onFailure) {
        worker.onmessage = (e: MessageEvent<PathReply>) => onReply(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          onFailure(new Error(e.message || 'A helper of the analysis stopped.'));
        };
      },
      terminate: () => worker.terminate(),
    };
  },
  THREADS > 1 ? THREADS : 0,
);

/** Progress for the page: every change of step, and the searches at most ten times a second. */
function progressReporter(seq: number): (p: AnalysisProgress) => void {
  let step = '';
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (p.step === step && now - last < 100) return;
    step = p.step;
    last = now;
    self.postMessage({ type: 'progress', seq, ...p } satisfies AnalysisReply);
  };
}

async function run(
  msg: Extract<AnalysisRequest, { type: 'run' }>,
  input: AnalysisInput,
): Promise<void> {
  const { seq, options } = msg;
  let reply: AnalysisReply;
  let transfer: Transferable[] = [];
  try {
    const max = msg.maxThreads ?? THREADS;
    const result = await analyzeMapOn(() => (max > 1 ? helpers.threads(max) : []), input, options, {
      onProgress: progressReporter(seq),
    });
    const actors = result.network.actors;
    const orders = sortOrders(actors);
    transfer = Object.values(orders).map((o) => o.buffer);
    // The per-actor rows first, in chunks the page takes in as separate short tasks.
    for (let i = 0; i < actors.length; i += CHUNK_RECORDS)
      self.postMessage({
        type: 'actors',
        seq,
        actors: actors.slice(i, i + CHUNK_RECORDS),
      } satisfies AnalysisReply);
    reply = {
      type: 'result',
      seq,
      result: { ...result, network: { ...result.network, actors: [] } },
      orders,
    };
  } catch (err) {
    reply = { type: 'error', seq, message: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply, { transfer });
}

self.onmessage = (e: MessageEvent<AnalysisRequest>) => {
  const msg = e.data;
  const input = assembler.add(msg);
  if (!input || msg.type !== 'run') return;
  void run(msg, input);
};
