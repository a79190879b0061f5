import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { rssMiB, unauthenticatedFrame } from '../../canvas/server/testing/memory-attack';
import type { BenchRow } from './table';

/**
 * Host RSS after the memory attack of #13: 60 sockets each sending one 31 MiB frame to /sync
 * before authenticating (it took the host from 600 MB to 1.6 GB, never released). The host runs
 * as `weavemap serve` in its own process; its RSS is read from /proc before and after.
 */
export async function benchMemoryAttack(): Promise<BenchRow[]> {
  const bin = resolve(import.meta.dirname, '../../canvas/server/bin/weavemap.mjs');
  const data = mkdtempSync(join(tmpdir(), 'weavemap-bench-memory-'));
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', data], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((done, fail) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(line);
        if (line.startsWith('Weavemap is running at ') && m) done(m[0]);
      });
      child.once('exit', (code) => fail(new Error(`the host exited (${code})`)));
    });
    const port = Number(new URL(url).port);
    const before = rssMiB(child.pid!);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, () => unauthenticatedFrame(port, 31)),
    );
    const after = rssMiB(child.pid!);
    const health = await fetch(new URL('/api/health', url));
    return [
      {
        group: 'memory',
        name: 'host RSS after 60 × one 31 MiB frame on /sync before authenticating',
        value: after,
        unit: 'MiB',
        baseline: before,
        baselineName: 'before the attack',
        note: `${outcomes.filter((o) => o === 'closed').length} of 60 sockets dropped at the frame header; health ${health.status} after`,
      },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
