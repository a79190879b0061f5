import type { HostOptions } from '../host';
import { DEFAULT_HOST, DEFAULT_PORT, startHost } from '../host';
import { parseAllowedOrigins } from '../http/origins';
import { redact } from '../redact';
import { parseCommandArgs } from './args';
import type { Command, CommandIO } from './types';
import { UsageError } from './types';

const USAGE = `Usage: weavemap serve [--port N] [--host ADDR] [--data DIR] [--public-url URL]
                      [--allow-origin ORIGIN]... [--quiet]
                      [--redis URL --database URL [--peers URL,URL...]]

  --port N          port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)   env WEAVEMAP_PORT
  --host ADDR       interface to bind (default ${DEFAULT_HOST}; 0.0.0.0 for a LAN)    env WEAVEMAP_HOST
  --data DIR        where rooms are stored (default .data/ in the repo)           env WEAVEMAP_DATA
  --public-url URL  base of share links when behind a proxy                       env WEAVEMAP_PUBLIC_URL
  --allow-origin O  another origin whose pages may create rooms and open /sync and
                    /signal (repeatable or comma-separated; the host's own origin
                    and, for clips, the browser extension are always allowed)      env WEAVEMAP_ALLOW_ORIGIN
  --quiet           print only the address and errors

Several hosts, one map (see README, "Scaling out"):
  --redis URL       redis://host:port: share live rooms with other hosts           env WEAVEMAP_REDIS_URL
  --database URL    postgres://user@host:port/db: rooms, documents and the update
                    log in PostgreSQL (both flags, or neither: the SQLite host)    env WEAVEMAP_DATABASE_URL
  --peers URLS      every host's URL (comma-separated or repeated), given to
                    clients to reconnect to when their host stops               env WEAVEMAP_PEERS`;

/** Reads `serve`'s options from its arguments, falling back to WEAVEMAP_* variables. */
export function parseServeArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): HostOptions {
  const { values: given, positionals } = parseCommandArgs(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'public-url': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      redis: { type: 'string' },
      database: { type: 'string' },
      peers: { type: 'string', multiple: true },
    },
    USAGE,
  );
  if (positionals.length > 0)
    throw new UsageError(`Unknown argument ${JSON.stringify(positionals[0])}.`, USAGE);
  const values = new Map(
    Object.entries(given).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const allowOrigin = (given['allow-origin'] as string[] | undefined) ?? [];
  const quiet = given.quiet === true;

  const portText = values.get('port') ?? env.WEAVEMAP_PORT;
  const options: HostOptions = { quiet };
  if (portText !== undefined && portText !== '') {
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) {
      throw new UsageError(
        `The port must be a number from 0 to 65535, not ${JSON.stringify(portText)}.`,
        USAGE,
      );
    }
    options.port = port;
  }
  const host = values.get('host') ?? env.WEAVEMAP_HOST;
  if (host) options.host = host;
  const data = values.get('data') ?? env.WEAVEMAP_DATA;
  if (data) options.dataDir = data;
  const publicUrl = values.get('public-url') ?? env.WEAVEMAP_PUBLIC_URL;
  if (publicUrl) {
    if (!/^https?:\/\/[^/\s]+\/?$/.test(publicUrl)) {
      throw new UsageError(
        `--public-url must look like https://host[:port], not ${JSON.stringify(publicUrl)}.`,
        USAGE,
      );
    }
    options.publicUrl = publicUrl;
  }
  const redisUrl = values.get('redis') ?? env.WEAVEMAP_REDIS_URL;
  const databaseUrl = values.get('database') ?? env.WEAVEMAP_DATABASE_URL;
  if (redisUrl || databaseUrl) {
    if (!redisUrl || !databaseUrl)
      throw new UsageError('--redis and --database go together (or neither, for SQLite).', USAGE);
    if (!/^rediss?:\/\/\S+$/.test(redisUrl))
      throw new UsageError(
        `--redis must look like redis://host:port, not ${JSON.stringify(redact(redisUrl))}.`,
        USAGE,
      );
    if (!/^postgres(ql)?:\/\/\S+$/.test(databaseUrl))
      throw new UsageError(
        `--database must look like postgres://user@host:port/db, not ${JSON.stringify(redact(databaseUrl))}.`,
        USAGE,
      );
    options.cluster = { redisUrl, databaseUrl };
  }
  const peerList = (given.peers as string[] | undefined) ?? [env.WEAVEMAP_PEERS ?? ''];
  const peers = peerList
    .flatMap((p) => p.split(','))
    .map((p) => p.trim().replace(/\/+$/, ''))
    .filter((p) => p !== '');
  for (const peer of peers) {
    if (!/^https?:\/\/[^/\s]+$/.test(peer))
      throw new UsageError(
        `--peers: ${JSON.stringify(peer)} is not an http(s)://host:port URL.`,
        USAGE,
      );
  }
  if (peers.length > 0) options.peers = peers;
  const origins = allowOrigin.length > 0 ? allowOrigin : [env.WEAVEMAP_ALLOW_ORIGIN ?? ''];
  try {
    const allowed = parseAllowedOrigins(origins);
    if (allowed.length > 0) options.allowOrigins = allowed;
  } catch (error) {
    throw new UsageError(`--allow-origin: ${(error as Error).message}`, USAGE);
  }
  return options;
}

export const serveCommand: Command = {
  summary: 'run the host: the canvas, the rooms API, /signal and /sync on one port',
  usage: USAGE,
  async run(args, io) {
    const options = parseServeArgs(args, io.env);
    const host = await startHost(options);
    lastResort(io, () => host.close());
    io.out(`Weavemap is running at ${host.url}`);
    if (host.lanUrls.length > 0) {
      io.out('On your network:');
      for (const url of host.lanUrls) io.out(`  ${url}`);
    }
    if (options.cluster)
      io.out(
        `Rooms and their versions are stored in PostgreSQL (${redact(options.cluster.databaseUrl)}) and shared through Redis (${redact(options.cluster.redisUrl)})`,
      );
    else io.out(`Rooms are stored in ${host.dataDir}`);

    await new Promise<void>((done) => {
      let stoppingSince = 0;
      const stop = (signal: NodeJS.Signals) => {
        if (stoppingSince > 0) {
          // A wrapper (npm, tsx) may deliver the same Ctrl+C twice: only a later, deliberate
          // second signal skips the save.
          if (Date.now() - stoppingSince < 1000) return;
          io.err(`Received ${signal} again; exiting without waiting for the save.`);
          process.exit(1);
        }
        stoppingSince = Date.now();
        io.out(`Stopping (${signal}): saving every open map...`);
        host.close().then(done, (error: unknown) => {
          io.err(`Shutdown failed: ${String(error)}`);
          done();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.out('Stopped.');
    // Everything is saved; should a stray handle keep the event loop alive, do not hang on it.
    setTimeout(() => process.exit(0), 3000).unref();
    return 0;
  },
};

const stackOf = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/**
 * Process-wide last resort, for bugs only (every request, upgrade and frame handler is guarded):
 * an exception nobody caught may have left state half-changed, so it is logged with its stack,
 * every open map is saved, and the process exits 1 for the supervisor to restart it. A rejected
 * promise nobody awaited left no half-run code behind: it is logged with its stack and the host
 * keeps serving.
 */
function lastResort(io: CommandIO, save: () => Promise<void>): void {
  let exiting = false;
  process.on('uncaughtException', (error) => {
    io.err(
      `[weavemap] BUG: uncaught exception; saving every open map and exiting:\n${stackOf(error)}`,
    );
    if (exiting) return;
    exiting = true;
    setTimeout(() => process.exit(1), 5000).unref();
    void save().finally(() => process.exit(1));
  });
  process.on('unhandledRejection', (reason) => {
    io.err(
      `[weavemap] BUG: unhandled promise rejection (the host keeps serving):\n${stackOf(reason)}`,
    );
  });
}
