// Measures loading one map document, in a fresh process (run with --expose-gc):
//   node --expose-gc --import tsx test/bench/load-child.ts <elements>
// Prints JSON: { loadMs, loadCpuMs, decodeMs, firstLoadMs, heapBytes, jsonMs, jsonHeapBytes,
// updateBytes } (medians of 5; loadCpuMs is the process's CPU time, GC threads included, which
// a busy machine disturbs less than the wall clock; decodeMs is the Y.applyUpdate part).
import * as Y from 'yjs';
import { SnapshotTracker } from '../../shared/schema/snapshot';
import { readSnapshot } from '../../shared/schema/snapshot';
import { buildMap } from './load-map';
import { serializeNative } from '../../shared/interop/native';

const n = Number(process.argv[2] ?? 1000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const source = buildMap(n);
const update = Y.encodeStateAsUpdate(source);
const json = serializeNative(readSnapshot(source));
source.destroy();

function measure(fn: () => unknown): { ms: number; cpuMs: number; heap: number; keep: unknown } {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const keep = fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  gc();
  gc();
  const heap = process.memoryUsage().heapUsed - before;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, heap, keep };
}

const runs: {
  loadMs: number;
  loadCpuMs: number;
  decodeMs: number;
  heapBytes: number;
  jsonMs: number;
  jsonHeapBytes: number;
}[] = [];
for (let r = 0; r < 5; r++) {
  let decodeMs = 0;
  const y = measure(() => {
    const t0 = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    decodeMs = performance.now() - t0;
    return new SnapshotTracker(doc);
  });
  const j = measure(() => {
    const parsed = JSON.parse(json) as {
      elements: { id: string }[];
      connections: { id: string }[];
    };
    return [
      new Map(parsed.elements.map((e) => [e.id, e])),
      new Map(parsed.connections.map((c) => [c.id, c])),
    ];
  });
  runs.push({
    loadMs: y.ms,
    loadCpuMs: y.cpuMs,
    decodeMs,
    heapBytes: y.heap,
    jsonMs: j.ms,
    jsonHeapBytes: j.heap,
  });
  void y.keep;
  void j.keep;
}
const median = (k: keyof (typeof runs)[number]) => runs.map((x) => x[k]).sort((a, b) => a - b)[2]!;
console.log(
  JSON.stringify({
    loadMs: median('loadMs'),
    loadCpuMs: median('loadCpuMs'),
    decodeMs: median('decodeMs'),
    firstLoadMs: runs[0]!.loadMs,
    heapBytes: median('heapBytes'),
    jsonMs: median('jsonMs'),
    jsonHeapBytes: median('jsonHeapBytes'),
    updateBytes: update.byteLength,
  }),
);
