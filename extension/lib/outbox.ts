/**
 * The durable outbox: every clip is written here first (extension storage, so it survives the
 * service worker being stopped and the browser being closed) and leaves only when the host has
 * stored it (200 or 201).
 *
 *  - No answer, a timeout, 408/425/429 or a 5xx: the clip stays `pending` and is tried again after
 *    an exponential backoff with jitter (see backoff.ts), capped at a few minutes.
 *  - Any other 4xx: the clip becomes `failed` with the host's reason and field errors, until the
 *    user fixes it (retry with a corrected clip) or discards it. It is never dropped silently.
 *  - Each clip keeps its `clipId` for life, so a retry of a clip the host stored but whose answer
 *    was lost is recognised by the host and never duplicated.
 *
 * One Outbox serialises its own storage writes. The background is the only writer; the popup
 * reads the same storage item to show what waits.
 */
import type { Clip } from '../../shared/clip/clip';
import type { FieldError } from '../../shared/schema/types';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { SendOutcome } from './host-api';

export type OutboxState = 'pending' | 'failed';

export interface OutboxEntry {
  readonly clip: Clip;
  /** The ConnectedMap the clip goes to (see maps.ts). */
  readonly mapKey: string;
  readonly state: OutboxState;
  /** Deliveries tried so far. */
  readonly attempts: number;
  /** Not before this time (ms since the epoch) for a pending clip. */
  readonly nextAttemptAt: number;
  readonly createdAt: number;
  /** Why the last try did not deliver it (the host's words for a refusal). */
  readonly lastError?: string;
  /** The HTTP status of a refusal. */
  readonly lastStatus?: number;
  /** Field-level problems the host reported with a refusal. */
  readonly fieldErrors?: readonly FieldError[];
}

/** Where the entries live: a WXT storage item (`storage.defineItem`) fits. */
export interface ValueStore<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

export interface OutboxOptions {
  readonly store: ValueStore<OutboxEntry[] | null>;
  /** Delivers one clip (looks up the map's address and secret; see host-api.ts postClip). */
  readonly send: (entry: OutboxEntry) => Promise<SendOutcome>;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  /** Most clips the outbox holds; one more is refused with OutboxFullError. */
  readonly maxEntries?: number;
  /** Called after every change with all entries (to set the badge and the wake-up alarm). */
  readonly onChange?: (entries: readonly OutboxEntry[]) => void;
  /** Called when a clip has been stored by the host. */
  readonly onDelivered?: (entry: OutboxEntry, outcome: SendOutcome & { kind: 'delivered' }) => void;
}

export interface FlushReport {
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

export class OutboxFullError extends Error {
  constructor(max: number) {
    super(
      `${max} clips are already waiting to be delivered. Reconnect to the host or discard failed clips first.`,
    );
    this.name = 'OutboxFullError';
  }
}

export const DEFAULT_MAX_ENTRIES = 500;

export class Outbox {
  private readonly opts: OutboxOptions;
  private readonly now: () => number;
  private readonly random: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  /** Clip ids being sent right now (not sent a second time by an overlapping flush). */
  private readonly sending = new Set<string>();
  private running: Promise<FlushReport> | null = null;
  private again: { all: boolean } | null = null;

  constructor(options: OutboxOptions) {
    this.opts = options;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Runs `fn` on the stored entries, one change at a time, and stores what it returns. */
  private mutate<T>(
    fn: (entries: OutboxEntry[]) => { entries?: OutboxEntry[]; value: T },
  ): Promise<T> {
    const run = this.queue.then(async () => {
      const current = (await this.opts.store.getValue()) ?? [];
      const { entries, value } = fn([...current]);
      if (entries !== undefined) {
        await this.opts.store.setValue(entries);
        this.opts.onChange?.(entries);
      }
      return value;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async list(): Promise<OutboxEntry[]> {
    await this.queue;
    return (await this.opts.store.getValue()) ?? [];
  }

  async get(clipId: string): Promise<OutboxEntry | undefined> {
    return (await this.list()).find((e) => e.clip.clipId === clipId);
  }

  /** Adds a clip (due now). A clip id already in the outbox is not added twice. */
  enqueue(clip: Clip, mapKey: string): Promise<OutboxEntry> {
    return this.mutate((entries) => {
      const existing = entries.find((e) => e.clip.clipId === clip.clipId);
      if (existing) return { value: existing };
      const max = this.opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
      if (entries.length >= max) throw new OutboxFullError(max);
      const now = this.now();
      const entry: OutboxEntry = {
        clip,
        mapKey,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      };
      return { entries: [...entries, entry], value: entry };
    });
  }

  /**
   * Makes a clip due now again (the popup's "Retry"), optionally replacing it with a corrected
   * version (same clip id: the host still recognises it). False if there is no such clip.
   */
  retry(clipId: string, corrected?: Clip, mapKey?: string): Promise<boolean> {
    if (corrected !== undefined && corrected.clipId !== clipId)
      return Promise.reject(new Error('A corrected clip keeps its clip id.'));
    return this.mutate((entries) => {
      const i = entries.findIndex((e) => e.clip.clipId === clipId);
      const e = entries[i];
      if (e === undefined) return { value: false };
      const next: OutboxEntry = {
        clip: corrected ?? e.clip,
        mapKey: mapKey ?? e.mapKey,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: this.now(),
        createdAt: e.createdAt,
      };
      entries[i] = next;
      return { entries, value: true };
    });
  }

  /** Removes a clip without delivering it (the popup's "Discard"). */
  discard(clipId: string): Promise<boolean> {
    return this.mutate((entries) => {
      const kept = entries.filter((e) => e.clip.clipId !== clipId);
      return kept.length === entries.length ? { value: false } : { entries: kept, value: true };
    });
  }

  /** When the next pending clip is due, or null when none waits. */
  async nextDueAt(): Promise<number | null> {
    return nextDue(await this.list());
  }

  /**
   * Sends every pending clip that is due (with `all`, every pending clip: after a browser start or
   * when the network comes back), one at a time, until none is due. Overlapping calls share one
   * run, which goes round once more for clips added meanwhile.
   */
  flush(options: { all?: boolean } = {}): Promise<FlushReport> {
    if (this.running) {
      this.again = { all: (this.again?.all ?? false) || (options.all ?? false) };
      return this.running;
    }
    const run = this.drain(options.all ?? false).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async drain(all: boolean): Promise<FlushReport> {
    let delivered = 0;
    let retrying = 0;
    let failed = 0;
    let sendAll = all;
    const tried = new Set<string>();
    for (;;) {
      const now = this.now();
      const due = (await this.list()).find(
        (e) =>
          e.state === 'pending' &&
          !this.sending.has(e.clip.clipId) &&
          !tried.has(e.clip.clipId) &&
          (sendAll || e.nextAttemptAt <= now),
      );
      if (due === undefined) {
        if (this.again === null) break;
        sendAll = this.again.all;
        this.again = null;
        tried.clear();
        continue;
      }
      tried.add(due.clip.clipId);
      const outcome = await this.sendOne(due);
      if (outcome === 'delivered') delivered += 1;
      else if (outcome === 'retry') retrying += 1;
      else if (outcome === 'failed') failed += 1;
    }
    return { delivered, retrying, failed };
  }

  private async sendOne(entry: OutboxEntry): Promise<'delivered' | 'retry' | 'failed' | 'gone'> {
    const id = entry.clip.clipId;
    this.sending.add(id);
    let outcome: SendOutcome;
    try {
      outcome = await this.opts.send(entry);
    } catch (error) {
      outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    } finally {
      this.sending.delete(id);
    }
    return this.mutate((entries) => {
      const i = entries.findIndex((e) => e.clip.clipId === id);
      const current = entries[i];
      // Discarded or replaced while it was on the way: the newer state wins.
      if (current === undefined) return { value: 'gone' as const };
      if (
        current.clip !== entry.clip &&
        JSON.stringify(current.clip) !== JSON.stringify(entry.clip)
      )
        return { value: 'gone' as const };
      if (outcome.kind === 'delivered') {
        entries.splice(i, 1);
        this.opts.onDelivered?.(current, outcome);
        return { entries, value: 'delivered' as const };
      }
      const attempts = current.attempts + 1;
      if (outcome.kind === 'retry') {
        entries[i] = {
          ...withoutRefusal(current),
          attempts,
          nextAttemptAt:
            this.now() +
            backoffDelay(
              attempts,
              this.random(),
              this.opts.backoff ?? DEFAULT_BACKOFF,
              outcome.retryAfterMs,
            ),
          lastError: outcome.reason,
        };
        return { entries, value: 'retry' as const };
      }
      entries[i] = {
        ...current,
        state: 'failed',
        attempts,
        lastError: outcome.reason,
        lastStatus: outcome.status,
        fieldErrors: [...outcome.errors],
      };
      return { entries, value: 'failed' as const };
    });
  }
}

function withoutRefusal(e: OutboxEntry): OutboxEntry {
  const { lastStatus: _s, fieldErrors: _f, ...rest } = e;
  return rest;
}

/** The earliest `nextAttemptAt` of the pending entries, or null. */
export function nextDue(entries: readonly OutboxEntry[]): number | null {
  let next: number | null = null;
  for (const e of entries)
    if (e.state === 'pending' && (next === null || e.nextAttemptAt < next)) next = e.nextAttemptAt;
  return next;
}

export function countByState(entries: readonly OutboxEntry[]): { pending: number; failed: number } {
  let pending = 0;
  let failed = 0;
  for (const e of entries)
    if (e.state === 'pending') pending += 1;
    else failed += 1;
  return { pending, failed };
}
