import type { Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { readSessionSnapshot } from '../../../shared/session/layout';
import type { Logger } from '../log';
import type { VersionInfo, VersionReason, VersionStore } from './store';

export interface HistoryOptions {
  store: VersionStore;
  log: Logger;
  /**
   * An automatic version is taken when a room changed and this long has passed since its last
   * version (default 3 minutes).
   */
  autoIntervalMs?: number;
}

export interface History {
  /** The Hocuspocus extension that watches loaded rooms (changes, phase changes, unload). */
  extension: Extension;
  /** Takes a version of a room's document now (the host's live copy). */
  record(room: string, doc: Y.Doc, meta: VersionMeta): VersionInfo;
  store: VersionStore;
  /** Stops the timers (the store is closed by its owner). */
  close(): void;
}

export interface VersionMeta {
  name: string;
  reason: VersionReason;
  by: string;
  /** Names to count as present besides those the host sees (e.g. the requester's own). */
  alsoPresent?: readonly string[];
}

export const DEFAULT_AUTO_INTERVAL_MS = 3 * 60_000;

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
  const watches = new Map<string, Watch>();

  const record: History['record'] = (room, doc, meta) => {
    const info = store.add({
      room,
      name: meta.name,
      createdBy: meta.by,
      reason: meta.reason,
      present: [...presentNames(doc), ...(meta.alsoPresent ?? [])],
      state: Y.encodeStateAsUpdate(doc),
    });
    const w = watches.get(room);
    if (w) {
      w.dirty = false;
      w.lastAt = info.createdAt;
      if (w.timer) clearTimeout(w.timer);
      w.timer = undefined;
    }
    return info;
  };

  const safeRecord = (room: string, doc: Y.Doc, meta: VersionMeta): void => {
    try {
      record(room, doc, meta);
    } catch (error) {
      log.error(`history: could not keep a version of room ${room}`, error);
    }
  };

  function watch(room: string, doc: Y.Doc): void {
    watches.get(room)?.stop();
    const session = doc.getMap('session');
    let phase = readSessionSnapshot(doc).currentPhaseId;
    // A room's first automatic version comes one interval after it was loaded, not at once.
    const w: Watch = { dirty: false, lastAt: store.lastAt(room) || Date.now(), stop: () => {} };
    const schedule = (): void => {
      if (w.timer) return;
      const wait = Math.max(0, w.lastAt + interval - Date.now());
      w.timer = setTimeout(() => {
        w.timer = undefined;
        if (w.dirty) safeRecord(room, doc, { name: '', reason: 'auto', by: 'host' });
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
      const title = snapshot.phases.find((p) => p.id === next)?.title;
      // Taken after the transaction, so the version holds the state the phase change left.
      queueMicrotask(() =>
        safeRecord(room, doc, {
          name: title ? `Phase: ${title}` : 'Phase ended',
          reason: 'phase',
          by: 'host',
        }),
      );
    };
    doc.on('update', onUpdate);
    session.observe(onSession);
    w.stop = () => {
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
      if (w.dirty && Date.now() - w.lastAt >= interval)
        safeRecord(documentName, document, { name: '', reason: 'auto', by: 'host' });
      w.stop();
      watches.delete(documentName);
    },
  };

  return {
    extension,
    record,
    store,
    close() {
      for (const w of watches.values()) w.stop();
      watches.clear();
    },
  };
}
