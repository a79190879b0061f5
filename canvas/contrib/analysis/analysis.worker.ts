import { analyzeMap } from '../../../shared/analysis/index';
import {
  CHUNK_RECORDS,
  InputAssembler,
  type AnalysisReply,
  type AnalysisRequest,
} from './analysis-input';
import { sortOrders } from './metrics-table';

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
  let transfer: Transferable[] = [];
  try {
    const result = analyzeMap(input, options);
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
};
