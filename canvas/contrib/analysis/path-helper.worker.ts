import { servePathRequest, type PathRequest } from '../../../shared/analysis/path-threads';

/**
 * A helper of the analysis worker: runs part of the betweenness and closeness searches of a big
 * map on another core (see shared/analysis/path-threads.ts) and sends the sums back.
 */
self.onmessage = (e: MessageEvent<PathRequest>) =>
  servePathRequest(e.data, (reply, transfer) => self.postMessage(reply, { transfer }));
