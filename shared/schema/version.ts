/** The schema version this code writes. A document with a higher one opens read-only. */
export const SCHEMA_VERSION = 2;
