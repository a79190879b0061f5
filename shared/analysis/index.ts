/** Weavemap's analysis engine: pure functions over map data, for Node, the canvas and workers. */
export type { MapLike, MapData } from './input';
export { readMap } from './input';
export type { CausalGraph, SkippedConnection } from './causal-graph';
export { buildCausalGraph } from './causal-graph';
export type { Loop, LoopLimit, LoopsResult, FindLoopsOptions } from './loops';
export { findLoops, canonicalSignature, loopFromSignature, loopFromMembers } from './loops';
export type { LoopNoteMatch } from './loop-notes';
export { matchLoopNotes } from './loop-notes';
export type { MeadowsLevel } from './meadows';
export { MEADOWS_LEVELS, meadowsLevel } from './meadows';
export type {
  LeverageCandidate,
  LeverageLoopRef,
  LeverageOptions,
  Mover,
  MoversEntry,
} from './leverage';
export { rankLeverage, whoCanMove, LEVERAGE_WEIGHTS } from './leverage';
export type {
  ActorMetrics,
  BridgeEntry,
  BrokerEntry,
  ClusterSummary,
  IsolateEntry,
  NetworkAnalysis,
  NetworkOptions,
} from './network';
export { analyzeNetwork } from './network';
export type { WeavingOptions, WeavingSuggestion } from './weaving';
export type {
  AnalysisProgress,
  AnalysisStep,
  AnalyzeOptions,
  AnalyzeRun,
  MapAnalysis,
  SystemAnalysis,
} from './analyze-map';
export { analyzeMap, analyzeMapOn, ANALYSIS_STEP_LABELS } from './analyze-map';
export type { PathJob, PathReply, PathRequest, PathThread } from './path-threads';
export { PathThreadClient, servePathRequest } from './path-threads';
export type { HelperPort } from './path-thread-pool';
export { PathThreadPool } from './path-thread-pool';
