import * as Y from 'yjs';
import type {
  ConnectionRecord,
  ElementRecord,
  LoopNoteRecord,
  MapSnapshot,
  SourceRecord,
} from './types';
import {
  connectionsMap,
  connectionsRoot,
  elementsMap,
  elementsRoot,
  loopsMap,
  metaMap,
  readAllConnections,
  readAllElements,
  readConnection,
  readElement,
  readLoopNote,
  readMeta,
  readSource,
  sourcesMap,
  type RecordMap,
} from './doc';
import { recordIdOfKey, type RecordRoot } from './flat';

/**
 * Immutable snapshots of a map document. `readSnapshot` reads everything; `SnapshotTracker`
 * keeps a snapshot current by re-reading only the records a transaction touched, so a field edit
 * on a 10k-element map costs one record, not the whole map.
 *
 * Invariant shown to every reader: a connection whose end is missing (a concurrent delete of an
 * element and a new connection to it) is never part of a snapshot.
 */

function readAll<T>(
  map: Y.Map<Y.Map<unknown>>,
  read: (m: Y.Map<unknown>, id: string) => T,
): Map<string, T> {
  const out = new Map<string, T>();
  map.forEach((value, key) => {
    if (value instanceof Y.Map) out.set(key, read(value, key));
  });
  return out;
}

/**
 * The connections whose two ends exist. When all of them do (nearly always), that is `all`
 * itself: snapshots never mutate their maps, and the tracker replaces `all` rather than editing
 * it, so sharing it saves copying every connection on each load and element edit.
 */
function visibleConnections(
  all: ReadonlyMap<string, ConnectionRecord>,
  elements: ReadonlyMap<string, ElementRecord>,
): ReadonlyMap<string, ConnectionRecord> {
  let hidden = 0;
  for (const c of all.values()) if (!elements.has(c.from) || !elements.has(c.to)) hidden++;
  if (hidden === 0) return all;
  const out = new Map<string, ConnectionRecord>();
  for (const [id, c] of all) if (elements.has(c.from) && elements.has(c.to)) out.set(id, c);
  return out;
}

export function readSnapshot(doc: Y.Doc): MapSnapshot {
  const elements = readAllElements(doc);
  return {
    meta: readMeta(doc),
    elements,
    connections: visibleConnections(readAllConnections(doc), elements),
    sources: readAll(sourcesMap(doc), readSource),
    loops: readAll(loopsMap(doc), readLoopNote),
  };
}

/**
 * Which record ids a set of deep events touched: the top-level key of a nested record's change,
 * the id part of a flat root's key (`<id>` or `<id>.<field>`, `flat.ts`).
 */
function touchedIds(events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    const first = e.path[0];
    if (typeof first === 'string') ids.add(first);
    else for (const key of e.changes.keys.keys()) ids.add(recordIdOfKey(key));
  }
  return ids;
}

function patch<T, M>(
  prev: ReadonlyMap<string, T>,
  get: (id: string) => M | undefined,
  ids: Iterable<string>,
  read: (m: M, id: string) => T,
): Map<string, T> {
  const next = new Map(prev);
  for (const id of ids) {
    const m = get(id);
    if (m !== undefined) next.set(id, read(m, id));
    else next.delete(id);
  }
  return next;
}

const recordOf =
  (root: RecordRoot) =>
  (id: string): RecordMap | undefined =>
    root.get(id);
const nestedOf =
  (root: Y.Map<Y.Map<unknown>>) =>
  (id: string): Y.Map<unknown> | undefined => {
    const m = root.get(id);
    return m instanceof Y.Map ? m : undefined;
  };

export interface SnapshotChange {
  readonly snapshot: MapSnapshot;
  /** The transaction's origin (compare with your local origin to tell your edits from others'). */
  readonly origin: unknown;
  readonly local: boolean;
  readonly changedElements: ReadonlySet<string>;
  readonly changedConnections: ReadonlySet<string>;
}

/**
 * Keeps a `MapSnapshot` in step with a document. Subscribers get a new immutable snapshot after
 * every transaction that changed the map; unchanged records keep their identity, so renderers
 * can skip them.
 */
export class SnapshotTracker {
  #doc: Y.Doc;
  #snapshot: MapSnapshot;
  #allConnections: Map<string, ConnectionRecord>;
  #listeners = new Set<(change: SnapshotChange) => void>();
  #pending = {
    meta: false,
    elements: new Set<string>(),
    connections: new Set<string>(),
    sources: new Set<string>(),
    loops: new Set<string>(),
  };
  #dispose: () => void;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    const elements = readAllElements(doc);
    this.#allConnections = readAllConnections(doc);
    this.#snapshot = {
      meta: readMeta(doc),
      elements,
      connections: visibleConnections(this.#allConnections, elements),
      sources: readAll(sourcesMap(doc), readSource),
      loops: readAll(loopsMap(doc), readLoopNote),
    };
    const collect =
      (set: Set<string>) =>
      (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
        for (const id of touchedIds(events)) set.add(id);
      };
    const onElements = collect(this.#pending.elements);
    const onConnections = collect(this.#pending.connections);
    const onSources = collect(this.#pending.sources);
    const onLoops = collect(this.#pending.loops);
    const onMeta = (): void => {
      this.#pending.meta = true;
    };
    const onAfter = (tr: Y.Transaction): void => this.#flush(tr);
    elementsRoot(doc).observeDeep(onElements);
    connectionsRoot(doc).observeDeep(onConnections);
    sourcesMap(doc).observeDeep(onSources);
    loopsMap(doc).observeDeep(onLoops);
    metaMap(doc).observe(onMeta);
    doc.on('afterTransaction', onAfter);
    this.#dispose = () => {
      elementsRoot(doc).unobserveDeep(onElements);
      connectionsRoot(doc).unobserveDeep(onConnections);
      sourcesMap(doc).unobserveDeep(onSources);
      loopsMap(doc).unobserveDeep(onLoops);
      metaMap(doc).unobserve(onMeta);
      doc.off('afterTransaction', onAfter);
    };
  }

  get snapshot(): MapSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: (change: SnapshotChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    this.#dispose();
    this.#listeners.clear();
  }

  #flush(tr: Y.Transaction): void {
    const p = this.#pending;
    if (
      !p.meta &&
      p.elements.size === 0 &&
      p.connections.size === 0 &&
      p.sources.size === 0 &&
      p.loops.size === 0
    )
      return;
    const doc = this.#doc;
    const prev = this.#snapshot;
    const elements = p.elements.size
      ? patch(prev.elements, recordOf(elementsMap(doc)), p.elements, readElement)
      : prev.elements;
    if (p.connections.size)
      this.#allConnections = patch(
        this.#allConnections,
        recordOf(connectionsMap(doc)),
        p.connections,
        readConnection,
      );
    // Visibility of connections depends on elements: recompute when either changed.
    const connections =
      p.connections.size || p.elements.size
        ? visibleConnections(this.#allConnections, elements)
        : prev.connections;
    const sources: ReadonlyMap<string, SourceRecord> = p.sources.size
      ? patch(prev.sources, nestedOf(sourcesMap(doc)), p.sources, readSource)
      : prev.sources;
    const loops: ReadonlyMap<string, LoopNoteRecord> = p.loops.size
      ? patch(prev.loops, nestedOf(loopsMap(doc)), p.loops, readLoopNote)
      : prev.loops;
    this.#snapshot = {
      meta: p.meta ? readMeta(doc) : prev.meta,
      elements,
      connections,
      sources,
      loops,
    };
    const change: SnapshotChange = {
      snapshot: this.#snapshot,
      origin: tr.origin,
      local: tr.local,
      changedElements: new Set(p.elements),
      changedConnections: new Set(p.connections),
    };
    p.meta = false;
    p.elements.clear();
    p.connections.clear();
    p.sources.clear();
    p.loops.clear();
    for (const l of this.#listeners) l(change);
  }
}
