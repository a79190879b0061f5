import * as Y from 'yjs';
import { addElements, connect, moveElements } from '../../shared/domain/index';
import type { EditContext } from '../../shared/domain/context';
import { UpdateGuard } from '../../shared/sync/update-guard';
import { percentile, type BenchRow } from './table';

/**
 * The host's update check (shared/sync/update-guard.ts) on a room of about 2 MB: what one edit
 * costs to check beside what applying it costs anyway, and what a whole-map upload costs.
 */

const MOVES = 300;

function buildRoom(): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  const ctx: EditContext = { doc, origin: 'bench', userId: 'bench' };
  const ids: string[] = [];
  // ~2 MB: elements with a description, and twice as many connections.
  while (Y.encodeStateAsUpdate(doc).byteLength < 2_000_000) {
    const batch = addElements(
      ctx,
      Array.from({ length: 500 }, (_, i) => ({
        kind: 'factor' as const,
        label: `Factor ${ids.length + i}`,
        description: 'A factor of the system, described in a sentence or two for the bench.',
        tags: ['bench', 'soil'],
        position: [(ids.length + i) * 10, i * 7] as const,
      })),
    );
    ids.push(...batch);
    for (let i = 0; i < batch.length; i++)
      for (const step of [1, 7])
        connect(ctx, {
          from: batch[i]!,
          to: batch[(i + step) % batch.length]!,
          kind: 'causal',
          polarity: '+',
        });
  }
  return { doc, ids };
}

export function benchContract(): BenchRow[] {
  const { doc, ids } = buildRoom();
  const full = Y.encodeStateAsUpdate(doc);
  const mib = (full.byteLength / 1024 / 1024).toFixed(1);

  // A whole-map upload into an empty room (an import, a first sync from an offline copy).
  const emptyRoom = new Y.Doc();
  let t = performance.now();
  const uploadRefusal = new UpdateGuard(emptyRoom).check(full, 'edit');
  const uploadCheck = performance.now() - t;
  if (uploadRefusal) throw new Error(`bench room refused: ${uploadRefusal}`);
  t = performance.now();
  Y.applyUpdate(new Y.Doc(), full);
  const uploadApply = performance.now() - t;

  // Single moves by an editor, as a drag sends them.
  const room = new Y.Doc();
  Y.applyUpdate(room, full);
  t = performance.now();
  const guard = new UpdateGuard(room);
  guard.check(new Uint8Array([0, 0]), 'edit'); // builds the shadow
  const shadowBuild = performance.now() - t;
  const writer = new Y.Doc();
  Y.applyUpdate(writer, full);
  const ctx: EditContext = { doc: writer, origin: 'bench', userId: 'writer' };
  const checks: number[] = [];
  const applies: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    const before = Y.encodeStateVector(writer);
    moveElements(ctx, [[ids[i % ids.length]!, [i, -i]]]);
    const update = Y.encodeStateAsUpdate(writer, before);
    t = performance.now();
    const refusal = guard.check(update, 'edit');
    checks.push(performance.now() - t);
    if (refusal) throw new Error(`bench move refused: ${refusal}`);
    t = performance.now();
    Y.applyUpdate(room, update);
    applies.push(performance.now() - t);
    guard.mirror(update, guard.acceptedToken());
  }
  return [
    {
      group: 'contract',
      name: `update check, one move (p95, ${mib} MB room, ${ids.length} elements)`,
      value: percentile(checks, 95),
      unit: 'ms',
      baseline: percentile(applies, 95),
      baselineName: 'applying it',
      note: `p50 ${percentile(checks, 50).toFixed(2)} ms; added to edit→remote latency through the host`,
    },
    {
      group: 'contract',
      name: `update check, whole-map upload (${mib} MB)`,
      value: uploadCheck,
      unit: 'ms',
      baseline: uploadApply,
      baselineName: 'applying it',
    },
    {
      group: 'contract',
      name: `shadow copy built at a room's first write (${mib} MB)`,
      value: shadowBuild,
      unit: 'ms',
      note: 'once per loaded room, and after each refused update',
    },
  ];
}
