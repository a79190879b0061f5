import { parentPort } from 'node:worker_threads';
import { servePathRequest, type PathRequest } from '../../../shared/analysis/path-threads';

/** The body of a search thread: answers each request from the thread that started it. */
const port = parentPort;
if (!port) throw new Error('path-thread-main runs as a worker thread.');
port.on('message', (request: PathRequest) =>
  servePathRequest(request, (reply, transfer) => port.postMessage(reply, transfer)),
);
