/**
 * JSON Canvas 1.0 (Obsidian `.canvas`). Elements are text nodes (label, a blank line, the
 * description), group elements are group nodes, connections are edges with their label, sources
 * are link nodes. What JSON Canvas cannot say (kinds, polarity, tags, exact positions, custom
 * fields, loops) rides along under `weavemap` keys, which Obsidian keeps; text edited in Obsidian
 * wins over the copy under `weavemap`.
 */

export { exportJsonCanvas, serializeJsonCanvas } from './json-canvas-export';
export { type JsonCanvas } from './json-canvas-format';
export { importJsonCanvas } from './json-canvas-import';
