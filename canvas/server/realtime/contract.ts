import type { Connection, Document, Extension } from '@hocuspocus/server';
import { isMapLocked } from '../../../shared/session/layout';
import { UpdateGuard } from '../../../shared/sync/update-guard';
import { REFUSAL_MESSAGE, type UpdateRefusal } from '../../../shared/sync/refusal';
import type { Logger } from '../log';
import type { Role } from '../rooms/store';

interface RoleContext {
  role: Role;
}

/** y-protocols sync message types. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * A refused update costs the host a rebuild of the room's shadow copy (UpdateGuard), a second
 * or more of CPU for a large room. So that someone with an edit link cannot keep the host busy
 * by sending refused updates in a loop, a room's writes wait after a refusal until this many
 * times the last rebuild's duration has passed (between 1 and 15 s), capping rebuilds at about
 * a tenth of the host's time.
 */
const REBUILD_SPACING = 10;
const clampMs = (ms: number): number => Math.min(15_000, Math.max(1_000, ms));

/**
 * The document contract and the roles, enforced on /sync (docs/architecture.md, "Threat model").
 * Every sync step 2 and update from an edit or facilitator connection is tried first
 * (`UpdateGuard`); a refused one is refused whole: Hocuspocus answers it "not applied" (the
 * connection is read-only for that message), it is neither stored nor relayed, and the sender is
 * told why in a stateless message (`REFUSAL_MESSAGE`), on which the client reloads the map from
 * the host. Yjs updates from one client build on each other, so nothing that connection sends
 * after a refusal can apply either: it stays read-only until it reconnects.
 *
 * Must come after the map-lock extension, which decides read-only-ness for the lock first.
 */
export function contractExtension(log: Logger): Extension & { roomCount(): number } {
  /** Each loaded room's shadow copy; released when the room is unloaded. */
  const guards = new Map<Document, UpdateGuard>();
  /** When a room may next rebuild its shadow after a refusal (performance.now() time). */
  const rebuildAt = new WeakMap<Document, number>();
  const refused = new WeakSet<Connection>();
  /** Accepted updates not yet applied to the real document, by sender (see UpdateGuard.mirror). */
  const accepted = new WeakMap<Connection, number>();
  const guardOf = (document: Document): UpdateGuard => {
    let guard = guards.get(document);
    if (!guard) {
      guard = new UpdateGuard(document);
      guards.set(document, guard);
      const g = guard;
      document.on('update', (update: Uint8Array, origin: unknown) => {
        const connection = (origin as { connection?: Connection } | null)?.connection;
        const token = connection ? accepted.get(connection) : undefined;
        if (connection) accepted.delete(connection);
        g.mirror(update, token);
      });
    }
    return guard;
  };
  return {
    extensionName: 'weavemap-contract',
    roomCount: () => guards.size,
    async afterLoadDocument({ document }) {
      guardOf(document);
    },
    async beforeSync({ connection, document, type, payload }) {
      if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
      const role = (connection.context as RoleContext | undefined)?.role;
      if (connection.readOnly || role === undefined || role === 'view') return;
      if (refused.has(connection)) {
        connection.readOnly = true;
        return;
      }
      const guard = guardOf(document);
      const wait = (rebuildAt.get(document) ?? 0) - performance.now();
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        // The lock may have come on meanwhile (the map-lock extension decided before the wait).
        if (role === 'edit' && isMapLocked(document)) {
          connection.readOnly = true;
          return;
        }
      }
      const reason = guard.check(payload, role);
      if (reason === null) {
        accepted.set(connection, guard.acceptedToken());
        return;
      }
      connection.readOnly = true;
      refused.add(connection);
      rebuildAt.set(document, performance.now() + clampMs(REBUILD_SPACING * guard.lastBuildMs));
      log.warn(`sync: refused an update to room ${document.name} from a ${role} link: ${reason}`);
      const notice: UpdateRefusal = { type: REFUSAL_MESSAGE, reason };
      connection.sendStateless(JSON.stringify(notice));
    },
    async beforeUnloadDocument({ document }) {
      guards.get(document)?.destroy();
      guards.delete(document);
    },
  };
}
