// What the storage layout costs at load: decodes the same map stored four ways, in one process,
// alternating, and prints the median CPU time of each (GC threads included).
//   node --expose-gc --import tsx test/bench/load-layouts.ts [elements=10000] [rounds=5]
//
//  - current: one Y.Map per record, one key per stored field (shared/schema/doc.ts), V1 update
//  - current, V2: the same document as Y.encodeStateAsUpdateV2
//  - initial packed: one Y.Map per record holding one key with every field as created (edits
//    would be keys of their own, overriding it): what a schema v2 could store
//  - flat: no Y.Map per record; each record one key of its parent map (edits would be
//    `<id>.<field>` keys of the same map)
// Decoding only: none of the alternatives has a reader. This is an experiment to choose a layout
// by (docs/architecture.md, "Doc load"); the canvas stores `current`.
import * as Y from 'yjs';
import { buildMap } from './load-map';

const n = Number(process.argv[2] ?? 10000);
const rounds = Number(process.argv[3] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const source = buildMap(n);
const roots = ['elements', 'connections'] as const;

function relayout(flat: boolean): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const root of roots) {
      const to = doc.getMap(root);
      source.getMap<Y.Map<unknown>>(root).forEach((record, id) => {
        const packed = Object.entries(record.toJSON()).flat();
        if (flat) to.set(id, packed);
        else to.set(id, new Y.Map([['_i', packed]]));
      });
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

const layouts: { name: string; update: Uint8Array; apply: (d: Y.Doc, u: Uint8Array) => void }[] = [
  { name: 'current', update: Y.encodeStateAsUpdate(source), apply: Y.applyUpdate },
  { name: 'current, V2', update: Y.encodeStateAsUpdateV2(source), apply: Y.applyUpdateV2 },
  { name: 'initial packed', update: relayout(false), apply: Y.applyUpdate },
  { name: 'flat', update: relayout(true), apply: Y.applyUpdate },
];

const samples = new Map(layouts.map((l) => [l.name, [] as number[]]));
for (let r = 0; r < rounds; r++)
  for (const l of layouts) {
    gc();
    gc();
    const c0 = process.cpuUsage();
    const doc = new Y.Doc();
    l.apply(doc, l.update);
    const c = process.cpuUsage(c0);
    samples.get(l.name)!.push((c.user + c.system) / 1000);
    doc.destroy();
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let structs = 0;
source.store.clients.forEach((s) => (structs += s.length));
console.log(`${n} elements, ${2 * n} connections; the current layout has ${structs} Yjs items`);
for (const l of layouts) {
  console.log(
    `${l.name.padEnd(15)} ${(l.update.byteLength / 1024).toFixed(0).padStart(6)} KiB  decode CPU ${median(samples.get(l.name)!).toFixed(0).padStart(5)} ms`,
  );
}
