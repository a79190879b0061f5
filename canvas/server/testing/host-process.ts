// Test support, run as a child process: a host of its own, so that a test can read the host's
// memory apart from its clients'.
//
//   node --import tsx --expose-gc host-process.ts
//
// Child -> parent: {type: 'ready', url, port} once listening; {type: 'memory', usage} on request.
// Parent -> child: {type: 'memory'} (collects garbage first when --expose-gc is on) | {type: 'exit'}.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '../host';

if (!process.send) {
  console.error('host-process.ts runs as a forked child (it talks to its parent over IPC).');
  process.exit(2);
}
const send = (message: unknown) => process.send?.(message);
const dataDir = mkdtempSync(join(tmpdir(), 'weavemap-host-process-'));
const host = await startHost({
  port: 0,
  dataDir,
  staticDir: join(dataDir, 'no-canvas'),
  quiet: true,
});
send({ type: 'ready', url: host.url, port: host.port });

const collect = (globalThis as { gc?: () => void }).gc;
process.on('message', (message: { type?: string }) => {
  if (message.type === 'memory') {
    // Twice: the first pass may only queue finalizers whose memory the second frees.
    collect?.();
    collect?.();
    send({ type: 'memory', usage: process.memoryUsage() });
  } else if (message.type === 'exit') {
    void host.close().finally(() => process.exit(0));
  }
});
// Stop with the parent, should it die without saying so.
process.on('disconnect', () => void host.close().finally(() => process.exit(0)));
