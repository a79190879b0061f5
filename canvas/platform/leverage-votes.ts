import { serviceId, type ServiceContainer, type ServiceId } from './services';

/**
 * The group's dot-vote totals for the Leverage ranking, shared between features of one open map
 * without one feature importing another: facilitation (canvas/contrib/session) publishes the
 * revealed results, the analysis views subscribe and pass them to `rankLeverage` as `votes`.
 */
export type VoteTotals = ReadonlyMap<string, number>;

export class LeverageVotesChannel {
  #totals: VoteTotals = new Map();
  readonly #listeners = new Set<(totals: VoteTotals) => void>();

  get totals(): VoteTotals {
    return this.#totals;
  }

  /** Publishes new totals (nothing happens when they are the same as before). */
  publish(totals: VoteTotals): void {
    if (sameTotals(this.#totals, totals)) return;
    this.#totals = new Map(totals);
    for (const l of this.#listeners) l(this.#totals);
  }

  /** Hears the current totals at once, then every change. Returns a function that stops it. */
  subscribe(listener: (totals: VoteTotals) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#totals);
    return () => this.#listeners.delete(listener);
  }
}

function sameTotals(a: VoteTotals, b: VoteTotals): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** The channel's id in a map's service container (`wb.services`). */
export const LEVERAGE_VOTES: ServiceId<LeverageVotesChannel> = serviceId('leverageVotes');

/** The channel of one open map, from its service container (made by whichever end asks first). */
export function leverageVotesOf(services: ServiceContainer): LeverageVotesChannel {
  return services.getOrCreate(LEVERAGE_VOTES, () => new LeverageVotesChannel());
}
