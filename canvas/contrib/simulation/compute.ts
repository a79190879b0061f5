import type { MapSnapshot } from '../../../shared/schema/types';
import {
  runWhatIf,
  type Push,
  type WhatIfOptions,
  type WhatIfRun,
} from '../../../shared/simulation/whatif';
import { packedBuffers, packMap } from '../../../shared/simulation/packed';
import type { WhatIfReply, WhatIfRequest } from './simulation.worker';

/** Maps with more factors than this run in a Web Worker; smaller ones run at once. */
export const WORKER_THRESHOLD = 300;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (r: WhatIfReply) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<WhatIfReply>) => {
      waiting.get(e.data.id)?.(e.data);
      waiting.delete(e.data.id);
    };
  }
  return worker;
}

/** A run and how long computing it took (in the worker when `worker`). */
export type ComputedRun = WhatIfRun & { readonly ms: number; readonly worker: boolean };

/**
 * Runs a what-if: in the worker for large maps, or whenever `inWorker` (the same engine, so the
 * same numbers); small maps run at once on this thread.
 */
export async function computeWhatIf(
  snapshot: MapSnapshot,
  pushes: readonly Push[],
  options: WhatIfOptions,
  inWorker = false,
): Promise<ComputedRun> {
  if (typeof Worker === 'undefined' || (!inWorker && snapshot.elements.size <= WORKER_THRESHOLD)) {
    const t0 = performance.now();
    const run = runWhatIf(snapshot, pushes, options);
    return { ...run, ms: performance.now() - t0, worker: false };
  }
  const id = nextId++;
  const request: WhatIfRequest = {
    id,
    // What the engine reads, packed (cloning full records cost a long task on large maps).
    map: packMap(snapshot),
    // Plain copies: the view's settings are a Svelte state proxy, which postMessage cannot clone.
    pushes: pushes.map((p) => ({ ...p })),
    options: { ...options },
  };
  const reply = await new Promise<WhatIfReply>((resolve) => {
    waiting.set(id, resolve);
    getWorker().postMessage(request, packedBuffers(request.map));
  });
  if (!reply.ok) throw new Error(reply.error);
  const indexOf = new Map<string, number>();
  reply.ids.forEach((x, i) => indexOf.set(x, i));
  return {
    ids: reply.ids,
    indexOf,
    steps: reply.steps,
    levels: reply.levels,
    maxAbs: reply.maxAbs,
    options: reply.options,
    ms: reply.ms,
    worker: true,
  };
}
