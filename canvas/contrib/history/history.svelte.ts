import { serviceId, type ServiceId } from '../../platform/services';
import { mount, unmount } from 'svelte';
import { readSnapshot } from '../../../shared/schema/snapshot';
import type { MapSnapshot } from '../../../shared/schema/types';
import {
  diffMaps,
  openVersion,
  restoreVersion,
  sessionMap,
  type MapDiff,
} from '../../../shared/session/index';
import type { Workbench } from '../../workbench/workbench.svelte';
import {
  currentSecret,
  keepVersion,
  listVersions,
  versionState,
  type VersionInfo,
} from './history-api';
import CompareOverlay from './CompareOverlay.svelte';

export interface Comparison {
  readonly version: VersionInfo;
  readonly state: Uint8Array;
  /** The map as the version holds it. */
  readonly snapshot: MapSnapshot;
  /** From the version to the live map: added since, removed since, changed since. */
  readonly diff: MapDiff;
}

/**
 * The History view's state for one open map: the host's versions (newest first), the version
 * open beside the live map with its differences, and restore (one new change, undoable).
 */
export class HistoryStore {
  readonly wb: Workbench;
  versions = $state.raw<readonly VersionInfo[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  comparison = $state.raw<Comparison | null>(null);

  #stopObserving: () => void;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #destroyed = false;

  constructor(wb: Workbench) {
    this.wb = wb;
    // The host keeps a version at each phase change: list it when the phase moves.
    const session = sessionMap(wb.session.doc);
    const onPhase = (e: { keysChanged: Set<string> }) => {
      if (e.keysChanged.has('current')) this.refreshSoon();
    };
    session.observe(onPhase);
    this.#stopObserving = () => session.unobserve(onPhase);
  }

  get #origin(): string {
    return location.origin;
  }

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const list = await listVersions(
        this.#origin,
        this.wb.session.roomId,
        currentSecret(this.wb.session.roomId),
      );
      if (this.#destroyed) return;
      this.versions = [...list].sort((a, b) => b.createdAt - a.createdAt);
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }

  refreshSoon(delay = 800): void {
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.refresh(), delay);
  }

  /** Keeps a named version of the map now ("after mapping"). */
  async keep(name: string): Promise<VersionInfo | undefined> {
    const n = name.trim();
    if (!n) {
      this.wb.say('The version needs a name.', 'error');
      return undefined;
    }
    try {
      const info = await keepVersion(
        this.#origin,
        this.wb.session.roomId,
        currentSecret(this.wb.session.roomId),
        n,
        this.wb.session.user.name,
      );
      this.wb.say(`Kept the version “${info.name}”.`);
      await this.refresh();
      return info;
    } catch (e) {
      this.wb.say(`Could not keep the version: ${e instanceof Error ? e.message : e}`, 'error');
      return undefined;
    }
  }

  async #load(version: VersionInfo): Promise<Uint8Array> {
    return versionState(
      this.#origin,
      this.wb.session.roomId,
      currentSecret(this.wb.session.roomId),
      version.id,
    );
  }

  /** Opens a version read-only beside the live map, with what changed since highlighted. */
  async compare(version: VersionInfo): Promise<void> {
    try {
      const state = await this.#load(version);
      const doc = openVersion(state);
      const snapshot = readSnapshot(doc);
      doc.destroy();
      this.comparison = {
        version,
        state,
        snapshot,
        diff: diffMaps(snapshot, this.wb.snapshot),
      };
    } catch (e) {
      this.wb.say(`Could not open the version: ${e instanceof Error ? e.message : e}`, 'error');
    }
  }

  /** Recomputes the differences after the live map changed. */
  updateDiff(): void {
    const c = this.comparison;
    if (c) this.comparison = { ...c, diff: diffMaps(c.snapshot, this.wb.snapshot) };
  }

  closeComparison(): void {
    this.comparison = null;
  }

  /**
   * Brings a version back as one new change with this person's origin: everyone sees it, and
   * Undo (Ctrl+Z) takes it back. History is never rewritten.
   */
  async restore(version: VersionInfo): Promise<MapDiff | undefined> {
    let state: Uint8Array;
    try {
      state =
        this.comparison?.version.id === version.id
          ? this.comparison.state
          : await this.#load(version);
    } catch (e) {
      this.wb.say(`Could not fetch the version: ${e instanceof Error ? e.message : e}`, 'error');
      return undefined;
    }
    const session = this.wb.session;
    session.stopCapturing();
    const diff = this.wb.write(() => restoreVersion(session.ctx, session.doc, state));
    session.stopCapturing();
    if (!diff) return undefined;
    const what = version.name || new Date(version.createdAt).toLocaleString();
    this.wb.say(
      diff.same
        ? `The map is already as it was in “${what}”.`
        : `Restored “${what}”: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed. Undo takes it back.`,
    );
    this.updateDiff();
    return diff;
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    this.#stopObserving();
  }
}

/** This map's HistoryStore, in the workbench's service container. */
export const HISTORY: ServiceId<HistoryStore> = serviceId('history');

export function historyStore(wb: Workbench): HistoryStore | undefined {
  return wb.services.get(HISTORY);
}

export function startHistory(wb: Workbench): () => void {
  const store = new HistoryStore(wb);
  return wb.services.provide(HISTORY, store);
}

/** Shows the comparison beside the map while one is open. */
export function showComparisons(wb: Workbench, s: HistoryStore): () => void {
  let shown: ReturnType<typeof mount> | null = null;
  let target: HTMLElement | null = null;
  const stopEffect = $effect.root(() => {
    $effect(() => {
      const open = s.comparison !== null;
      if (open && !shown) {
        target = document.createElement('div');
        document.body.append(target);
        shown = mount(CompareOverlay, { target, props: { wb, store: s } });
      } else if (!open && shown) {
        void unmount(shown);
        shown = null;
        target?.remove();
        target = null;
      }
    });
  });
  const stopChanges = wb.session.onChange(() => {
    if (s.comparison) s.updateDiff();
  });
  return () => {
    stopChanges();
    stopEffect();
    if (shown) void unmount(shown);
    target?.remove();
  };
}
