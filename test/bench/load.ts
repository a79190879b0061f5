import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BenchRow } from './table';

/**
 * Time and heap to load a map document of 1k, 5k and 10k elements (2 connections each): decode
 * the stored Yjs update and build the snapshot the UI reads. Baseline: parsing the same map
 * from plain JSON into Maps, the floor any format pays. Each size in a fresh process.
 */
export function benchLoad(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const n of [1000, 5000, 10000]) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', resolve(import.meta.dirname, 'load-child.ts'), String(n)],
      { encoding: 'utf8' },
    );
    const r = JSON.parse(out.trim().split('\n').pop() as string) as {
      loadMs: number;
      loadCpuMs: number;
      decodeMs: number;
      firstLoadMs: number;
      heapBytes: number;
      jsonMs: number;
      jsonHeapBytes: number;
      updateBytes: number;
    };
    const label = `${n / 1000}k elements`;
    rows.push({
      group: 'load',
      name: `load ${label} (decode + snapshot)`,
      value: r.loadMs,
      unit: 'ms',
      baseline: r.jsonMs,
      baselineName: 'JSON.parse',
      ...(n >= 5000 ? { target: '≤ 300 ms' } : {}),
      note:
        `median of 5; first ${r.firstLoadMs.toFixed(0)} ms; decode ${r.decodeMs.toFixed(0)} ms; ` +
        `CPU ${r.loadCpuMs.toFixed(0)} ms; doc ${(r.updateBytes / 1024).toFixed(0)} KiB`,
    });
    rows.push({
      group: 'load',
      name: `heap ${label}`,
      value: r.heapBytes / 1048576,
      unit: 'MiB',
      baseline: r.jsonHeapBytes / 1048576,
      baselineName: 'JSON.parse',
    });
  }
  return rows;
}
