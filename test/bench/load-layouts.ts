// What the storage layout costs at load: the same map stored as schema v1 (a nested Y.Map per
// record) and as schema v2 (flat: a JSON key per record, `shared/schema/flat.ts`), decoded and
// read into a first snapshot (`new SnapshotTracker(doc)`, which reads both layouts), in one
// process, alternating; prints the median CPU time of each (GC threads included), so a busy
// machine can still compare them (read the ratio).
//   node --expose-gc --import tsx test/bench/load-layouts.ts [elements=10000] [rounds=5]
// docs/architecture.md, "Doc load".
import * as Y from 'yjs';
import { buildMap } from './load-map';
import { parseBase } from '../../shared/schema/flat';
import { SnapshotTracker } from '../../shared/schema/snapshot';

const n = Number(process.argv[2] ?? 10000);
const rounds = Number(process.argv[3] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** The map as the domain writes it now (schema v2, flat). */
const flat = buildMap(n);

/** The same records as schema v1 stored them: one Y.Map per record, a key per storage entry. */
function nested(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const root of ['elements', 'connections']) {
      const to = doc.getMap(root);
      flat.getMap(root).forEach((value, id) => {
        const entries = parseBase(value);
        if (entries) to.set(id, new Y.Map(Object.entries(entries)));
      });
    }
  });
  return doc;
}

const v1 = nested();
const layouts: { name: string; update: Uint8Array; apply: (d: Y.Doc, u: Uint8Array) => void }[] = [
  { name: 'v1 nested', update: Y.encodeStateAsUpdate(v1), apply: Y.applyUpdate },
  { name: 'v1 nested, V2 enc.', update: Y.encodeStateAsUpdateV2(v1), apply: Y.applyUpdateV2 },
  { name: 'v2 flat', update: Y.encodeStateAsUpdate(flat), apply: Y.applyUpdate },
];

const cpu = (c0: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const samples = new Map(
  layouts.map((l) => [l.name, { decode: [] as number[], load: [] as number[] }]),
);
const keep: unknown[] = [];
for (let r = 0; r < rounds; r++)
  for (const l of layouts) {
    keep.length = 0;
    gc();
    gc();
    const c0 = process.cpuUsage();
    const doc = new Y.Doc();
    l.apply(doc, l.update);
    const decode = cpu(c0);
    const tracker = new SnapshotTracker(doc);
    const load = cpu(c0);
    keep.push(doc, tracker);
    samples.get(l.name)!.decode.push(decode);
    samples.get(l.name)!.load.push(load);
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const items = (doc: Y.Doc) => {
  let structs = 0;
  doc.store.clients.forEach((s) => (structs += s.length));
  return structs;
};
console.log(
  `${n} elements, ${2 * n} connections; Yjs items: v1 ${items(v1)}, v2 ${items(flat)}; ${rounds} rounds`,
);
const base = median(samples.get(layouts[0]!.name)!.load);
for (const l of layouts) {
  const s = samples.get(l.name)!;
  console.log(
    `${l.name.padEnd(19)} ${(l.update.byteLength / 1024).toFixed(0).padStart(6)} KiB  decode CPU ${median(s.decode).toFixed(0).padStart(5)} ms  decode + first snapshot CPU ${median(s.load).toFixed(0).padStart(5)} ms (${(median(s.load) / base).toFixed(2)}×)`,
  );
}
