import type * as Y from 'yjs';
import { actionsMap, readSessionSnapshot, reflectionsMap, sessionMap, votesMap } from './layout';
import type { SessionSnapshot } from './types';

export { readSessionSnapshot } from './layout';

export interface SessionChange {
  readonly snapshot: SessionSnapshot;
  readonly origin: unknown;
  readonly local: boolean;
}

/**
 * Keeps a `SessionSnapshot` in step with a document, like `SnapshotTracker` does for the map:
 * subscribers get a new immutable snapshot after each transaction that touched the facilitation
 * state (the session state is small, so it is re-read whole).
 */
export class SessionTracker {
  #doc: Y.Doc;
  #snapshot: SessionSnapshot;
  #dirty = false;
  #listeners = new Set<(change: SessionChange) => void>();
  #dispose: () => void;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    this.#snapshot = readSessionSnapshot(doc);
    const mark = (): void => {
      this.#dirty = true;
    };
    const onAfter = (tr: Y.Transaction): void => {
      if (!this.#dirty) return;
      this.#dirty = false;
      this.#snapshot = readSessionSnapshot(this.#doc);
      const change: SessionChange = {
        snapshot: this.#snapshot,
        origin: tr.origin,
        local: tr.local,
      };
      for (const l of this.#listeners) l(change);
    };
    const maps = [
      sessionMap(doc),
      votesMap(doc),
      reflectionsMap(doc),
      actionsMap(doc),
    ] as Y.Map<unknown>[];
    for (const m of maps) m.observeDeep(mark);
    doc.on('afterTransaction', onAfter);
    this.#dispose = () => {
      for (const m of maps) m.unobserveDeep(mark);
      doc.off('afterTransaction', onAfter);
    };
  }

  get snapshot(): SessionSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: (change: SessionChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    this.#dispose();
    this.#listeners.clear();
  }
}
