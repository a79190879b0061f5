/** "Export Sources as CSL-JSON": the map's sources as a file Zotero and other managers import. */
import { sourcesToCslJson } from '../../../shared/clip/csl';
import type { SourceRecord } from '../../../shared/schema/types';
import { fileSlug } from '../../ui/slug';

/** The CSL-JSON text for `sources` (oldest clip first, so re-exports diff cleanly). */
export function cslJsonText(sources: Iterable<SourceRecord>): string {
  const list = [...sources].sort((a, b) => a.clippedAt - b.clippedAt || a.id.localeCompare(b.id));
  return `${JSON.stringify(sourcesToCslJson(list), null, 2)}\n`;
}

/** The file's name, from the map's title (canvas/ui/slug). */
export function cslFileName(mapTitle: string): string {
  return `${fileSlug(mapTitle, 'weavemap')}-sources.csl.json`;
}

/** CSL-JSON's media type. */
export const CSL_JSON_TYPE = 'application/vnd.citationstyles.csl+json';
