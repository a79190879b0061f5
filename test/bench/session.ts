import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { applyNative, parseNative } from '../../shared/interop/native';
import { schoolReadinessExample } from '../../shared/examples/school-readiness';
import { connectSync } from '../../canvas/server/testing/sync-client';
import { createRoom, startTestHost } from '../../canvas/server/testing/host';
import type { BenchRow } from './table';

/**
 * A 30-participant session: 30 simulated participants (three child processes of ten Hocuspocus
 * clients, each with its own socket and awareness) move their cursors and edit now and then,
 * through a real host. One more child process is a participant's screen (the observer): it keeps
 * the map snapshot current and re-reads the people list on every presence change, as the canvas
 * does, and measures its own CPU time (`process.cpuUsage()`) over a window. Reported: the CPU
 * time that screen spends per second of session on others' presence and edits, for cursors sent
 * through the canvas's 5-a-second throttle (pointer events at 60 Hz), beside cursors sent
 * unthrottled at 30 a second, and an idle room of the same 30 people (no moves, no edits).
 */

const PEERS = 30;
const PER_PROCESS = 10;
const WINDOW_MS = Number(process.env.WEAVEMAP_BENCH_SESSION_MS ?? 8000);
const SETTLE_MS = 1500;
const EDIT_EVERY_MS = 5000;
const CHILD = resolve(import.meta.dirname, 'session-child.ts');

interface Measured {
  cpuMsPerSecond: number;
  presencePerSecond: number;
  editsPerSecond: number;
  snapshotsPerSecond: number;
  peersSeen: number;
}

function spawn(args: string[]): ChildProcess {
  return fork(CHILD, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((done, fail) => {
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      done(msg as T);
    };
    const onExit = (code: number | null) => fail(new Error(`bench child exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchSession(): Promise<BenchRow[]> {
  const test = await startTestHost({ history: { autoIntervalMs: 60 * 60_000 } });
  const children: ChildProcess[] = [];
  try {
    const room = await createRoom(test, 'Session bench');
    // The example map, so that edits move real elements.
    const seed = connectSync(test.wsBase, room.roomId, room.editSecret);
    await seed.synced;
    const parsed = parseNative(schoolReadinessExample);
    if (!parsed.ok) throw new Error('The example map does not parse.');
    applyNative({ doc: seed.doc, origin: 'seed', userId: 'seed' }, parsed.file);
    await pause(300);
    seed.destroy();

    const observer = spawn(['observer', test.wsBase, room.roomId, room.editSecret]);
    children.push(observer);
    await next(observer, 'connected');
    const peerProcs: ChildProcess[] = [];
    for (let first = 0; first < PEERS; first += PER_PROCESS) {
      const p = spawn([
        'peers',
        test.wsBase,
        room.roomId,
        room.editSecret,
        String(PER_PROCESS),
        String(first),
      ]);
      children.push(p);
      peerProcs.push(p);
    }
    await Promise.all(peerProcs.map((p) => next(p, 'connected')));

    const scenario = async (mode: {
      cursorHz: number;
      throttled: boolean;
      editEveryMs: number;
    }): Promise<Measured> => {
      const ready = peerProcs.map((p) => next(p, 'ready'));
      for (const p of peerProcs) p.send({ type: 'mode', ...mode });
      await Promise.all(ready);
      await pause(SETTLE_MS);
      const result = next<Measured>(observer, 'measured');
      observer.send({ type: 'measure', ms: WINDOW_MS });
      return result;
    };

    const idle = await scenario({ cursorHz: 0, throttled: true, editEveryMs: 0 });
    const throttled = await scenario({ cursorHz: 60, throttled: true, editEveryMs: EDIT_EVERY_MS });
    const unthrottled = await scenario({
      cursorHz: 30,
      throttled: false,
      editEveryMs: EDIT_EVERY_MS,
    });
    for (const c of children) c.send({ type: 'stop' });

    const note = (m: Measured) =>
      `${m.presencePerSecond.toFixed(0)} presence + ${m.editsPerSecond.toFixed(1)} edit updates/s in, ${m.peersSeen} people seen; ${WINDOW_MS / 1000} s window`;
    return [
      {
        group: 'session',
        name: `observer CPU, ${PEERS} people moving (cursors throttled to 5/s) and editing`,
        value: throttled.cpuMsPerSecond,
        unit: 'ms/s',
        baseline: unthrottled.cpuMsPerSecond,
        baselineName: 'cursors unthrottled at 30/s',
        note: note(throttled),
      },
      {
        group: 'session',
        name: `observer CPU, the same ${PEERS} people idle`,
        value: idle.cpuMsPerSecond,
        unit: 'ms/s',
        note: note(idle),
      },
      {
        group: 'session',
        name: 'presence updates reaching a screen',
        value: throttled.presencePerSecond,
        unit: '/s',
        baseline: unthrottled.presencePerSecond,
        baselineName: 'unthrottled',
        target: `≤ ${PEERS * 5}/s (5 a person)`,
      },
    ];
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
    await test.host.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./table');
  printTable(await benchSession());
}
