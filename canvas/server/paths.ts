import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in canvas/server/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where `npm run build:canvas` puts the canvas. */
export const DEFAULT_STATIC_DIR = resolve(REPO_ROOT, 'dist/canvas');

/** Where rooms are stored unless --data / WEAVEMAP_DATA says otherwise. */
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, '.data');

/** The SQLite file inside a data dir. */
export const DATABASE_FILE = 'weavemap.sqlite';
