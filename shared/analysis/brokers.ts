import type { ArcIndex } from './arc-index';

export interface Brokerage {
  /**
   * Burt's constraint: how much an actor's contacts are tied to each other (near 1: one closed
   * group; low: contacts in separate worlds, a broker). NaN for an actor with no contacts.
   */
  readonly constraint: Float64Array;
  /** Burt's effective size: contacts minus their redundancy (Borgatti's form). NaN if alone. */
  readonly effectiveSize: Float64Array;
}

/**
 * Constraint and effective size on the undirected, unweighted contact graph, as NetworkX's
 * `constraint` and `effective_size` compute them for such a graph: with p_ij = 1/degree(i),
 * c_i = sum over contacts j of (p_ij + sum over shared contacts q of p_iq * p_qj)^2, and
 * effective size = degree - 2 * (ties among the contacts) / degree.
 */
export function burtBrokerage(g: ArcIndex): Brokerage {
  const { n, outStart, outTo } = g;
  const constraint = new Float64Array(n);
  const effectiveSize = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const di = outStart[i + 1]! - outStart[i]!;
    if (di === 0) {
      constraint[i] = NaN;
      effectiveSize[i] = NaN;
      continue;
    }
    for (let p = outStart[i]!; p < outStart[i + 1]!; p++) mark[outTo[p]!] = i;
    let c = 0;
    let shared = 0;
    for (let p = outStart[i]!; p < outStart[i + 1]!; p++) {
      const j = outTo[p]!;
      let indirect = 0;
      for (let r = outStart[j]!; r < outStart[j + 1]!; r++) {
        const q = outTo[r]!;
        if (mark[q] === i) {
          indirect += 1 / (outStart[q + 1]! - outStart[q]!);
          shared++;
        }
      }
      const term = 1 / di + indirect / di;
      c += term * term;
    }
    constraint[i] = c;
    effectiveSize[i] = di - shared / di;
  }
  return { constraint, effectiveSize };
}
