/**
 * The load harness (issue #17): a crowd in one room, or many small rooms, on one host.
 *
 *   npm run load -- --people 200 [--rooms 1] [--hosts 1] [--seconds 60] [--procs N]
 *                   [--active 0.2] [--edit-every 10] [--cursor-hz 5] [--baseline] [--json]
 *                   [--kill-host-at S] [--host-profile DIR]
 *
 * `--hosts N` (N > 1): N hosts sharing Redis and PostgreSQL (started here on free ports, in temp
 * dirs: test/load/hosts.ts), the people split across them in turn, each full client knowing every
 * host. The same run on one (SQLite) host follows as the baseline. `--kill-host-at S` kills the
 * first host (kill -9) S seconds into the run: its people are full clients, which move to
 * another host; at the end every host is killed -9 and a fresh one reads PostgreSQL: every
 * person's last edit must be there (zero lost acknowledged edits).
 *
 * Presence goes through the host's relay (batched, motion within a budget, no heartbeats from
 * idle people: canvas/server/realtime/presence-relay.ts). `--baseline` then runs the same load
 * again with today's-before-#17 presence (the host relays every awareness update to everyone at
 * once, clients send Yjs heartbeats) and prints both.
 *
 * Starts a host in a process of its own (canvas/server/testing/host-process.ts: loopback, a free
 * port, a temp dir, durable update log on), creates the rooms through its HTTP API, and spreads
 * the people over a few client processes (test/load/crowd-client.ts) so that one event loop does
 * not bottleneck the measurement. For `--seconds` the active share of people (re-drawn every
 * 10 s) move their cursors at `--cursor-hz`, and everyone edits their own card about once every
 * `--edit-every` seconds. Then it waits (at most 30 s) until every client has every edit.
 *
 * Prints edit→remote p50/p95/p99 (send time to each other client of the room applying it),
 * presence updates and bytes received per client per second, the host's CPU (% of one core, from
 * its process.cpuUsage()) and RSS, and whether every edit reached every client. Bounded and
 * loopback only; not part of `npm test`. `--host-profile DIR` writes each host's CPU profile
 * (node --cpu-prof) into DIR when it stops (hosts killed -9 write none).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuPercent, summarize } from '../../canvas/server/testing/load-stats';
import type { CreateRoomResponse } from '../../canvas/server/routes/rooms';
import type { Finals, Report, Seat, ToChild, Verified } from './crowd-client';
import { type LoadHosts, startLoadHosts } from './hosts';

const { values: opts } = parseArgs({
  options: {
    people: { type: 'string', default: '200' },
    rooms: { type: 'string', default: '1' },
    hosts: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '60' },
    procs: { type: 'string' },
    active: { type: 'string', default: '0.2' },
    'edit-every': { type: 'string', default: '10' },
    'cursor-hz': { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
    'kill-host-at': { type: 'string' },
    full: { type: 'string', default: '10' },
    'no-durable-log': { type: 'boolean', default: false },
    'host-profile': { type: 'string' },
  },
});
const people = Number(opts.people);
const rooms = Number(opts.rooms);
const seconds = Number(opts.seconds);
const activeShare = Number(opts.active);
const editEveryMs = Number(opts['edit-every']) * 1000;
const cursorHz = Number(opts['cursor-hz']);
const total = people * rooms;
const hostCountArg = Number(opts.hosts);
/**
 * Client processes: light people cost little (a thousand fit in one), full ones (provider +
 * Y.Doc, and with --kill-host-at every person of the killed host) about as much as 20 light.
 */
const procs = Number(
  opts.procs ??
    Math.max(
      1,
      Math.min(
        2,
        Math.ceil(
          (total + 20 * (Number(opts.full) + (opts['kill-host-at'] ? total / hostCountArg : 0))) /
            1000,
        ),
      ),
    ),
);
/** Full clients (provider + Y.Doc), the first person of each room in turn; the rest are light. */
const fullClients = Math.min(total, Number(opts.full));
const hostCount = hostCountArg;
const killAt = opts['kill-host-at'] === undefined ? undefined : Number(opts['kill-host-at']);
if (!Number.isInteger(hostCount) || hostCount < 1 || hostCount > 4) {
  console.error('--hosts must be 1 to 4.');
  process.exit(2);
}
if (killAt !== undefined && (hostCount < 2 || !(killAt >= 0 && killAt < Number(opts.seconds)))) {
  console.error('--kill-host-at S needs --hosts 2 or more and 0 ≤ S < --seconds.');
  process.exit(2);
}
if (![people, rooms, seconds, procs, cursorHz].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('--people, --rooms, --seconds, --procs and --cursor-hz must be positive integers.');
  process.exit(2);
}
if (seconds > 600 || total > 10_000) {
  console.error('Bounded: at most 600 s and 10,000 people in all.');
  process.exit(2);
}

const here = import.meta.dirname;
const CLIENT = resolve(here, 'crowd-client.ts');
const children: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'weavemap-load-'));

function spawn(file: string, args: string[] = []): ChildProcess {
  const child = fork(file, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.setMaxListeners(50);
  children.push(child);
  return child;
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((done, fail) => {
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      done(msg as T);
    };
    const onExit = (code: number | null) => fail(new Error(`a load child exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MiB = 1048576;

async function measure(
  relay: boolean,
  hostCount: number,
  killAt?: number,
): Promise<{ result: object; text: string }> {
  const load0 = loadavg();
  const hosts = await startLoadHosts(
    hostCount,
    dataDir,
    [
      `--rooms-per-minute=${rooms + 10}`,
      ...(relay ? [] : ['--no-presence-relay']),
      ...(opts['no-durable-log'] ? ['--no-durable-log'] : []),
    ],
    (child) => children.push(child),
    opts['host-profile'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(opts['host-profile'])}`] : [],
  );
  try {
    return await measureOn(hosts, relay, load0, killAt);
  } finally {
    await hosts.close();
  }
}

async function measureOn(
  hosts: LoadHosts,
  relay: boolean,
  load0: number[],
  killAt: number | undefined,
): Promise<{ result: object; text: string }> {
  const url = hosts.urls[0]!;
  const hostCount = hosts.urls.length;
  const usage = () => hosts.usage();
  const idle = await usage();

  const created: CreateRoomResponse[] = [];
  for (let i = 0; i < rooms; i += 20) {
    const batch = Array.from({ length: Math.min(20, rooms - i) }, async (_, k) => {
      const response = await fetch(new URL('/api/rooms', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: `Load room ${i + k}` }),
      });
      if (response.status !== 201) throw new Error(`room creation: ${response.status}`);
      return (await response.json()) as CreateRoomResponse;
    });
    created.push(...(await Promise.all(batch)));
  }
  const seats: Seat[] = created.flatMap((room, r) =>
    Array.from({ length: people }, (_, i) => ({
      room: room.roomId,
      secret: room.editSecret,
      person: r * people + i,
      // Several hosts: people in turn on each; those on a host that will be killed are full
      // clients, which move to another host.
      full: i * rooms + r < fullClients || (killAt !== undefined && i % hostCount === 0),
      ...(hostCount > 1
        ? { hosts: hosts.urls.map((_, h) => hosts.urls[(i + h) % hostCount]!) }
        : {}),
    })),
  );

  const wsBase = url.replace(/^http/, 'ws').replace(/\/$/, '');
  const clients = Array.from({ length: procs }, () => spawn(CLIENT));
  const joinStarted = performance.now();
  await Promise.all(
    clients.map((c, k) => {
      const joined = next(c, 'joined');
      const share = seats.filter((_, i) => i % procs === k);
      c.send({ type: 'init', wsBase, seats: share, relay } satisfies ToChild);
      return joined;
    }),
  );
  const joinMs = performance.now() - joinStarted;
  await pause(2000);

  const before = await usage();
  const t0 = performance.now();
  let peakRss = before.memory.rss;
  let hostLoopDelay = 0;
  const kill =
    killAt === undefined
      ? undefined
      : setTimeout(() => {
          killedAt = (performance.now() - t0) / 1000;
          void hosts.kill(0);
        }, killAt * 1000);
  let killedAt: number | undefined;
  let hostLoopMax = 0;
  const sampler = setInterval(() => {
    void usage().then((u) => {
      peakRss = Math.max(peakRss, u.memory.rss);
      hostLoopDelay = Math.max(hostLoopDelay, u.loopDelayP95Ms);
      hostLoopMax = Math.max(hostLoopMax, u.loopDelayMaxMs);
    });
  }, 2000);
  const reports = await Promise.all(
    clients.map((c) => {
      const report = next<Report>(c, 'report');
      c.send({
        type: 'start',
        seconds,
        activeShare,
        cursorHz,
        editEveryMs,
      } satisfies ToChild);
      return report;
    }),
  );
  clearInterval(sampler);
  if (kill) clearTimeout(kill);
  const after = await usage();
  const wallMs = performance.now() - t0;
  peakRss = Math.max(peakRss, after.memory.rss);
  hostLoopDelay = Math.max(hostLoopDelay, after.loopDelayP95Ms);
  hostLoopMax = Math.max(hostLoopMax, after.loopDelayMaxMs);

  const finals: Finals = {};
  for (const r of reports)
    for (const [room, byPerson] of Object.entries(r.finals))
      Object.assign((finals[room] ??= {}), byPerson);
  const verdicts = await Promise.all(
    clients.map((c) => {
      const verified = next<Verified>(c, 'verified');
      c.send({ type: 'verify', finals, timeoutMs: 30_000 } satisfies ToChild);
      return verified;
    }),
  );
  const end = await usage();
  for (const c of clients) c.send({ type: 'stop' } satisfies ToChild);
  await hosts.stop();
  // Several hosts: every one killed -9 above; what PostgreSQL holds must have every person's
  // last edit (each was acknowledged, or sent again after a host died, and relayed to everyone).
  // Lost: an edit the host acknowledged (after committing it to PostgreSQL) that PostgreSQL
  // lacks. Edits never acknowledged (sent to a host as it was killed, and not yet sent again)
  // are counted apart: losing those is allowed.
  let storedBehind: number | undefined;
  let unackedMissing = 0;
  let ackedPeople = 0;
  if (hostCount > 1) {
    const stored = await hosts.storedFinals(created);
    storedBehind = 0;
    for (const v of verdicts)
      for (const [room, byPerson] of Object.entries(v.acked))
        for (const [person, acked] of Object.entries(byPerson)) {
          const has = stored[room]?.[Number(person)] ?? -1;
          if (acked > 0) ackedPeople += 1;
          if (has < acked) storedBehind += 1;
          else if (has < (finals[room]?.[Number(person)] ?? 0)) unackedMissing += 1;
        }
  }

  const latency = summarize(verdicts.flatMap((v) => v.latencies));
  const windowS = Math.max(...reports.map((r) => r.windowMs)) / 1000;
  const sum = (f: (r: Report) => number) => reports.reduce((a, r) => a + f(r), 0);
  const delivered = verdicts.reduce((a, v) => a + v.delivered, 0);
  const expected = verdicts.reduce((a, v) => a + v.expected, 0);
  const behind = verdicts.reduce((a, v) => a + v.behind, 0);
  const refusals = [...new Set(reports.flatMap((r) => r.refusals))];
  const result = {
    presence: relay ? 'relayed (batched)' : 'baseline (every update to everyone)',
    people,
    rooms,
    hosts: hostCount,
    storage: hosts.storage,
    killedHostAtSeconds: killedAt ?? null,
    /** People whose last edit PostgreSQL lacks after every host was killed -9 (cluster only). */
    lostAfterKill: storedBehind ?? null,
    /** People whose last edit, never acknowledged, PostgreSQL lacks (allowed; cluster only). */
    unacknowledgedMissing: hostCount > 1 ? unackedMissing : null,
    seconds,
    clientProcesses: procs,
    fullClients: seats.filter((s) => s.full).length,
    activeShare,
    cursorHz,
    editEverySeconds: editEveryMs / 1000,
    joinSeconds: joinMs / 1000,
    /** The host while people joined: CPU (% of one core) and its longest event-loop stall. */
    joinHostCpuPercent: cpuPercent(idle.cpu, before.cpu, joinMs + 2000),
    joinHostLoopMaxMs: before.loopDelayMaxMs,
    editsSent: sum((r) => r.editsSent),
    editToRemoteMs: latency,
    presencePerClientPerSecond: sum((r) => r.presenceReceived) / total / windowS,
    bytesPerClientPerSecond: sum((r) => r.bytesReceived) / total / windowS,
    cursorsSentPerActivePersonPerSecond:
      sum((r) => r.cursorsSent) /
      Math.max(
        1e-9,
        sum((r) => r.activeSeconds),
      ),
    hostLoopDelayP95Ms: hostLoopDelay,
    hostLoopDelayMaxMs: hostLoopMax,
    clientLoopDelayP95Ms: Math.max(...reports.map((r) => r.loopDelayP95Ms)),
    hostCpuPercentOfOneCore: cpuPercent(before.cpu, after.cpu, wallMs),
    hostRssMiB: { idle: idle.memory.rss / MiB, end: end.memory.rss / MiB, peak: peakRss / MiB },
    delivered,
    expected,
    /** Every client ends with every person's last edit: nothing lost. */
    everyEditOnEveryClient: behind === 0,
    /** ... and saw every edit one by one (none merged into a later one by a reconnect). */
    everyEditSeenOneByOne: delivered === expected,
    clientDisconnects: sum((r) => r.disconnects),
    closeReasons: reports.reduce<Record<string, number>>((all, r) => {
      for (const [k, n] of Object.entries(r.closeReasons)) all[k] = (all[k] ?? 0) + n;
      return all;
    }, {}),
    refusals,
    loadAverage: { before: load0, after: loadavg() },
  };
  const f = (n: number, d = 0) => n.toFixed(d);
  const where = rooms === 1 ? '1 room' : `${rooms} rooms of ${people}`;
  const text = [
    `Weavemap load: ${total} people in ${where}, ${hostCount === 1 ? '1 host' : `${hostCount} hosts`} (${hosts.storage}), ${seconds} s, presence ${result.presence} ` +
      `(${f(activeShare * 100)} % active moving cursors at ${cursorHz}/s, an edit per person per ${editEveryMs / 1000} s)`,
    `  clients ${total} (${result.fullClients} full, ${total - result.fullClients} light) in ${procs} processes, joined in ${f(joinMs / 1000, 1)} s (host meanwhile: CPU ${f(result.joinHostCpuPercent)} % of one core, longest stall ${f(result.joinHostLoopMaxMs)} ms); edits sent ${result.editsSent}; host refusals: ${refusals.length ? refusals.join('; ') : 'none'}`,
    `  edit→remote ms: p50 ${f(latency.p50)}  p95 ${f(latency.p95)}  p99 ${f(latency.p99)}  max ${f(latency.max)}  (${latency.count} deliveries)`,
    `  presence updates received per client: ${f(result.presencePerClientPerSecond, 1)}/s ` +
      `(cursor moves sent per active person: ${f(result.cursorsSentPerActivePersonPerSecond, 1)}/s of ${cursorHz})`,
    `  bytes received per client: ${f(result.bytesPerClientPerSecond / 1024, 1)} KiB/s`,
    `  host CPU: ${f(result.hostCpuPercentOfOneCore)} % of one core; RSS idle ${f(result.hostRssMiB.idle)} MiB, peak ${f(result.hostRssMiB.peak)} MiB, end ${f(result.hostRssMiB.end)} MiB`,
    `  event-loop delay p95: host ${f(result.hostLoopDelayP95Ms)} ms (worst 2 s window), longest ${f(result.hostLoopDelayMaxMs)} ms; client processes ${f(result.clientLoopDelayP95Ms)} ms (worst one, whole window)`,
    `  every edit on every client at the end: ${result.everyEditOnEveryClient ? 'yes' : `NO (${behind} client/sender pairs lack the sender's last edit)`}; ` +
      `seen one by one: ${delivered} of ${expected}; client disconnects: ${result.clientDisconnects}${
        result.clientDisconnects
          ? ` (close code ×count: ${Object.entries(result.closeReasons)
              .map(([k, n]) => `${k} ×${n}`)
              .join(', ')})`
          : ''
      }`,
    ...(storedBehind === undefined
      ? []
      : [
          `  ${killedAt === undefined ? 'no host killed during the run' : `host 1 killed -9 at ${f(killedAt, 1)} s`}; after killing every host -9, PostgreSQL lacks the last acknowledged edit of ${storedBehind} of the ${ackedPeople} people with one${storedBehind === 0 ? ' (zero lost acknowledged edits)' : ': LOST'}; last edits never acknowledged and not stored: ${unackedMissing}`,
        ]),
    `  machine load average (1 min): ${f(load0[0]!, 1)} before, ${f(loadavg()[0]!, 1)} after, on ${availableParallelism()} cores`,
  ].join('\n');
  return { result, text };
}

/** The run asked for, and with --baseline the same with today's presence, one after the other. */
async function main(): Promise<void> {
  const runs = [await measure(true, hostCount, killAt)];
  if (!opts.json) console.log(runs[0]!.text);
  if (hostCount > 1) {
    // The baseline of several hosts: the same run on one.
    runs.push(await measure(true, 1));
    if (!opts.json) console.log(runs.at(-1)!.text);
  }
  if (opts.baseline) {
    runs.push(await measure(false, 1));
    if (!opts.json) console.log(runs.at(-1)!.text);
  }
  if (opts.json) console.log(JSON.stringify(runs.map((r) => r.result)));
}

const cleanUp = () => {
  for (const c of children) if (c.exitCode === null) c.kill();
  rmSync(dataDir, { recursive: true, force: true });
};
// Interrupted (Ctrl-C, a timeout): stop the host and clients and remove the temp dir too.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
try {
  await main();
} finally {
  cleanUp();
}
