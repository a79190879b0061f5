import type { MapData, MapLike } from '../analysis/input';
import { asMapData } from '../analysis/input';
import { buildCausalGraph } from '../analysis/causal-graph';

/**
 * The qualitative what-if engine: no numbers needed, only the map's causal links and their signs.
 *
 * Discrete time. A push gives a factor a change (+1 up, -1 down, times its size) at step 0. A
 * change that reaches factor i at step t moves i's level by that much and is passed on along every
 * causal arc leaving i, multiplied by the arc's sign (`-` flips it), its strength (1 when unset)
 * and the damping factor (so it weakens with every link it crosses, i.e. with distance). It
 * arrives one step later across an ordinary link and `1 + delaySteps` steps later across a link
 * marked as delayed. Levels saturate at ±`cap`; what is passed on is the change the level really
 * made, so a saturated factor stops pushing (this keeps every run bounded).
 *
 * Arcs are read with `buildCausalGraph` (the loop finder's reading: `mutual` links work both
 * ways, `undirected` ones carry nothing, a link without polarity counts as `+`). The arithmetic runs
 * in a fixed order over id-sorted arrays, so the same map and push give the same series, bit for
 * bit, in any client or worker.
 */

export interface Push {
  readonly elementId: string;
  /** +1: push up, -1: push down. */
  readonly direction: 1 | -1;
  /** Size of the push (default 1). */
  readonly size?: number;
}

export interface WhatIfOptions {
  /** Number of steps after the push (default 40). */
  readonly steps?: number;
  /** What a change keeps across one link, 0..1 (default 0.6: dense maps such as the example settle). */
  readonly damping?: number;
  /** Extra steps a change takes across a delayed link (default 4). */
  readonly delaySteps?: number;
  /** Levels saturate at ±cap (default 5). */
  readonly cap?: number;
}

export const WHATIF_DEFAULTS = { steps: 40, damping: 0.6, delaySteps: 4, cap: 5 } as const;
export const WHATIF_LIMITS = { steps: 2000, delaySteps: 100, pushes: 50 } as const;

export interface WhatIfRun {
  /** Factor ids in id order: the rows of `levels`. */
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly steps: number;
  /** levels[t * ids.length + i]: the level of factor i after step t (t = 0..steps), time-major. */
  readonly levels: Float64Array;
  /** Largest |level| over the whole run (0 when nothing moved): the scale for display. */
  readonly maxAbs: number;
  readonly options: Required<WhatIfOptions>;
}

export function resolveWhatIfOptions(options: WhatIfOptions = {}): Required<WhatIfOptions> {
  const steps = Math.floor(options.steps ?? WHATIF_DEFAULTS.steps);
  const damping = options.damping ?? WHATIF_DEFAULTS.damping;
  const delaySteps = Math.floor(options.delaySteps ?? WHATIF_DEFAULTS.delaySteps);
  const cap = options.cap ?? WHATIF_DEFAULTS.cap;
  if (!(steps >= 1 && steps <= WHATIF_LIMITS.steps))
    throw new RangeError(`steps must be 1..${WHATIF_LIMITS.steps}.`);
  if (!(damping >= 0 && damping <= 1)) throw new RangeError('damping must be 0..1.');
  if (!(delaySteps >= 0 && delaySteps <= WHATIF_LIMITS.delaySteps))
    throw new RangeError(`delaySteps must be 0..${WHATIF_LIMITS.delaySteps}.`);
  if (!(cap > 0 && Number.isFinite(cap))) throw new RangeError('cap must be a positive number.');
  return { steps, damping, delaySteps, cap };
}

/** Runs a what-if. Pushes on ids that are not elements of the map are refused. */
export function runWhatIf(
  map: MapLike | MapData,
  pushes: readonly Push[],
  options: WhatIfOptions = {},
): WhatIfRun {
  const opts = resolveWhatIfOptions(options);
  const data = asMapData(map);
  if (pushes.length > WHATIF_LIMITS.pushes)
    throw new RangeError(`At most ${WHATIF_LIMITS.pushes} pushes.`);
  for (const p of pushes) {
    if (!data.byId.has(p.elementId)) throw new RangeError(`No element ${p.elementId} on the map.`);
    if (p.direction !== 1 && p.direction !== -1) throw new RangeError('direction must be ±1.');
    if (p.size !== undefined && !(Number.isFinite(p.size) && p.size > 0))
      throw new RangeError('A push size must be a positive number.');
  }
  const graph = buildCausalGraph(data);
  const idSet = new Set(graph.nodeIds);
  for (const p of pushes) idSet.add(p.elementId);
  const ids = [...idSet].sort();
  const indexOf = new Map<string, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  const n = ids.length;
  // Graph node index -> run index (the run may hold pushed factors with no links).
  const nodeToRun = Int32Array.from(graph.nodeIds, (id) => indexOf.get(id)!);
  const m = graph.arcCount;
  const arcFrom = new Int32Array(m);
  const arcTo = new Int32Array(m);
  const arcWeight = new Float64Array(m);
  const arcLag = new Int32Array(m);
  const strengthOf = new Map<string, number>();
  for (const c of data.connections)
    if (typeof c.strength === 'number' && Number.isFinite(c.strength))
      strengthOf.set(c.id, Math.min(1, Math.max(0, c.strength)));
  for (let a = 0; a < m; a++) {
    arcFrom[a] = nodeToRun[graph.arcFrom[a]!]!;
    arcTo[a] = nodeToRun[graph.arcTo[a]!]!;
    const strength = strengthOf.get(graph.arcConnection[a]!) ?? 1;
    arcWeight[a] = (graph.arcNegative[a] ? -1 : 1) * strength * opts.damping;
    arcLag[a] = graph.arcDelay[a] ? 1 + opts.delaySteps : 1;
  }
  return integrate(ids, indexOf, { arcFrom, arcTo, arcWeight, arcLag }, pushes, opts, n);
}

interface Arcs {
  readonly arcFrom: Int32Array;
  readonly arcTo: Int32Array;
  readonly arcWeight: Float64Array;
  readonly arcLag: Int32Array;
}

function integrate(
  ids: readonly string[],
  indexOf: ReadonlyMap<string, number>,
  arcs: Arcs,
  pushes: readonly Push[],
  opts: Required<WhatIfOptions>,
  n: number,
): WhatIfRun {
  const { steps, cap, delaySteps } = opts;
  const T = steps + 1;
  const levels = new Float64Array(n * T);
  // A ring of pending arrivals, one row of n per future step.
  const slots = delaySteps + 2;
  const pending = new Float64Array(slots * n);
  for (const p of pushes) pending[indexOf.get(p.elementId)!]! += p.direction * (p.size ?? 1);
  const level = new Float64Array(n);
  const moved = new Float64Array(n);
  let maxAbs = 0;
  const { arcFrom, arcTo, arcWeight, arcLag } = arcs;
  for (let t = 0; t < T; t++) {
    const row = (t % slots) * n;
    for (let i = 0; i < n; i++) {
      const before = level[i]!;
      const after = Math.max(-cap, Math.min(cap, before + pending[row + i]!));
      pending[row + i] = 0;
      level[i] = after;
      moved[i] = after - before;
      levels[t * n + i] = after;
      const abs = after < 0 ? -after : after;
      if (abs > maxAbs) maxAbs = abs;
    }
    if (t === T - 1) break;
    for (let a = 0; a < arcFrom.length; a++) {
      const d = moved[arcFrom[a]!]!;
      if (d === 0) continue;
      const at = ((t + arcLag[a]!) % slots) * n;
      pending[at + arcTo[a]!]! += d * arcWeight[a]!;
    }
  }
  return { ids, indexOf, steps, levels, maxAbs, options: opts };
}

/** The time series of one factor (t = 0..steps), or undefined when it is not in the run. */
export function seriesOf(run: WhatIfRun, id: string): Float64Array | undefined {
  const i = run.indexOf.get(id);
  if (i === undefined) return undefined;
  const n = run.ids.length;
  const out = new Float64Array(run.steps + 1);
  for (let t = 0; t <= run.steps; t++) out[t] = run.levels[t * n + i]!;
  return out;
}

/** Where one factor stands at (fractional) time t: level, change since the last step, scaled. */
export interface FactorFrame {
  readonly level: number;
  /** -1, 0 or 1. */
  readonly direction: number;
  /** |level| / run.maxAbs, 0..1: how big to draw it. */
  readonly size: number;
}

/** A factor's state at time t (linear between steps, so an animation can run smoothly). */
export function frameAt(run: WhatIfRun, id: string, t: number): FactorFrame | undefined {
  const i = run.indexOf.get(id);
  if (i === undefined) return undefined;
  const n = run.ids.length;
  const tt = Math.max(0, Math.min(run.steps, t));
  const lo = Math.floor(tt);
  const hi = Math.min(run.steps, lo + 1);
  const a = run.levels[lo * n + i]!;
  const level = a + (run.levels[hi * n + i]! - a) * (tt - lo);
  const eps = 1e-9;
  return {
    level,
    direction: level > eps ? 1 : level < -eps ? -1 : 0,
    size: run.maxAbs > 0 ? Math.min(1, Math.abs(level) / run.maxAbs) : 0,
  };
}

/** The step at which a factor's |level| is largest (the first such step). */
export function peakStep(series: ArrayLike<number>): number {
  let best = 0;
  for (let t = 1; t < series.length; t++)
    if (Math.abs(series[t]!) > Math.abs(series[best]!) + 1e-12) best = t;
  return best;
}
