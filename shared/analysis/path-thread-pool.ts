import type { PathReply, PathRequest } from './path-threads';
import { PathThreadClient } from './path-threads';

/** One helper as its environment makes it: a Web Worker, a Node worker thread, ... */
export interface HelperPort {
  post(request: PathRequest): void;
  /** Hands over the helper's replies, and tells when the helper itself fails or exits. */
  listen(onReply: (reply: PathReply) => void, onFailure: (error: Error) => void): void;
  terminate(): void | Promise<unknown>;
}

interface Slot {
  readonly client: PathThreadClient;
  readonly port: HelperPort;
}

export interface PathThreadPoolOptions {
  /** Helpers started to replace ones that failed, over the pool's life. Default: its size. */
  readonly restarts?: number;
  /** See `PathThreadClient`. */
  readonly stallMs?: number;
}

/**
 * Helpers for the betweenness searches, started when first asked for and kept. A helper that
 * fails or is stopped is ended and, while restarts are left, replaced on the next ask; after
 * that the pool shrinks, down to no helper at all (the searches then stay on the asking thread).
 */
export class PathThreadPool {
  readonly #create: (index: number) => HelperPort;
  /** Each helper, null before it starts, 'retired' once it failed with no restart left. */
  readonly #slots: (Slot | null | 'retired')[];
  #restarts: number;
  readonly #stallMs: number | undefined;
  #unavailable = false;
  #started = 0;

  constructor(
    create: (index: number) => HelperPort,
    readonly size: number,
    options: PathThreadPoolOptions = {},
  ) {
    this.#create = create;
    this.#slots = Array.from({ length: Math.max(0, size) }, () => null);
    this.#restarts = options.restarts ?? size;
    this.#stallMs = options.stallMs;
  }

  /** Helpers started so far (replacements included). */
  get started(): number {
    return this.#started;
  }

  /** Up to `max` working helpers, starting any that are missing. */
  threads(max = this.size): PathThreadClient[] {
    const out: PathThreadClient[] = [];
    for (let i = 0; i < this.#slots.length && out.length < max; i++) {
      let slot: Slot | null | 'retired' = this.#slots[i] ?? null;
      if (slot === 'retired') continue;
      if (slot?.client.broken) {
        if (this.#restarts <= 0) {
          this.#slots[i] = 'retired';
          continue;
        }
        this.#restarts--;
        slot = null;
      }
      slot ??= this.#start(i);
      if (slot) out.push(slot.client);
    }
    return out;
  }

  #start(index: number): Slot | null {
    if (this.#unavailable) return null;
    let port: HelperPort;
    try {
      port = this.#create(index);
    } catch {
      // This environment cannot start helpers (no workers inside workers, say).
      this.#unavailable = true;
      return null;
    }
    this.#started++;
    const client = new PathThreadClient((request) => port.post(request), {
      ...(this.#stallMs !== undefined ? { stallMs: this.#stallMs } : {}),
      onStop: () => void port.terminate(),
    });
    port.listen(
      (reply) => client.receive(reply),
      (error) => client.stop(error),
    );
    return (this.#slots[index] = { client, port });
  }

  /** Ends every helper. */
  async close(): Promise<void> {
    const ports = this.#slots.flatMap((s) => (s && s !== 'retired' ? [s.port] : []));
    this.#slots.fill(null);
    this.#restarts = 0;
    await Promise.all(ports.map((p) => p.terminate()));
  }
}
