import { analyzeMap } from '../../../shared/analysis/index';
import { InputAssembler, type AnalysisReply, type AnalysisRequest } from './analysis-input';

/**
 * The analysis Web Worker: runs `analyzeMap` (loops, leverage, network metrics, weaving) off the
 * UI thread. A run arrives in chunks (see `AnalysisRequest`); its sequence number comes back with
 * the reply, so the page can drop a result that a newer edit has made stale.
 */
const assembler = new InputAssembler();

self.onmessage = (e: MessageEvent<AnalysisRequest>) => {
  const msg = e.data;
  const input = assembler.add(msg);
  if (!input || msg.type !== 'run') return;
  const { seq, options } = msg;
  let reply: AnalysisReply;
  try {
    reply = { type: 'result', seq, result: analyzeMap(input, options) };
  } catch (err) {
    reply = { type: 'error', seq, message: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
