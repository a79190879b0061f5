import { HttpError } from './json';

export interface HeavyReadOptions {
  /** Heavy reads of one room running at once; more answer 429 (default 2). */
  perRoom: number;
  /** Heavy reads of all rooms running at once; more answer 503 (default 8). */
  total: number;
  /** How long one read may take before it gives up with 503 (default 2 s). */
  budgetMs: number;
}

export const DEFAULT_HEAVY_READS: HeavyReadOptions = { perRoom: 2, total: 8, budgetMs: 2_000 };

/**
 * A heavy read's time budget. Work done in chunks calls `check()` between chunks (and `yield()`
 * to let the event loop serve others); past the deadline it throws a 503.
 */
export class ReadBudget {
  constructor(
    private readonly deadline: number,
    private readonly now: () => number,
  ) {}

  check(): void {
    if (this.now() > this.deadline)
      throw new HttpError(
        503,
        'This read took longer than the host allows; narrow it down or try again.',
        undefined,
        { 'Retry-After': '2' },
      );
  }

  /** Lets other requests and sockets run, then checks the budget. */
  async yield(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.check();
  }
}

/**
 * Bounds the reads that scan or decode a whole room (element search, version states): at most
 * `perRoom` at once per room and `total` overall, each within `budgetMs`. Over a limit the read is
 * refused at once (429 for the room, 503 for the host) rather than queued, so a flood costs
 * nothing but the refusal.
 */
export class HeavyReads {
  private readonly active = new Map<string, number>();
  private running = 0;
  private readonly options: HeavyReadOptions;

  constructor(
    options: Partial<HeavyReadOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_HEAVY_READS, ...options };
  }

  /** Reads running for `roomId` now (for diagnostics and tests). */
  activeFor(roomId: string): number {
    return this.active.get(roomId) ?? 0;
  }

  async run<T>(roomId: string, read: (budget: ReadBudget) => Promise<T> | T): Promise<T> {
    const forRoom = this.activeFor(roomId);
    if (forRoom >= this.options.perRoom)
      throw new HttpError(
        429,
        'Too many searches or version reads of this map at once; try again shortly.',
        undefined,
        { 'Retry-After': '1' },
      );
    if (this.running >= this.options.total)
      throw new HttpError(503, 'The host is busy; try again shortly.', undefined, {
        'Retry-After': '1',
      });
    this.active.set(roomId, forRoom + 1);
    this.running += 1;
    try {
      return await read(new ReadBudget(this.now() + this.options.budgetMs, this.now));
    } finally {
      this.running -= 1;
      const left = this.activeFor(roomId) - 1;
      if (left > 0) this.active.set(roomId, left);
      else this.active.delete(roomId);
    }
  }
}
