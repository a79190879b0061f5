import { DomainError, initMap } from '../../../shared/domain/index';
import { applyImport, type ApplySummary, type ImportedMap } from '../../../shared/interop/index';
import { createRoom } from '../../platform/api';
import { rememberMap } from '../../platform/recent-maps';
import { router } from '../../workbench/route.svelte';
import type { Workbench } from '../../workbench/workbench.svelte';

/**
 * Applying an import: into the open map (one transaction, one undo step), or into a new map that
 * is created on the host, opened, and filled as soon as it has synced.
 */

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function isEmptyMap(wb: Workbench): boolean {
  return wb.snapshot.elements.size === 0 && wb.snapshot.connections.size === 0;
}

export function summaryText(s: ApplySummary): string {
  const added = `${plural(s.created.elements, 'element')} and ${plural(s.created.connections, 'connection')}`;
  const updated = s.updated.elements + s.updated.connections;
  return updated
    ? `Added ${added}; updated ${plural(s.updated.elements, 'element')} and ${plural(s.updated.connections, 'connection')}`
    : `Added ${added}`;
}

/**
 * Writes `map` into the open map in one transaction (its own undo step). An empty map takes it
 * as it is; otherwise records are matched by ID, then label. Throws a `DomainError` having
 * written nothing.
 */
export function applyToOpenMap(wb: Workbench, map: ImportedMap): ApplySummary {
  if (wb.readOnly)
    throw new DomainError([
      { field: 'map', message: wb.session.readOnlyReason ?? 'This map is read-only here.' },
    ]);
  const session = wb.session;
  session.stopCapturing();
  const summary = applyImport(session.ctx, map, { mode: isEmptyMap(wb) ? 'new' : 'merge' });
  session.stopCapturing();
  return summary;
}

/** Imports waiting for the new map they were made for to open (same page: hash navigation). */
const pending = new Map<string, { map: ImportedMap; title: string }>();

/** Creates a map on the host, opens it, and imports `map` into it once it has synced. */
export async function importIntoNewMap(map: ImportedMap, title: string): Promise<void> {
  const room = await createRoom(location.origin, title);
  rememberMap({
    roomId: room.roomId,
    title,
    link: room.editLink,
    role: 'edit',
    openedAt: Date.now(),
  });
  sessionStorage.setItem(`weavemap.created.${room.roomId}`, JSON.stringify(room));
  pending.set(room.roomId, { map, title });
  router.go(new URL(room.editLink).hash);
}

/** Map participant: fills a just-created map with the import it was made for. */
export function fillNewMap(wb: Workbench): () => void {
  const job = pending.get(wb.session.roomId);
  if (!job) return () => undefined;
  pending.delete(wb.session.roomId);
  let stopped = false;
  const session = wb.session;
  wb.say('Importing into the new map…');
  void session.connection?.whenSynced().then(() => {
    if (stopped) return;
    try {
      if (session.snapshot.meta.schemaVersion === 0) {
        initMap(session.ctx, job.title);
        // Where the map starts, not an edit to undo.
        session.undoManager.clear();
      }
      const summary = applyToOpenMap(wb, job.map);
      requestAnimationFrame(() => wb.renderer?.fitToContent(48, 250));
      wb.say(`${summaryText(summary)} into “${job.title}”. Undo removes the import in one step.`);
    } catch (e) {
      wb.say(`Nothing was imported: ${e instanceof DomainError ? e.message : String(e)}`, 'error');
    }
  });
  return () => {
    stopped = true;
  };
}
