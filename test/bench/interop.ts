import { readSnapshot } from '../../shared/schema/snapshot';
import { parseNative, serializeNative } from '../../shared/interop/native';
import type { MapSnapshot } from '../../shared/schema/types';
import { importGexf, exportGexf } from '../../shared/interop/gexf';
import { exportKumuXlsx, importKumuXlsx } from '../../shared/interop/kumu-xlsx';
import type { ImportResult } from '../../shared/interop/model';
import { generatedMap } from '../../shared/interop/sample-maps';

/**
 * Import and export of a large generated map (10,000 elements, 20,000 connections, seeded) as
 * GEXF and as an Excel workbook. Target: each step within 3 s. Run with
 * `node --expose-gc --import tsx -e "import('./test/bench/interop.ts').then(async (b) => console.table(await b.runInteropBench()))"`.
 */

export interface BenchRow {
  readonly name: string;
  readonly ms: number;
  /** The same map through the native JSON format, measured in the same run. */
  readonly baselineMs?: number;
  readonly note: string;
}

async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  // With `node --expose-gc`, start each step with a clean heap, so one step does not pay for
  // collecting the previous one's garbage (generating the map makes a lot).
  (globalThis as { gc?: () => void }).gc?.();
  const t = performance.now();
  const v = await fn();
  return [v, Math.round(performance.now() - t)];
}

function counted(r: ImportResult): string {
  if (!r.ok) throw new Error(`bench import refused: ${r.problems[0]?.message}`);
  return `${r.map.elements.length} elements, ${r.map.connections.length} connections read`;
}

export async function runInteropBench(
  opts: { elements?: number; connections?: number; seed?: number } = {},
): Promise<BenchRow[]> {
  const elements = opts.elements ?? 10_000;
  const connections = opts.connections ?? 20_000;
  const snapshot: MapSnapshot = readSnapshot(
    generatedMap(elements, connections, opts.seed ?? 7).doc,
  );
  const rows: BenchRow[] = [];
  // Baseline: the native format (JSON.stringify / JSON.parse + validation) of the same map.
  const [nativeText, nativeOut] = await timed(() => serializeNative(snapshot));
  const [, nativeIn] = await timed(() => parseNative(JSON.parse(nativeText)));
  const [gexf, gexfOut] = await timed(() => exportGexf(snapshot));
  rows.push({
    name: 'export GEXF',
    ms: gexfOut,
    baselineMs: nativeOut,
    note: `${(gexf.length / 1024 / 1024).toFixed(1)} MB of XML`,
  });
  const [gexfIn, gexfInMs] = await timed(() => importGexf(gexf));
  rows.push({ name: 'import GEXF', ms: gexfInMs, baselineMs: nativeIn, note: counted(gexfIn) });
  const [xlsx, xlsxOut] = await timed(() => exportKumuXlsx(snapshot));
  rows.push({
    name: 'export XLSX',
    ms: xlsxOut,
    baselineMs: nativeOut,
    note: `${(xlsx.length / 1024 / 1024).toFixed(1)} MB workbook`,
  });
  const [xlsxIn, xlsxInMs] = await timed(() => importKumuXlsx(xlsx));
  rows.push({ name: 'import XLSX', ms: xlsxInMs, baselineMs: nativeIn, note: counted(xlsxIn) });
  return rows;
}
