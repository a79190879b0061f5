import { buildActorNetwork } from './actor-network';
import type { ArcIndex } from './arc-index';
import { buildCausalGraph } from './causal-graph';
import type { PathCentralities, PathCentralityOptions } from './centrality';
import { pathCentralities, searchesAreExact } from './centrality';
import type { MapLike } from './input';
import { readMap } from './input';
import type { LeverageCandidate, LeverageOptions, MoversEntry } from './leverage';
import { rankLeverage, whoCanMove } from './leverage';
import type { LoopNoteMatch } from './loop-notes';
import { matchLoopNotes } from './loop-notes';
import type { FindLoopsOptions, LoopsResult } from './loops';
import { findLoops } from './loops';
import { roundMs, stepTimer } from './timings';
import type { NetworkAnalysis, NetworkOptions, NetworkStep } from './network';
import { finishNetwork, networkPathOptions } from './network';
import type { PathThread } from './path-threads';
import { PARALLEL_WORK, pathCentralitiesOn, pathWork } from './path-threads';

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
  /** How many threads ran the betweenness and closeness searches (1: this one). */
  readonly pathThreads: number;
}

/** The steps of a run, in order, for progress shown to people. */
export type AnalysisStep = 'loops' | 'leverage' | 'paths' | NetworkStep;

/** What each step is doing, in words. */
export const ANALYSIS_STEP_LABELS: Readonly<Record<AnalysisStep, string>> = {
  loops: 'Finding feedback loops',
  leverage: 'Ranking leverage points',
  paths: 'Measuring betweenness and closeness',
  clusters: 'Finding clusters and brokers',
  weaving: 'Looking for introductions to suggest',
};

/**
 * Where a run is: the step, and for the long one (`paths`) how many of its `total` searches are
 * `done` (both 0 for the others).
 */
export interface AnalysisProgress {
  readonly step: AnalysisStep;
  readonly done: number;
  readonly total: number;
  /** The searches start from a sample of the actors (a big network), not from every one. */
  readonly sampled?: boolean;
}

export interface AnalyzeRun {
  /** Told when each step starts, and as the searches of `paths` go. */
  readonly onProgress?: (progress: AnalysisProgress) => void;
}

/**
 * A run up to the network's betweenness and closeness: the system lens is done and the actor
 * network built. `finish` completes it once the searches over `arcs` (with `pathOptions`) are
 * done, on this thread or on others.
 */
export interface AnalysisPlan {
  readonly arcs: ArcIndex;
  readonly pathOptions: PathCentralityOptions;
  finish(paths: PathCentralities, pathsMs: number, threads?: number): MapAnalysis;
}

/**
 * The one entry point the analysis Web Worker calls. Takes a `MapSnapshot` (or the same
 * `elements`/`connections`/`loops`, as Maps or arrays: structured clone carries Maps into a
 * worker) and returns the system lens (loops, loop names, leverage, who can move it) and the
 * network lens (centralities, clusters, brokers, bridges, isolates, weaving suggestions). The
 * result holds no Map, class instance, typed array, NaN or undefined, so it crosses postMessage
 * and JSON unchanged.
 */
export function analyzeMap(
  map: MapLike,
  options: AnalyzeOptions = {},
  run: AnalyzeRun = {},
): MapAnalysis {
  const plan = planAnalysis(map, options, run);
  const t0 = performance.now();
  const paths = pathCentralities(plan.arcs, {
    ...plan.pathOptions,
    ...pathProgress(run, plan),
  });
  return plan.finish(paths, performance.now() - t0);
}

/**
 * `analyzeMap` with the betweenness and closeness searches shared between helper threads
 * (path-threads.ts). The same result as `analyzeMap`, figure for figure. Small maps, or no
 * helpers, run on this thread; so does a run whose helpers fail. `threads` may be a function,
 * called only when a map is big enough to share.
 */
export async function analyzeMapOn(
  threads: readonly PathThread[] | (() => readonly PathThread[]),
  map: MapLike,
  options: AnalyzeOptions = {},
  run: AnalyzeRun = {},
): Promise<MapAnalysis> {
  const plan = planAnalysis(map, options, run);
  const t0 = performance.now();
  const pathOptions = { ...plan.pathOptions, ...pathProgress(run, plan) };
  let paths: PathCentralities | undefined;
  let used = 1;
  if (pathWork(plan.arcs, pathOptions) >= PARALLEL_WORK) {
    // Asked for only now, so helpers can be started on the first map that needs them.
    const helpers = typeof threads === 'function' ? threads() : threads;
    if (helpers.length > 0)
      try {
        paths = await pathCentralitiesOn(helpers, plan.arcs, pathOptions);
        used = helpers.length;
      } catch {
        // A helper broke: this thread does the searches after all (same figures, more time).
      }
  }
  paths ??= pathCentralities(plan.arcs, pathOptions);
  return plan.finish(paths, performance.now() - t0, used);
}

function pathProgress(
  run: AnalyzeRun,
  plan: AnalysisPlan,
): Pick<PathCentralityOptions, 'onProgress'> {
  const report = run.onProgress;
  if (!report) return {};
  const sampled = !searchesAreExact(plan.arcs.n, plan.pathOptions);
  return { onProgress: (done, total) => report({ step: 'paths', done, total, sampled }) };
}

/** Everything up to the network's searches (see `AnalysisPlan`). */
export function planAnalysis(
  map: MapLike,
  options: AnalyzeOptions = {},
  run: AnalyzeRun = {},
): AnalysisPlan {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const time = stepTimer(timings);
  const step = (s: AnalysisStep) => run.onProgress?.({ step: s, done: 0, total: 0 });
  step('loops');
  const data = time('read', () => readMap(map));
  const graph = time('causalGraph', () => buildCausalGraph(data));
  const loops = time('loops', () => findLoops(graph, options.loops));
  const loopNotes = time('loopNotes', () => matchLoopNotes(loops, data.loopNotes, data));
  step('leverage');
  const leverage = time('leverage', () => rankLeverage(data, loops, options.leverage));
  const movers = time('movers', () =>
    whoCanMove(
      data,
      leverage.slice(0, options.movers?.top ?? 10).map((c) => c.elementId),
      { perFactor: options.movers?.perFactor ?? 10 },
    ),
  );
  step('paths');
  const net = time('actorNetwork', () => buildActorNetwork(data));
  const networkTimings: Record<string, number> = { build: timings.actorNetwork! };
  const system: SystemAnalysis = {
    factors: graph.nodeIds.length,
    causalLinks: new Set(graph.arcConnection).size,
    loops,
    loopNotes,
    leverage,
    movers,
  };
  return {
    arcs: net.arcs,
    pathOptions: networkPathOptions(options.network),
    finish(paths, pathsMs, threads = 1) {
      networkTimings.betweennessCloseness = roundMs(pathsMs);
      const finishStarted = performance.now();
      const network = finishNetwork(data, net, paths, options.network ?? {}, networkTimings, step);
      timings.network = roundMs(
        networkTimings.build! + pathsMs + performance.now() - finishStarted,
      );
      return {
        system,
        network,
        elapsedMs: roundMs(performance.now() - started),
        timings,
        pathThreads: threads,
      };
    },
  };
}
