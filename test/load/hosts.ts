/**
 * The hosts of a load run (test/load/run.ts): one SQLite host, or (`--hosts N`, N > 1) N hosts
 * sharing Redis and PostgreSQL, each server started here on a free loopback port in a temp dir
 * (canvas/server/testing/services.ts) and stopped at the end. Also: kill -9 one host mid-run,
 * and read back what PostgreSQL holds once every host is gone.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startClusterServices } from '../../canvas/server/testing/services';
import { connectSync } from '../../canvas/server/testing/sync-client';
import { elementsMap } from '../../shared/schema/doc';
import type { Finals } from './crowd-client';

const HOST = resolve(import.meta.dirname, '../../canvas/server/testing/host-process.ts');

export interface Usage {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
  loopDelayP95Ms: number;
  loopDelayMaxMs: number;
}

interface RunningHost {
  child: ChildProcess;
  url: string;
  /** Its last usage: a killed host's CPU still counts in the run's total. */
  last: Usage;
  alive: boolean;
}

export interface LoadHosts {
  /** http origins, no trailing slash. */
  urls: string[];
  storage: 'SQLite' | 'PostgreSQL + Redis';
  /** Summed over hosts (a killed host at its last sample); loop delay: the worst. */
  usage(): Promise<Usage>;
  kill(index: number): Promise<void>;
  /** Stops every host cleanly (SQLite) or kills them -9 (a cluster: see `storedFinals`). */
  stop(): Promise<void>;
  /**
   * A cluster only, after `stop`: a fresh host on the same PostgreSQL reads each room; for each
   * person, the sequence number of the last edit stored (room -> person -> seq).
   */
  storedFinals(rooms: { roomId: string; viewSecret: string }[]): Promise<Finals>;
  close(): Promise<void>;
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((done, fail) => {
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      done(msg as T);
    };
    const onExit = (code: number | null) => fail(new Error(`a host exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const LABEL = /^p(\d+) #(\d+) @/;

export async function startLoadHosts(
  count: number,
  dataDir: string,
  hostArgs: string[],
  track: (child: ChildProcess) => void,
  /** Node flags for the host processes (`--cpu-prof`, `--trace-gc`: see run.ts --host-profile). */
  nodeFlags: readonly string[] = [],
): Promise<LoadHosts> {
  const services = count > 1 ? await startClusterServices() : undefined;
  const cluster = services
    ? [`--redis=${services.redis.url}`, `--database=${services.postgres.url}`]
    : [];
  const spawnHost = async (): Promise<RunningHost> => {
    const child = fork(HOST, [mkdtempSync(join(dataDir, 'host-')), ...hostArgs, ...cluster], {
      execArgv: ['--import', 'tsx', ...nodeFlags],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.setMaxListeners(50);
    track(child);
    const { url } = await next<{ url: string }>(child, 'ready');
    const host: RunningHost = { child, url: url.replace(/\/$/, ''), alive: true, last: undefined! };
    host.last = await ask(host);
    return host;
  };
  const ask = (host: RunningHost): Promise<Usage> => {
    const answer = next<Usage>(host.child, 'usage');
    host.child.send({ type: 'usage' });
    return answer.then((u) => (host.last = u));
  };
  const hosts = await Promise.all(Array.from({ length: count }, spawnHost));
  const killed = (h: RunningHost) =>
    new Promise<void>((done) => {
      if (h.child.exitCode !== null || h.child.signalCode !== null) return done();
      h.child.once('exit', () => done());
      h.child.kill('SIGKILL');
    });

  return {
    urls: hosts.map((h) => h.url),
    storage: services ? 'PostgreSQL + Redis' : 'SQLite',
    async usage() {
      const all = await Promise.all(hosts.map((h) => (h.alive ? ask(h) : h.last)));
      const sum = (f: (u: Usage) => number) => all.reduce((a, u) => a + f(u), 0);
      return {
        cpu: { user: sum((u) => u.cpu.user), system: sum((u) => u.cpu.system) },
        // RSS of the hosts still running.
        memory: {
          ...all[0]!.memory,
          rss: hosts.reduce((a, h, i) => a + (h.alive ? all[i]!.memory.rss : 0), 0),
        },
        loopDelayP95Ms: Math.max(...all.map((u) => u.loopDelayP95Ms)),
        loopDelayMaxMs: Math.max(...all.map((u) => u.loopDelayMaxMs)),
      };
    },
    async kill(index) {
      const h = hosts[index]!;
      h.alive = false;
      await killed(h);
    },
    async stop() {
      for (const h of hosts) h.alive = false;
      if (services) {
        await Promise.all(hosts.map(killed));
        return;
      }
      await Promise.all(
        hosts.map(async (h) => {
          if (h.child.exitCode !== null) return;
          const closed = next(h.child, 'closed');
          // Its exit, not only its answer: a CPU profile (--host-profile) is written on exit.
          const exited = new Promise((done) => h.child.once('exit', done));
          h.child.send({ type: 'close' });
          await closed;
          await exited;
        }),
      );
    },
    async storedFinals(rooms) {
      const reader = await spawnHost();
      const finals: Finals = {};
      try {
        for (const room of rooms) {
          const client = connectSync(
            reader.url.replace(/^http/, 'ws'),
            room.roomId,
            room.viewSecret,
          );
          await client.synced;
          const byPerson: Record<number, number> = (finals[room.roomId] = {});
          for (const element of elementsMap(client.doc).values()) {
            const m = LABEL.exec(String(element.get('label')));
            if (m) byPerson[Number(m[1])] = Math.max(byPerson[Number(m[1])] ?? 0, Number(m[2]));
          }
          client.destroy();
        }
      } finally {
        await killed(reader);
      }
      return finals;
    },
    close: async () => {
      await Promise.all(hosts.map(killed));
      await services?.stop();
    },
  };
}
