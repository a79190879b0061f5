/**
 * Test support: a host in a process of its own, so that a test can `kill -9` it.
 *
 *   node --import tsx canvas/server/testing/host-process.ts <dataDir> [--no-durable-log]
 *
 * Listens on a free loopback port in `dataDir` and tells its parent over IPC
 * `{type: 'listening', url}`. It stops when the parent goes (IPC channel closed) or sends
 * `{type: 'close'}` (a clean shutdown, answered `{type: 'closed'}`).
 */
import { join } from 'node:path';
import { startHost } from '../host';

const [dataDir, flag] = process.argv.slice(2);
if (!dataDir || !process.send) {
  console.error('usage: fork host-process.ts <dataDir> [--no-durable-log] (with an IPC channel)');
  process.exit(2);
}

const host = await startHost({
  port: 0,
  dataDir,
  staticDir: join(dataDir, 'no-canvas-here'),
  quiet: true,
  durableLog: flag !== '--no-durable-log',
});
process.on('message', (message: { type?: string }) => {
  if (message.type !== 'close') return;
  void host.close().then(() => {
    process.send?.({ type: 'closed' });
    process.exit(0);
  });
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'listening', url: host.url });
