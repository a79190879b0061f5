/// <reference lib="webworker" />
import { runWhatIf, type Push, type WhatIfOptions } from '../../../shared/simulation/whatif';
import type { ConnectionRecord, ElementRecord } from '../../../shared/schema/types';

/**
 * Runs a what-if off the main thread (large maps): the map's records in, the run's typed array
 * out (transferred, not copied).
 */
export interface WhatIfRequest {
  readonly id: number;
  readonly elements: readonly ElementRecord[];
  readonly connections: readonly ConnectionRecord[];
  readonly pushes: readonly Push[];
  readonly options: WhatIfOptions;
}

export type WhatIfReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly ids: readonly string[];
      readonly steps: number;
      readonly levels: Float64Array;
      readonly maxAbs: number;
      readonly options: Required<WhatIfOptions>;
      readonly ms: number;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };

self.onmessage = (e: MessageEvent<WhatIfRequest>) => {
  const { id, elements, connections, pushes, options } = e.data;
  const t0 = performance.now();
  try {
    const run = runWhatIf({ elements, connections }, pushes, options);
    const reply: WhatIfReply = {
      id,
      ok: true,
      ids: run.ids,
      steps: run.steps,
      levels: run.levels,
      maxAbs: run.maxAbs,
      options: run.options,
      ms: performance.now() - t0,
    };
    (self as unknown as Worker).postMessage(reply, [run.levels.buffer]);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, ok: false, error: String(err) });
  }
};
