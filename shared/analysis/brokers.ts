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

/** Most pairs of a broker's contacts do not know each other: its local clustering is below this. */
export const BROKER_MAX_CLUSTERING = 0.5;

export interface BrokerCheck {
  /** Ties among the contacts (from effective size: t = (degree - effective size) * degree / 2). */
  readonly tiesAmong: number;
  /** Pairs of contacts: degree * (degree - 1) / 2. */
  readonly pairs: number;
  /** Local clustering: tiesAmong / pairs (0: no two contacts know each other). */
  readonly clustering: number;
  /** At least two contacts, and most pairs of them not tied: someone who links separate people. */
  readonly isBroker: boolean;
  /** "none of whom know each other", "only 2 of whose 10 pairs know each other". */
  readonly phrase: string;
}

/**
 * Whether an actor brokers: a broker's contacts are poorly connected among themselves (local
 * clustering below one half), so the actor is the link between them. Someone whose contacts
 * mostly know each other already brokers nothing and is not listed.
 */
export function brokerCheck(degree: number, effectiveSize: number): BrokerCheck {
  const pairs = (degree * (degree - 1)) / 2;
  const tiesAmong =
    degree > 0 && Number.isFinite(effectiveSize)
      ? Math.max(0, Math.round(((degree - effectiveSize) * degree) / 2))
      : 0;
  const clustering = pairs > 0 ? tiesAmong / pairs : 0;
  const isBroker = degree >= 2 && clustering < BROKER_MAX_CLUSTERING;
  const phrase =
    tiesAmong === 0
      ? degree === 2
        ? 'neither of whom knows the other'
        : 'none of whom know each other'
      : `only ${tiesAmong} of the ${pairs} pairs among them know each other`;
  return { tiesAmong, pairs, clustering, isBroker, phrase };
}
