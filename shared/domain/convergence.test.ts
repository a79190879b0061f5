import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { connectionsMap, elementsMap } from '../schema/doc';
import { readSnapshot } from '../schema/snapshot';
import { exportNative } from '../interop/native';
import {
  addElement,
  connect,
  moveElements,
  removeConnections,
  removeElements,
  updateElement,
  type EditContext,
} from './index';
import { DomainError } from './context';
import { testContext } from './test-context';
import { seededRandom } from '../analysis/rng';

/**
 * Three replicas each apply random domain operations while receiving each other's updates
 * late, out of order and more than once. They must converge to the same map, and the map must
 * keep the schema's invariants (no visible connection to a missing element).
 */

type Rng = () => number;

function randomOp(ctx: EditContext, rng: Rng): void {
  // The ids straight from the doc (a full snapshot per operation would dominate the run).
  const ids = [...elementsMap(ctx.doc).keys()];
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rng() * xs.length)];
  const r = rng();
  let op = 'removeConnections';
  try {
    if (r < 0.3 || ids.length < 2) {
      op = 'addElement';
      addElement(ctx, {
        kind: pick(['factor', 'actor', 'note'] as const) ?? 'factor',
        label: `n${Math.floor(rng() * 1e6)}`,
        position: [Math.floor(rng() * 1000), Math.floor(rng() * 1000)],
      });
    } else if (r < 0.5) {
      op = 'connect';
      const from = pick(ids) as string;
      const to = pick(ids.filter((i) => i !== from)) as string;
      connect(ctx, { from, to, kind: 'causal', polarity: rng() < 0.5 ? '+' : '-' });
    } else if (r < 0.75) {
      op = 'updateElement';
      if (r < 0.65)
        updateElement(ctx, pick(ids) as string, { label: `l${Math.floor(rng() * 1e6)}` });
      else updateElement(ctx, pick(ids) as string, { description: `d${Math.floor(rng() * 1e6)}` });
    } else if (r < 0.85) {
      op = 'moveElements';
      moveElements(ctx, [
        [pick(ids) as string, [Math.floor(rng() * 500), Math.floor(rng() * 500)]],
      ]);
    } else if (r < 0.95) {
      op = 'removeElements';
      removeElements(ctx, [pick(ids) as string]);
    } else {
      const cid = pick([...connectionsMap(ctx.doc).keys()]);
      if (!cid) return;
      removeConnections(ctx, [cid]);
    }
    done.set(op, (done.get(op) ?? 0) + 1);
  } catch (error) {
    // Only a refusal by the domain's own rules (a DomainError with field messages) is expected;
    // anything else (a TypeError, a RangeError from Yjs, ...) is a bug and fails the property.
    if (!(error instanceof DomainError)) throw error;
  }
}

/** Operations that ran without being refused, by domain function, since the last reset. */
const done = new Map<string, number>();

function simulate(seed: number, opsEach: number) {
  const rng = seededRandom(seed);
  const replicas = ['a', 'b', 'c'].map((u) => testContext(u));
  const inbox: Uint8Array[][] = replicas.map(() => []);
  replicas.forEach((ctx, i) => {
    ctx.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      replicas.forEach((_, j) => {
        if (j !== i) inbox[j]?.push(update);
      });
    });
  });
  const deliverSome = (j: number) => {
    const box = inbox[j] as Uint8Array[];
    // Deliver a random subset in random order; sometimes duplicate, sometimes keep for later.
    const n = Math.floor(rng() * (box.length + 1));
    for (let k = 0; k < n; k++) {
      const idx = Math.floor(rng() * box.length);
      const u = box[idx] as Uint8Array;
      Y.applyUpdate(replicas[j]!.doc, u, 'remote');
      if (rng() < 0.8) box.splice(idx, 1); // else: delivered again later (a duplicate)
    }
  };
  for (let step = 0; step < opsEach; step++) {
    replicas.forEach((ctx, j) => {
      randomOp(ctx, rng);
      if (rng() < 0.3) deliverSome(j);
    });
  }
  // Finally everything arrives (in a shuffled order, with duplicates).
  replicas.forEach((ctx, j) => {
    const box = inbox[j] as Uint8Array[];
    const all = [...box, ...box.slice(0, 5)].sort(() => rng() - 0.5);
    for (const u of all) Y.applyUpdate(ctx.doc, u, 'remote');
  });
  return replicas.map((r) => readSnapshot(r.doc));
}

/** Checks that the replicas converged and the map keeps the schema's invariants. */
function expectConverged(snaps: ReturnType<typeof simulate>): void {
  const json = snaps.map((s) => JSON.stringify(exportNative(s, new Date(0))));
  // Compare without printing megabytes on failure.
  expect(json[1] === json[0], 'replica b differs from a').toBe(true);
  expect(json[2] === json[0], 'replica c differs from a').toBe(true);
  const s = snaps[0]!;
  for (const c of s.connections.values()) {
    expect(s.elements.has(c.from)).toBe(true);
    expect(s.elements.has(c.to)).toBe(true);
  }
  expect(s.elements.size).toBeGreaterThan(0);
}

const OPS = [
  'addElement',
  'connect',
  'updateElement',
  'moveElements',
  'removeElements',
  'removeConnections',
];

/** Seeds kept because they once found something, or cover a corner (a seed of 1, the largest). */
const REGRESSION_SEEDS = [1, 42, 2024, 1_234_567, 987_654_321, 2 ** 31 - 1];

describe('convergence under out-of-order, duplicated delivery', () => {
  it.each(REGRESSION_SEEDS)(
    '3 replicas x 300 operations converge (seed %i)',
    (seed) => {
      done.clear();
      expectConverged(simulate(seed, 300));
      // Every kind of operation must really run: a domain that refused everything converges too.
      for (const op of OPS) expect(done.get(op) ?? 0, `${op} never ran`).toBeGreaterThan(10);
    },
    // Generous: out-of-order delivery makes Yjs retry pending updates, and a busy machine is slow.
    300_000,
  );

  it('50 random seeds: 3 replicas x 80 operations converge with invariants intact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        expectConverged(simulate(seed, 80));
      }),
      { numRuns: 50 },
    );
  }, 600_000);
});
