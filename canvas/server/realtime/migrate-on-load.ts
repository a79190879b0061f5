import type { Extension } from '@hocuspocus/server';
import { migrateRecords, RECORD_MIGRATION_ORIGIN } from '../../../shared/schema/record-migrations';
import { migrate } from '../../../shared/schema/migrations';
import type { Logger } from '../log';

/**
 * Runs the schema's migrations (shared/schema/migrations.ts: a v1 map is stored flat) and the
 * records' pending migrations (shared/schema/record-migrations.ts) on a room when the
 * host loads it, before anyone syncs: once per map, in one transaction of the host's own, which
 * the room's storage logs like any change of the host's. Two hosts loading one room at once
 * both run them; the steps are idempotent, so the rooms converge.
 */
export function migrateOnLoad(log: Logger): Extension {
  return {
    extensionName: 'weavemap-record-migrations',
    async afterLoadDocument({ documentName, document }) {
      const ran = [
        ...migrate(document, RECORD_MIGRATION_ORIGIN),
        ...migrateRecords(document, RECORD_MIGRATION_ORIGIN),
      ];
      if (ran.length > 0) log.info(`sync: migrated room ${documentName}: ${ran.join('; ')}`);
    },
  };
}
