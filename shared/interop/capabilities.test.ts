import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot } from '../schema/snapshot';
import type { MapSnapshot } from '../schema/types';
import { applyImport } from './apply';
import { FEATURES, KEEPS, type Feature } from './capabilities';
import { exportAny, importAny, type FormatId, type FormatInput } from './formats';
import { richMap } from './sample-maps';

/** Exports the map, reads the file(s) back and writes them into a new map, as a user would. */
async function roundTrip(snapshot: MapSnapshot, format: FormatId): Promise<MapSnapshot> {
  const files = await exportAny(snapshot, format);
  const input: FormatInput =
    format === 'kumu-csv'
      ? Object.fromEntries(files.map((f) => [f.part, f.data as string]))
      : (files[0]!.data as string | Uint8Array);
  const result = await importAny(input, format);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  expect(result.problems).toEqual([]);
  const ctx = { doc: new Y.Doc(), origin: 'test', userId: 'bo' };
  applyImport(ctx, result.map, { mode: 'new' });
  return readSnapshot(ctx.doc);
}

/** The value of one feature over a whole map, as comparable plain data. */
function feature(s: MapSnapshot, f: Feature): unknown {
  const els = [...s.elements.values()].sort((a, b) => a.id.localeCompare(b.id));
  const cons = [...s.connections.values()].sort((a, b) => a.id.localeCompare(b.id));
  const byLabel = (x: { label: string }) => x.label;
  switch (f) {
    case 'ids':
      return [els.map((e) => e.id), cons.map((c) => c.id)];
    case 'kinds':
      return [els.map((e) => [byLabel(e), e.kind]), cons.map((c) => [c.id, c.kind])];
    case 'actorType':
      return els.map((e) => [byLabel(e), e.actorType]);
    case 'labels':
      return [els.map(byLabel), cons.map((c) => c.label)];
    case 'descriptions':
      return [els.map((e) => e.description), cons.map((c) => c.description)];
    case 'tags':
      return [els.map((e) => e.tags), cons.map((c) => c.tags)];
    case 'positions':
      return els.map((e) => [byLabel(e), e.position]);
    case 'polarity':
      return cons.map((c) => c.polarity);
    case 'delay':
      return cons.map((c) => c.delay);
    case 'direction':
      return cons.map((c) => c.direction);
    case 'strength':
      return cons.map((c) => c.strength);
    case 'weight':
      return cons.map((c) => c.weight);
    case 'custom fields':
      return [els.map((e) => e.extra), cons.map((c) => c.extra)];
    case 'sources':
      return [...s.sources.values()].map(({ id: _id, ...rest }) => rest);
    case 'loop names':
      return [...s.loops.values()].map((l) => [l.signature, l.name, l.note, l.members]);
  }
}

describe('what each format keeps (the table in docs/formats.md)', () => {
  const original = readSnapshot(richMap().doc);

  for (const [format, row] of Object.entries(KEEPS) as [
    Exclude<FormatId, 'weavemap' | 'xmile'>,
    Record<Feature, boolean>,
  ][]) {
    it(`${format}: keeps exactly what the table says, loses what it says`, async () => {
      const back = await roundTrip(original, format);
      for (const f of FEATURES) {
        const before = feature(original, f);
        const after = feature(back, f);
        if (row[f]) expect(after, `${format} should keep ${f}`).toEqual(before);
        else expect(after, `${format} is documented to lose ${f}`).not.toEqual(before);
      }
      // Beyond the table: leverage, colour, pin and group membership survive every format.
      const el = [...back.elements.values()].find((e) => e.label === 'Kindergarten readiness');
      expect(el?.leverageLevel).toBe(6);
      expect(el?.color).toBe('#1f77b4');
      const parents = [...back.elements.values()].find((e) => e.label === 'Parent council');
      expect(parents?.pinned).toBe(true);
      expect(parents?.parent).toBe([...back.elements.values()].find((e) => e.label === 'Home')?.id);
    });
  }

  it('docs/formats.md shows the same table', () => {
    const md = readFileSync(new URL('../../docs/formats.md', import.meta.url), 'utf8');
    const lines = md.split('\n');
    const header = lines.findIndex((l) => /^\|\s*field\s*\|/.test(l));
    expect(header).toBeGreaterThanOrEqual(0);
    const cols = lines[header]!.split('|')
      .slice(2, -1)
      .map((c) => c.trim());
    const ids: Record<string, Exclude<FormatId, 'weavemap' | 'xmile'>> = {
      'Kumu JSON': 'kumu-json',
      'Kumu CSV': 'kumu-csv',
      'Kumu XLSX': 'kumu-xlsx',
      'JSON Canvas': 'canvas',
      GEXF: 'gexf',
      GraphML: 'graphml',
    };
    expect(cols.map((c) => ids[c])).toEqual(Object.keys(KEEPS));
    const end = lines.findIndex((l, i) => i > header && !l.startsWith('|'));
    const rows = lines.slice(header + 2, end);
    expect(rows.map((r) => r.split('|')[1]!.trim())).toEqual([...FEATURES]);
    for (const r of rows) {
      const cells = r
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      const f = cells[0] as Feature;
      cells.slice(1).forEach((cell, i) => {
        const format = ids[cols[i]!]!;
        expect(
          cell.startsWith('kept') ? true : cell.startsWith('lost') ? false : cell,
          `${f} / ${format}`,
        ).toBe(KEEPS[format][f]);
      });
    }
  });
});
