// A worker thread that merges a version's chain (a full checkpoint and the deltas after it) into
// one encoded state, off the host's event loop (see merger.ts).
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, links }) => {
  try {
    const state = Y.mergeUpdates(links);
    parentPort.postMessage({ id, state }, [state.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
