import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * The SQLite driver for this Node version. better-sqlite3 12 (built from source here against
 * Node's headers) crashes under Node 24 when the garbage collector finalizes a statement
 * (`Assertion failed: (env) != nullptr` in `Statement::~Statement`); better-sqlite3 13 fixes
 * that and ships prebuilt binaries, but needs Node 22 or later (it segfaults on 20). Both have
 * the same API, so Node 22+ loads 13 (installed under the alias `better-sqlite3-v13`) and
 * Node 20 loads 12.
 */
const require = createRequire(import.meta.url);
const nodeMajor = Number(process.versions.node.split('.')[0]);

export const SQLITE_DRIVER = nodeMajor >= 22 ? 'better-sqlite3@13' : 'better-sqlite3@12';

export const Database: typeof BetterSqlite3 = require(
  nodeMajor >= 22 ? 'better-sqlite3-v13' : 'better-sqlite3',
) as typeof BetterSqlite3;

export type Database = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement;
