/**
 * Which sources are evidence for which elements and connections: what an evidence badge on the
 * map counts and what an inspector lists. Pure, over the snapshot's sources.
 */
import type { SourceRecord } from '../schema/types';

/** Target id (element or connection) -> the sources linked to it, newest clip first. */
export function evidenceByTarget(sources: Iterable<SourceRecord>): Map<string, SourceRecord[]> {
  const out = new Map<string, SourceRecord[]>();
  for (const s of sources)
    for (const id of s.linkedTo) {
      const list = out.get(id);
      if (list) list.push(s);
      else out.set(id, [s]);
    }
  for (const list of out.values()) list.sort((a, b) => b.clippedAt - a.clippedAt);
  return out;
}

/** How many sources and quotes back one element or connection. */
export function evidenceCount(
  index: ReadonlyMap<string, readonly SourceRecord[]>,
  id: string,
): { sources: number; quotes: number } {
  const list = index.get(id) ?? [];
  return { sources: list.length, quotes: list.reduce((n, s) => n + s.quotes.length, 0) };
}
