import { join } from 'node:path';
import * as Y from 'yjs';
import { addElement } from '../../shared/domain/elements';
import { DEFAULT_PHASES } from '../../shared/session/agenda';
import { flipPhase, roomOfSize } from '../../canvas/server/history/fixtures';
import { createHistory } from '../../canvas/server/history/recorder';
import { VersionStore } from '../../canvas/server/history/store';
import { RoomDocuments } from '../../canvas/server/realtime/room-documents';
import { Database } from '../../canvas/server/sqlite-driver';
import { createRoom, startTestHost, tempDir } from '../../canvas/server/testing/host';
import { connectSync } from '../../canvas/server/testing/sync-client';
import type { BenchRow } from './table';

/**
 * What the host writes to disk, and what writing it costs (#13):
 * - versions kept for 100 phase flips in 10 s on a 2 MB room: bytes per phase change with
 *   deltas, deduplication and the one-per-phase-per-minute limit, beside a full copy per change
 *   (the store before #13, re-enacted here: encode the whole room, insert it);
 * - a burst of 1,000 edits from one client until the host has acknowledged them all, with the
 *   durable update log on (every update written before its acknowledgement) and off.
 */

const FLIPS = 100;
const ROOM_BYTES = 2 * 1024 * 1024;
const BURST = 1000;

const turn = () => new Promise<void>((done) => setImmediate(done));

async function phaseFlips(): Promise<BenchRow[]> {
  const ids = [DEFAULT_PHASES[0]!.id, DEFAULT_PHASES[1]!.id];

  // Before: every phase change stored the whole room.
  const before = roomOfSize(ROOM_BYTES);
  const size = Y.encodeStateAsUpdate(before).byteLength;
  const old = new Database(join(tempDir('wm-bench-history-'), 'old.sqlite'));
  old.pragma('journal_mode = WAL');
  old.exec('CREATE TABLE versions (id INTEGER PRIMARY KEY, state BLOB NOT NULL)');
  const insert = old.prepare('INSERT INTO versions (state) VALUES (?)');
  let oldBytes = 0;
  let oldWorst = 0;
  let oldTotal = 0;
  for (let i = 0; i < FLIPS; i++) {
    flipPhase(before, ids, i);
    const t0 = performance.now();
    const state = Y.encodeStateAsUpdate(before);
    insert.run(Buffer.from(state));
    const ms = performance.now() - t0;
    oldWorst = Math.max(oldWorst, ms);
    oldTotal += ms;
    oldBytes += state.byteLength;
    await turn();
  }
  old.close();

  // Now: the recorder, its clock advancing 100 ms a flip (100 flips in 10 s).
  const doc = roomOfSize(ROOM_BYTES);
  const store = new VersionStore(join(tempDir('wm-bench-history-'), 'new.sqlite'));
  let clock = Date.now();
  const history = createHistory({
    store,
    log: { info: () => {}, warn: () => {}, error: (m) => console.error(m) },
    autoIntervalMs: 60 * 60_000,
    now: () => clock,
  });
  await history.extension.afterLoadDocument?.({ documentName: 'room', document: doc } as never);
  let worst = 0;
  let total = 0;
  for (let i = 0; i < FLIPS; i++) {
    flipPhase(doc, ids, i);
    clock += 100;
    // The version is taken on the next turn of the event loop: time that turn.
    const t0 = performance.now();
    await turn();
    const ms = performance.now() - t0;
    worst = Math.max(worst, ms);
    total += ms;
  }
  await turn();
  const versions = store.list('room').length;
  const bytes = store.diskUse('room').versions;
  history.close();
  store.close();

  const room = `${(size / 1024 / 1024).toFixed(1)} MB room, ${FLIPS} flips between 2 phases in 10 s`;
  return [
    {
      group: 'storage',
      name: `version bytes stored per phase change (${room})`,
      value: bytes / FLIPS / 1024,
      unit: 'KiB',
      baseline: oldBytes / FLIPS / 1024,
      baselineName: 'full copy per change, before #13',
      note: `${versions} versions, ${(bytes / 1024).toFixed(0)} KiB in all (before: ${FLIPS}, ${(oldBytes / 1024 / 1024).toFixed(0)} MiB)`,
    },
    {
      group: 'storage',
      name: `host time recording versions over ${FLIPS} phase flips`,
      value: total,
      unit: 'ms',
      baseline: oldTotal,
      baselineName: 'full copy per change, before #13',
      note: `longest single step ${worst.toFixed(1)} ms (before: ${oldWorst.toFixed(1)} ms)`,
    },
  ];
}

async function burst(durableLog: boolean): Promise<number> {
  const test = await startTestHost({ durableLog, history: { autoIntervalMs: 60 * 60_000 } });
  try {
    const room = await createRoom(test);
    const client = connectSync(test.wsBase, room.roomId, room.editSecret);
    await client.synced;
    const ctx = { doc: client.doc, origin: 'bench', userId: 'bench' };
    const acked = new Promise<void>((done) => {
      const onChange = ({ number }: { number: number }) => {
        if (number !== 0) return;
        client.provider.off('unsyncedChanges', onChange);
        done();
      };
      client.provider.on('unsyncedChanges', onChange);
    });
    const t0 = performance.now();
    for (let i = 0; i < BURST; i++) addElement(ctx, { kind: 'factor', label: `Edit ${i}` });
    await acked;
    const ms = performance.now() - t0;
    client.destroy();
    return ms;
  } finally {
    await test.host.close();
  }
}

/**
 * The host's own time to apply one client update (`Y.applyUpdate` on the room's document, as
 * Hocuspocus does before acknowledging), with the log's synchronous insert and without: the
 * updates a 1,000-edit burst produces, applied to a loaded room.
 */
async function applyCost(durableLog: boolean): Promise<number> {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  const ctx = { doc: source, origin: 'bench', userId: 'bench' };
  for (let i = 0; i < BURST; i++) addElement(ctx, { kind: 'factor', label: `Edit ${i}` });
  const rooms = new RoomDocuments(join(tempDir('wm-bench-log-'), 'rooms.sqlite'), {
    durableLog,
    compactAfterUpdates: Infinity,
  });
  rooms.open();
  const doc = new Y.Doc();
  await rooms.onLoadDocument({ documentName: 'room', document: doc } as never);
  const t0 = performance.now();
  for (const u of updates) Y.applyUpdate(doc, u);
  const ms = performance.now() - t0;
  rooms.close();
  return (ms / updates.length) * 1000;
}

export async function benchStorage(): Promise<BenchRow[]> {
  const rows = await phaseFlips();
  const applyOn: number[] = [];
  const applyOff: number[] = [];
  for (let i = 0; i < 3; i++) {
    applyOff.push(await applyCost(false));
    applyOn.push(await applyCost(true));
  }
  rows.push({
    group: 'storage',
    name: 'host time to apply one update, durable log on',
    value: Math.min(...applyOn),
    unit: 'µs',
    baseline: Math.min(...applyOff),
    baselineName: 'durable log off',
    note: `best of 3 × ${BURST} updates (WAL, synchronous=NORMAL)`,
  });
  // Alternate, twice each, and keep the better of each: the machine is shared.
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < 2; i++) {
    off.push(await burst(false));
    on.push(await burst(true));
  }
  rows.push({
    group: 'storage',
    name: `${BURST}-edit burst until all acknowledged, durable log on`,
    value: Math.min(...on),
    unit: 'ms',
    baseline: Math.min(...off),
    baselineName: 'durable log off',
    note: `runs: on ${on.map((v) => v.toFixed(0)).join(', ')}; off ${off.map((v) => v.toFixed(0)).join(', ')}`,
  });
  return rows;
}
