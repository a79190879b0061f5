/**
 * Test support: real Redis and PostgreSQL servers for the several-hosts tests, each on a free
 * loopback port in a temp dir of its own (no containers), stopped by `stop()` or, at the latest,
 * when this process exits.
 *
 * Needs Debian's `redis-server` and `postgresql` packages (`apt-get install redis-server
 * postgresql`; .ci/run installs them). PostgreSQL refuses to run as root: as root, initdb and
 * postgres run as the `postgres` user (or `nobody`), with the temp dir handed to that user.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServiceProcess {
  /** `redis://127.0.0.1:<port>` or `postgres://weavemap@127.0.0.1:<port>/postgres`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const REDIS_SERVER = '/usr/bin/redis-server';

/** PostgreSQL's programs directory (Debian keeps them under /usr/lib/postgresql/<version>/bin). */
export function postgresBinDir(): string | undefined {
  for (const dir of ['/usr/local/bin', '/usr/bin']) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

/**
 * Why the several-hosts tests cannot run here (what to install), or null when they can. A test
 * file that needs the servers fails with this message rather than skipping silently.
 */
export function missingServices(): string | null {
  const missing: string[] = [];
  if (!existsSync(REDIS_SERVER))
    missing.push('redis-server (Debian: apt-get install redis-server)');
  if (!postgresBinDir())
    missing.push('PostgreSQL initdb/postgres (Debian: apt-get install postgresql)');
  return missing.length === 0
    ? null
    : `Missing for the several-hosts tests: ${missing.join('; ')}.`;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns `command`, resolves when a line of its output matches `ready`. */
function startProcess(
  command: string,
  args: string[],
  ready: RegExp,
  options: { uid?: number; gid?: number; cwd?: string } = {},
): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (ready.test(output)) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining, or a chatty server blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`${command} exited (${code}) before it was ready:\n${output.slice(-2000)}`)),
    );
  });
}

/** Signals `child` and waits for it to exit. */
function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export async function startRedis(): Promise<ServiceProcess> {
  const missing = missingServices();
  if (missing && !existsSync(REDIS_SERVER)) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'weavemap-redis-'));
  const port = await freePort();
  const child = await startProcess(
    REDIS_SERVER,
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
      ...['--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
    ],
    /Ready to accept connections/,
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopProcess(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The user PostgreSQL runs as: ourselves, or (as root) `postgres`, else `nobody`. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // Try the next one.
    }
  }
  throw new Error(
    'Running as root with neither a postgres nor a nobody user to run PostgreSQL as.',
  );
}

/**
 * A fresh cluster: `initdb` (trust authentication on loopback, superuser `weavemap`), then
 * `postgres` listening on 127.0.0.1 only, its socket in the temp dir. Durability settings are
 * PostgreSQL's defaults (fsync, synchronous_commit on): a commit is flushed before it returns.
 */
export async function startPostgres(): Promise<ServiceProcess> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(missingServices() ?? 'PostgreSQL is missing.');
  const dir = mkdtempSync(join(tmpdir(), 'weavemap-postgres-'));
  const data = join(dir, 'data');
  const user = postgresUser();
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'weavemap', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--no-locale'],
    { ...as, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await freePort();
  const child = await startProcess(
    join(bin, 'postgres'),
    [
      ...['-D', data, '-p', String(port), '-k', dir],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    ],
    /database system is ready to accept connections/,
    { ...as, cwd: dir },
  );
  return {
    url: `postgres://weavemap@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      // SIGINT: PostgreSQL's fast shutdown (clients disconnected, no wait).
      await stopProcess(child, 'SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Redis and PostgreSQL together, as a host cluster uses them. */
export async function startClusterServices(): Promise<{
  redis: ServiceProcess;
  postgres: ServiceProcess;
  stop(): Promise<void>;
}> {
  const missing = missingServices();
  if (missing) throw new Error(missing);
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  return {
    redis,
    postgres,
    stop: async () => {
      await Promise.allSettled([redis.stop(), postgres.stop()]);
    },
  };
}
