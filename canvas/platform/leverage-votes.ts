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

const channels = new WeakMap<object, LeverageVotesChannel>();

/** The channel of one open map (pass the map's `MapSession`, or any object that stands for it). */
export function leverageVotesOf(session: object): LeverageVotesChannel {
  let c = channels.get(session);
  if (!c) {
    c = new LeverageVotesChannel();
    channels.set(session, c);
  }
  return c;
}
