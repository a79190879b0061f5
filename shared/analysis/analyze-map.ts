import { buildCausalGraph } from './causal-graph';
import type { MapLike } from './input';
import { readMap } from './input';
import type { LeverageCandidate, LeverageOptions, MoversEntry } from './leverage';
import { rankLeverage, whoCanMove } from './leverage';
import type { LoopNoteMatch } from './loop-notes';
import { matchLoopNotes } from './loop-notes';
import type { FindLoopsOptions, LoopsResult } from './loops';
import { findLoops } from './loops';
import type { NetworkAnalysis, NetworkOptions } from './network';
import { analyzeNetwork } from './network';

export interface AnalyzeOptions {
  readonly loops?: FindLoopsOptions;
  /** Votes per element id, their weight, how many candidates. */
  readonly leverage?: Omit<LeverageOptions, 'loopNames'>;
  /** "Who can move this" for the top `top` leverage candidates (default 10), `perFactor` actors each. */
  readonly movers?: { readonly top?: number; readonly perFactor?: number };
  readonly network?: NetworkOptions;
}

export interface SystemAnalysis {
  /** Elements in usable causal links, and those links. */
  readonly factors: number;
  readonly causalLinks: number;
  readonly loops: LoopsResult;
  readonly loopNotes: readonly LoopNoteMatch[];
  readonly leverage: readonly LeverageCandidate[];
  readonly movers: readonly MoversEntry[];
}

/** Everything, as plain data (arrays, objects, strings, numbers, booleans and null). */
export interface MapAnalysis {
  readonly system: SystemAnalysis;
  readonly network: NetworkAnalysis;
  readonly elapsedMs: number;
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * The one entry point the analysis Web Worker calls. Takes a `MapSnapshot` (or the same
 * `elements`/`connections`/`loops`, as Maps or arrays: structured clone carries Maps into a
 * worker) and returns the system lens (loops, loop names, leverage, who can move it) and the
 * network lens (centralities, clusters, brokers, bridges, isolates, weaving suggestions). The
 * result holds no Map, class instance, typed array, NaN or undefined, so it crosses postMessage
 * and JSON unchanged.
 */
export function analyzeMap(map: MapLike, options: AnalyzeOptions = {}): MapAnalysis {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const result = f();
    timings[name] = Math.round((performance.now() - t0) * 10) / 10;
    return result;
  };
  const data = time('read', () => readMap(map));
  const graph = time('causalGraph', () => buildCausalGraph(data));
  const loops = time('loops', () => findLoops(graph, options.loops));
  const loopNotes = time('loopNotes', () => matchLoopNotes(loops, data.loopNotes, data));
  const leverage = time('leverage', () => rankLeverage(data, loops, options.leverage));
  const movers = time('movers', () =>
    whoCanMove(
      data,
      leverage.slice(0, options.movers?.top ?? 10).map((c) => c.elementId),
      { perFactor: options.movers?.perFactor ?? 10 },
    ),
  );
  const network = time('network', () => analyzeNetwork(data, options.network));
  return {
    system: {
      factors: graph.nodeIds.length,
      causalLinks: new Set(graph.arcConnection).size,
      loops,
      loopNotes,
      leverage,
      movers,
    },
    network,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    timings,
  };
}
