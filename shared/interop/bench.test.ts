import { expect, it } from 'vitest';
import { runInteropBench } from './bench';

// A small run keeps the unit suite fast; the full 10k/20k run is `runInteropBench()` (see bench.ts).
it('bench rows: import and export of GEXF and XLSX, each reading every record back', async () => {
  const rows = await runInteropBench({ elements: 500, connections: 1000 });
  expect(rows.map((r) => r.name)).toEqual([
    'export GEXF',
    'import GEXF',
    'export XLSX',
    'import XLSX',
  ]);
  for (const r of rows) expect(r.ms).toBeGreaterThanOrEqual(0);
  expect(rows[1]!.note).toBe('500 elements, 1000 connections read');
  expect(rows[3]!.note).toBe('500 elements, 1000 connections read');
});
