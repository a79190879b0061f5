import { Database as DatabaseExtension } from '@hocuspocus/extension-database';
import { Database, type Statement } from '../sqlite-driver';

/**
 * Hocuspocus persistence for rooms: one row per room in the `documents` table of the host's
 * SQLite file (the same table and queries as @hocuspocus/extension-sqlite, so existing data
 * dirs keep working). Statements are prepared once per database and reused: preparing one per
 * fetch or store, as that extension does, leaves statements for the garbage collector, which
 * is what crashed better-sqlite3 under Node 24.
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS "documents" (
  "name" varchar(255) NOT NULL,
  "data" blob NOT NULL,
  UNIQUE(name)
)`;

export class RoomDocuments extends DatabaseExtension {
  db: Database | undefined;
  #select: Statement | undefined;
  #upsert: Statement | undefined;

  constructor(readonly file: string) {
    super({
      fetch: async ({ documentName }) => {
        const row = this.#select?.get({ name: documentName }) as { data: Uint8Array } | undefined;
        return row?.data ?? null;
      },
      store: async ({ documentName, state }) => {
        this.#upsert?.run({ name: documentName, data: state });
      },
    });
  }

  async onConfigure(): Promise<void> {
    const db = new Database(this.file);
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA);
    this.#select = db.prepare(
      'SELECT data FROM "documents" WHERE name = $name ORDER BY rowid DESC',
    );
    this.#upsert = db.prepare(
      'INSERT INTO "documents" ("name", "data") VALUES ($name, $data) ON CONFLICT(name) DO UPDATE SET data = $data',
    );
    this.db = db;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
