import { analyzeMap } from '../../../shared/analysis/index';
import type { AnalysisReply, AnalysisRequest } from './analysis-input';

/**
 * The analysis Web Worker: runs `analyzeMap` (loops, leverage, network metrics, weaving) off the
 * UI thread. Each request carries a sequence number that the reply echoes, so the page can drop
 * a result that a newer edit has made stale.
 */
self.onmessage = (e: MessageEvent<AnalysisRequest>) => {
  const { seq, input, options } = e.data;
  let reply: AnalysisReply;
  try {
    reply = { type: 'result', seq, result: analyzeMap(input, options) };
  } catch (err) {
    reply = { type: 'error', seq, message: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
