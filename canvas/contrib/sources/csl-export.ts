/** "Export Sources as CSL-JSON": the map's sources as a file Zotero and other managers import. */
import { sourcesToCslJson } from '../../../shared/clip/csl';
import type { SourceRecord } from '../../../shared/schema/types';

/** The CSL-JSON text for `sources` (oldest clip first, so re-exports diff cleanly). */
export function cslJsonText(sources: Iterable<SourceRecord>): string {
  const list = [...sources].sort((a, b) => a.clippedAt - b.clippedAt || a.id.localeCompare(b.id));
  return `${JSON.stringify(sourcesToCslJson(list), null, 2)}\n`;
}

/** A file name from the map's title: letters, digits and dashes only. */
export function cslFileName(mapTitle: string): string {
  const base = mapTitle
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase();
  return `${base || 'weavemap'}-sources.csl.json`;
}

/** Starts a download of `text` as `name` in the browser. */
export function downloadText(
  name: string,
  text: string,
  type = 'application/vnd.citationstyles.csl+json',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
