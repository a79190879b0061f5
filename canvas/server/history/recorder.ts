import type { Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { readSessionSnapshot, sessionMap } from '../../../shared/session/layout';
import type { Logger } from '../log';
import type { VersionInfo, VersionReason } from './store';
import type { VersionStorage } from './version-storage';

export interface HistoryOptions {
  store: VersionStorage;
  log: Logger;
  /**
   * An automatic version is taken when a room changed and this long has passed since its last
   * version (default 3 minutes).
   */
  autoIntervalMs?: number;
  /** A phase that begins again within this long of its last version gets none (default 1 minute). */
  phaseIntervalMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

export interface History {
  /** The Hocuspocus extension that watches loaded rooms (changes, phase changes, unload). */
  extension: Extension;
  /** Takes a version of a room's document now (the host's live copy). */
  record(room: string, doc: Y.Doc, meta: VersionMeta): Promise<VersionInfo>;
  store: VersionStorage;
  /** Stops the timers (the store is closed by its owner). */
  close(): void;
  /** Rooms this recorder is watching (loaded rooms; an unloaded room is released). */
  roomCount(): number;
}

export interface VersionMeta {
  name: string;
  reason: VersionReason;
  by: string;
  /** Names to count as present besides those the host sees (e.g. the requester's own). */
  alsoPresent?: readonly string[];
}

export const DEFAULT_AUTO_INTERVAL_MS = 3 * 60_000;
export const DEFAULT_PHASE_INTERVAL_MS = 60_000;

/**
 * Names of the people connected to a room, from their presence (`awareness` state `user.name`,
 * one per user id), as the host sees it.
 */
export function presentNames(doc: Y.Doc): string[] {
  const awareness = (doc as Y.Doc & { awareness?: { getStates(): Map<number, unknown> } })
    .awareness;
  if (!awareness) return [];
  const byUser = new Map<string, string>();
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { id?: unknown; name?: unknown } } | null)?.user;
    if (!user || typeof user.name !== 'string' || !user.name.trim()) return;
    byUser.set(
      typeof user.id === 'string' ? user.id : `client-${clientId}`,
      user.name.trim().slice(0, 200),
    );
  });
  return [...new Set(byUser.values())].sort((a, b) => a.localeCompare(b));
}

interface Watch {
  dirty: boolean;
  lastAt: number;
  timer?: ReturnType<typeof setTimeout>;
  stop(): void;
}

/**
 * The host's history of every room: an automatic version after a few minutes of activity (when
 * the room changed since its last version), one at each phase change (named after the phase that
 * begins), one when a changed room is unloaded, and named ones on request (see routes/versions.ts).
 */
export function createHistory(options: HistoryOptions): History {
  const { store, log } = options;
  const interval = options.autoIntervalMs ?? DEFAULT_AUTO_INTERVAL_MS;
  const phaseInterval = options.phaseIntervalMs ?? DEFAULT_PHASE_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const watches = new Map<string, Watch>();
  /** When each (room, phase) last got a version: the phase-change rate limit. */
  const phaseTaken = new Map<string, number>();
  const pruning = new Set<string>();

  /** Prunes a room's history after the current turn of the event loop, once per burst. */
  const schedulePrune = (room: string): void => {
    if (pruning.has(room)) return;
    pruning.add(room);
    setImmediate(() => {
      pruning.delete(room);
      void (async () => store.prune(room, now()))().catch((error: unknown) => {
        log.error(`history: could not prune the versions of room ${room}`, error);
      });
    });
  };

  const take = async (
    room: string,
    doc: Y.Doc,
    meta: VersionMeta,
    dedupe: boolean,
  ): Promise<VersionInfo | undefined> => {
    // The store reads the document before its first await: the version is the state now.
    const info = await store.add({
      room,
      name: meta.name,
      createdBy: meta.by,
      reason: meta.reason,
      present: [...presentNames(doc), ...(meta.alsoPresent ?? [])],
      doc,
      createdAt: now(),
      dedupe,
    });
    const w = watches.get(room);
    if (w) {
      w.dirty = false;
      w.lastAt = info?.createdAt ?? now();
      if (w.timer) clearTimeout(w.timer);
      w.timer = undefined;
    }
    if (info) schedulePrune(room);
    return info;
  };

  const record: History['record'] = async (room, doc, meta) => {
    const info = await take(room, doc, meta, false);
    if (!info) throw new Error(`history: the version of room ${room} was not kept`);
    return info;
  };

  const safeRecord = async (room: string, doc: Y.Doc, meta: VersionMeta): Promise<void> => {
    try {
      // Automatic and phase versions of a state the last version already holds are skipped.
      await take(room, doc, meta, true);
    } catch (error) {
      log.error(`history: could not keep a version of room ${room}`, error);
    }
  };

  function watch(room: string, doc: Y.Doc): void {
    watches.get(room)?.stop();
    const session = sessionMap(doc);
    let phase = readSessionSnapshot(doc).currentPhaseId;
    // A room's first automatic version comes one interval after it was loaded, not at once.
    const w: Watch = { dirty: false, lastAt: now(), stop: () => {} };
    const stored = store.lastAt(room);
    if (typeof stored === 'number') w.lastAt = stored || w.lastAt;
    else
      void stored
        .then((at) => {
          if (at && !w.timer) w.lastAt = at;
        })
        .catch((error: unknown) => log.error(`history: could not read room ${room}`, error));
    const schedule = (): void => {
      if (w.timer) return;
      const wait = Math.max(0, w.lastAt + interval - now());
      w.timer = setTimeout(() => {
        w.timer = undefined;
        if (w.dirty) void safeRecord(room, doc, { name: '', reason: 'auto', by: 'host' });
      }, wait);
      w.timer.unref?.();
    };
    const onUpdate = (): void => {
      w.dirty = true;
      schedule();
    };
    const onSession = (event: Y.YMapEvent<unknown>): void => {
      if (!event.keysChanged.has('current')) return;
      const snapshot = readSessionSnapshot(doc);
      const next = snapshot.currentPhaseId;
      if (next === phase) return;
      phase = next;
      // At most one version per phase per minute: flipping phases back and forth records the
      // first change to each, and the automatic version covers what the skipped ones left.
      const key = `${room}\n${next ?? ''}`;
      const at = now();
      if (at - (phaseTaken.get(key) ?? -Infinity) < phaseInterval) return;
      phaseTaken.set(key, at);
      const title = snapshot.phases.find((p) => p.id === next)?.title;
      // Taken off the hot path (on the next turn of the event loop, after the update has been
      // logged and acknowledged), so the version holds the state the phase change left, or one a
      // moment later.
      setImmediate(() => {
        if (watches.get(room) !== w) return;
        void safeRecord(room, doc, {
          name: title ? `Phase: ${title}` : 'Phase ended',
          reason: 'phase',
          by: 'host',
        });
      });
    };
    doc.on('update', onUpdate);
    session.observe(onSession);
    w.stop = () => {
      const expired = now() - phaseInterval;
      for (const [key, at] of phaseTaken)
        if (key.startsWith(`${room}\n`) && at <= expired) phaseTaken.delete(key);
      doc.off('update', onUpdate);
      session.unobserve(onSession);
      if (w.timer) clearTimeout(w.timer);
      w.timer = undefined;
    };
    watches.set(room, w);
  }

  const extension: Extension = {
    extensionName: 'weavemap-history',
    async afterLoadDocument({ documentName, document }) {
      watch(documentName, document);
    },
    async beforeUnloadDocument({ documentName, document }) {
      const w = watches.get(documentName);
      if (!w) return;
      // Changes made since the last version stay in the stored room; they get a version of their
      // own only once the interval has passed, so that a room written to by the clip API while
      // nobody is connected (loaded and unloaded for each clip) does not get one per clip.
      if (w.dirty && now() - w.lastAt >= interval)
        await safeRecord(documentName, document, { name: '', reason: 'auto', by: 'host' });
      w.stop();
      watches.delete(documentName);
    },
  };

  return {
    extension,
    record,
    store,
    roomCount: () => watches.size,
    close() {
      for (const w of watches.values()) w.stop();
      watches.clear();
      phaseTaken.clear();
    },
  };
}
