/// <reference lib="webworker" />
import { runWhatIf, type Push, type WhatIfOptions } from '../../../shared/simulation/whatif';
import { unpackMap, type PackedMap } from '../../../shared/simulation/packed';

/**
 * Runs a what-if off the main thread (large maps): the map packed (shared/simulation/packed.ts)
 * in, the run's typed array out (both transferred, not copied).
 */
export interface WhatIfRequest {
  readonly id: number;
  readonly map: PackedMap;
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
  const { id, map, pushes, options } = e.data;
  const t0 = performance.now();
  try {
    const run = runWhatIf(unpackMap(map), pushes, options);
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
