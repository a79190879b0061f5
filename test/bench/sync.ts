import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHost } from '../../canvas/server/host';
import { percentile, type BenchRow } from './table';

/**
 * Edit-to-remote-observer latency: one peer writes, every other peer reports when the edit
 * arrives (same machine clock). Over our peer mesh alone, over our host alone, and over bare
 * y-webrtc (no password, no host) as the baseline, for 2 and 8 peers.
 */

const PEER = resolve(import.meta.dirname, 'sync-peer.ts');
const EDITS = 60;
const GAP_MS = 25;

type Mode = 'p2p' | 'server' | 'baseline';

interface PeerHandle {
  child: ChildProcess;
  peers: number;
  ready: boolean;
}

function waitFor(cond: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  return new Promise((res, rej) => {
    const tick = () => {
      if (cond()) return res();
      if (Date.now() - start > timeoutMs) return rej(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

export async function benchSyncCase(origin: string, mode: Mode, n: number): Promise<number[]> {
  const res = await fetch(`${origin}/api/rooms`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  const room = (await res.json()) as { roomId: string; editSecret: string };
  const latencies: number[] = [];
  const seen = new Map<string, number>();
  const peers: PeerHandle[] = [];
  for (let i = 0; i < n; i++) {
    const child = fork(PEER, [mode, origin, room.roomId, room.editSecret], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const h: PeerHandle = { child, peers: 0, ready: false };
    child.on('message', (m: { type: string; n?: number; key?: string; ms?: number }) => {
      if (m.type === 'ready') h.ready = true;
      if (m.type === 'peers') h.peers = m.n ?? 0;
      if (m.type === 'seen' && m.key && typeof m.ms === 'number') {
        latencies.push(m.ms);
        seen.set(m.key, (seen.get(m.key) ?? 0) + 1);
      }
    });
    peers.push(h);
  }
  try {
    await waitFor(() => peers.every((p) => p.ready), `${mode} peers ready`);
    if (mode !== 'server')
      await waitFor(
        () => peers.every((p) => p.peers >= n - 1),
        `${mode} mesh of ${n}`,
        20_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}: peer counts ${peers.map((p) => p.peers).join(',')}`);
      });
    for (let i = 0; i < EDITS; i++) {
      peers[0]!.child.send({ type: 'edit', key: `k${i}` });
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    await waitFor(
      () => [...seen.values()].filter((c) => c >= n - 1).length >= EDITS,
      `${mode} edits delivered`,
      30_000,
    );
  } finally {
    for (const p of peers) {
      p.child.send({ type: 'exit' });
      p.child.kill();
    }
  }
  return latencies;
}

export async function benchSync(): Promise<BenchRow[]> {
  const host = await startHost({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'wm-bench-')),
    quiet: true,
  });
  // The same host without the durable update log (rooms stored only by the debounced snapshot,
  // as before #13), to show what writing every update before its acknowledgement costs.
  const noLog = await startHost({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'wm-bench-nolog-')),
    quiet: true,
    durableLog: false,
  });
  const origin = host.url.replace(/\/$/, '');
  const rows: BenchRow[] = [];
  try {
    for (const n of [2, 8]) {
      const base = await benchSyncCase(origin, 'baseline', n);
      const withoutLog = await benchSyncCase(noLog.url.replace(/\/$/, ''), 'server', n);
      for (const mode of ['p2p', 'server'] as const) {
        const lat = await benchSyncCase(origin, mode, n);
        if (mode === 'server')
          rows.push({
            group: 'sync',
            name: `edit→remote p95, ${n} peers, host, durable log on`,
            value: percentile(lat, 95),
            unit: 'ms',
            baseline: percentile(withoutLog, 95),
            baselineName: 'durable log off',
            ...(n === 8 ? { target: '≤ 50 ms' } : {}),
            note: `${lat.length} / ${withoutLog.length} observations`,
          });
        for (const p of [50, 95] as const)
          rows.push({
            group: 'sync',
            name: `edit→remote p${p}, ${n} peers, ${mode === 'p2p' ? 'peer mesh' : 'host'}`,
            value: percentile(lat, p),
            unit: 'ms',
            baseline: percentile(base, p),
            baselineName: 'bare y-webrtc',
            ...(p === 95 && n === 8 ? { target: '≤ 50 ms' } : {}),
            note: `${lat.length} observations`,
          });
      }
    }
  } finally {
    await Promise.all([host.close(), noLog.close()]);
  }
  return rows;
}
