import * as Y from 'yjs';
import { checkMapChanges, type DocChange, type KeyChange } from '../schema/contract';
import { MAP_ROOT_KEYS, SESSION_ROOT_KEYS } from '../schema/roots';
import { checkSessionChanges } from '../session/contract';

type MapInternals = Map<string, { deleted: boolean; content: { getContent(): unknown[] } }>;

/**
 * A replaced or deleted value as plain data. A Y.Map deleted in this transaction reads as
 * empty through its API, so its fields are read from its last items, which still hold their
 * content while observers run.
 */
function plainOld(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const out: Record<string, unknown> = {};
    (value as unknown as { _map: MapInternals })._map.forEach((item, key) => {
      const last = item.content.getContent().at(-1);
      out[key] = last instanceof Y.AbstractType ? (last.toJSON() as unknown) : last;
    });
    return out;
  }
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
}

/** Who sent an update: facilitators may write the facilitation state, editors may not. */
export type WriterRole = 'edit' | 'facilitator';

const TRIAL = Symbol('update-guard-trial');
const WATCHED_ROOTS: readonly string[] = [...MAP_ROOT_KEYS, ...SESSION_ROOT_KEYS];

/**
 * Checks Yjs updates against the document contract before they reach a document.
 *
 * Yjs cannot take an update back, so an update is tried on a *shadow*: a second Y.Doc that holds
 * what the real document holds (it is built from it and is sent every update the real one
 * applies). What the trial changed is collected from Yjs's own events (the root, the path and
 * the keys, with their old values), and checked record by record in the state it leaves
 * (`checkMapChanges`, `checkSessionChanges`). An accepted update stays in the shadow (the real
 * document is about to apply it; applying it again is a no-op); after a refused one the shadow
 * no longer matches and is rebuilt from the real document at the next check.
 *
 * Cost: one more copy of each room being written to in memory, and each update applied twice
 * (measured in test/bench: "update check").
 */
export class UpdateGuard {
  readonly #source: Y.Doc;
  #shadow: Y.Doc | null = null;
  #collecting: DocChange[] | null = null;
  /** How long building the shadow took last time (ms): what the next rebuild will cost. */
  lastBuildMs = 0;
  /** Bumped whenever the shadow is rebuilt, so that `mirror` knows what an accepted trial covers. */
  #generation = 0;

  constructor(source: Y.Doc) {
    this.#source = source;
  }

  /**
   * Why the update is refused for this role, or null when it may be applied. An accepted update
   * is in the shadow already (see `acceptedToken`).
   */
  check(update: Uint8Array, role: WriterRole): string | null {
    const shadow = this.#ensureShadow();
    const changes: DocChange[] = [];
    this.#collecting = changes;
    try {
      Y.applyUpdate(shadow, update, TRIAL);
    } catch {
      this.#drop();
      return 'The update could not be read.';
    } finally {
      this.#collecting = null;
    }
    const refusal =
      changes.length === 0
        ? null
        : (checkSessionChanges(shadow, changes, role === 'facilitator') ??
          checkMapChanges(shadow, changes));
    if (refusal) this.#drop();
    else this.#lastAccepted = this.#generation;
    return refusal;
  }

  #lastAccepted = -1;

  /**
   * Which shadow the last accepted update went into: pass it to `mirror` with that same update
   * when the real document applies it, so it is not applied to the shadow a second time.
   */
  acceptedToken(): number {
    return this.#lastAccepted;
  }

  /**
   * Keeps the shadow in step: call with every update the real document applied. `token`: what
   * `acceptedToken()` said right after this update was checked, if it was.
   */
  mirror(update: Uint8Array, token?: number): void {
    if (!this.#shadow || token === this.#generation) return;
    try {
      Y.applyUpdate(this.#shadow, update);
    } catch {
      this.#drop();
    }
  }

  /** Frees the shadow (it is rebuilt on the next check). */
  destroy(): void {
    this.#drop();
  }

  #drop(): void {
    this.#shadow?.destroy();
    this.#shadow = null;
    this.#generation += 1;
  }

  #ensureShadow(): Y.Doc {
    if (this.#shadow) return this.#shadow;
    const started = performance.now();
    const shadow = new Y.Doc({ gc: true });
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.#source));
    for (const name of WATCHED_ROOTS) {
      shadow.getMap(name).observeDeep((events) => {
        const collecting = this.#collecting;
        if (!collecting) return;
        for (const event of events) {
          // Read now: Yjs computes `changes` lazily, and deleted content is collected after
          // the observers have run.
          const keys = new Map<string, KeyChange>();
          for (const [key, change] of event.changes.keys)
            keys.set(key, { action: change.action, oldValue: plainOld(change.oldValue) });
          collecting.push({ root: name, path: event.path, keys });
        }
      });
    }
    this.#shadow = shadow;
    this.lastBuildMs = performance.now() - started;
    return shadow;
  }
}
