/**
 * Test support: a host in a process of its own, so that a test can `kill -9` it or read its
 * memory apart from its clients'.
 *
 *   node --import tsx [--expose-gc] canvas/server/testing/host-process.ts [dataDir] [--no-durable-log]
 *     [--rooms-per-minute=N] [--no-presence-relay] [--redis=URL --database=URL]
 *     [--static=DIR] [--port=N] [--peers=URL,URL] [--heartbeat-ms=N]
 *
 * `--static` serves a built canvas (default: none); `--port` listens there (default: a free port;
 * a cluster whose hosts name each other in `--peers` needs its ports chosen before it starts).
 * Listens on a loopback port (in `dataDir`, or a new temp dir) and tells its parent over IPC
 * `{type: 'ready', url, port}`. Parent -> child: `{type: 'memory'}` (answered
 * `{type: 'memory', usage}`, after collecting garbage when --expose-gc is on), `{type: 'close'}`
 * (a clean shutdown, answered `{type: 'closed'}`), `{type: 'usage'}` (answered at once, without
 * collecting garbage, `{type: 'usage', cpu, memory, loopDelayP95Ms, loopDelayMaxMs}`: `process.cpuUsage()`, `memoryUsage()` and the
 * p95 and longest event-loop delay since the previous `usage`). It stops when the parent goes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startHost } from '../host';

if (!process.send) {
  console.error('host-process.ts runs as a forked child (it talks to its parent over IPC).');
  process.exit(2);
}
const args = process.argv.slice(2);
const roomsPerMinute = Number(
  args.find((a) => a.startsWith('--rooms-per-minute='))?.split('=')[1] ?? 30,
);
const dataDir =
  args.find((a) => !a.startsWith('--')) ?? mkdtempSync(join(tmpdir(), 'weavemap-host-process-'));
const send = (message: unknown) => process.send?.(message);
const option = (name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const redisUrl = option('redis');
const databaseUrl = option('database');
const peers = option('peers')
  ?.split(',')
  .filter((p) => p !== '');

const host = await startHost({
  port: Number(option('port') ?? 0),
  dataDir,
  staticDir: option('static') ?? join(dataDir, 'no-canvas-here'),
  ...(peers && peers.length > 0 ? { peers } : {}),
  quiet: true,
  durableLog: !args.includes('--no-durable-log'),
  ...(args.includes('--no-presence-relay') ? { presenceRelay: false as const } : {}),
  roomsPerMinute,
  ...(redisUrl && databaseUrl
    ? {
        cluster: {
          redisUrl,
          databaseUrl,
          ...(option('heartbeat-ms') ? { heartbeatMs: Number(option('heartbeat-ms')) } : {}),
        },
      }
    : {}),
});

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const collect = (globalThis as { gc?: () => void }).gc;
process.on('message', (message: { type?: string }) => {
  if (message.type === 'memory') {
    // Twice: the first pass may only queue finalizers whose memory the second frees.
    collect?.();
    collect?.();
    send({ type: 'memory', usage: process.memoryUsage() });
  } else if (message.type === 'usage') {
    // Event-loop delay (p95, ms) since the last `usage` request.
    const loopDelayP95Ms = loopDelay.percentile(95) / 1e6;
    const loopDelayMaxMs = loopDelay.max / 1e6;
    loopDelay.reset();
    send({
      type: 'usage',
      cpu: process.cpuUsage(),
      memory: process.memoryUsage(),
      loopDelayP95Ms,
      loopDelayMaxMs,
    });
  } else if (message.type === 'close') {
    void host.close().then(() => {
      send({ type: 'closed' });
      process.exit(0);
    });
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', url: host.url, port: host.port });
