import Papa from 'papaparse';
import type { MapSnapshot } from '../schema/types';
import { escapeCell } from './cells';
import { kumuTables, readKumuRows, type Row, type Table } from './kumu-table';
import { guard, type ImportInput, type ImportProblem, type ImportResult } from './model';
import { decodeText } from './text';

/**
 * Kumu's spreadsheet form as CSV: one file per sheet (Elements, Connections, optionally Loops).
 * Text cells that a spreadsheet could run as a formula are escaped with `'` (see `cells.ts`),
 * including connection types `+` and `-`, which are written `'+` and `'-` and read back as `+`
 * and `-`. Files are written as UTF-8 with a byte-order mark, so Excel reads accents right.
 */

export interface KumuCsvFiles {
  readonly elements?: ImportInput | undefined;
  readonly connections?: ImportInput | undefined;
  readonly loops?: ImportInput | undefined;
}

export type CsvSheet = 'elements' | 'connections' | 'loops';

const TITLES: Record<CsvSheet, string> = {
  elements: 'Elements',
  connections: 'Connections',
  loops: 'Loops',
};

function parseCsv(input: ImportInput, sheet: CsvSheet, problems: ImportProblem[]): Row[] {
  const text = decodeText(input);
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  for (const e of result.errors) {
    if (e.code === 'UndetectableDelimiter') continue; // a one-column file
    const where = e.row !== undefined ? `${TITLES[sheet]} row ${e.row + 2}` : TITLES[sheet];
    problems.push({ where, field: '', message: `${e.message}.` });
  }
  return result.data;
}

/** Which sheet a lone CSV file holds, from its header row (From and To: connections). */
export function guessCsvSheet(input: ImportInput): CsvSheet {
  const first = decodeText(input).split(/\r?\n/, 1)[0]?.toLowerCase() ?? '';
  const cols = first.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
  if (cols.includes('from') && cols.includes('to')) return 'connections';
  if (cols.includes('elements') && cols.includes('signature')) return 'loops';
  return 'elements';
}

export function importKumuCsv(files: KumuCsvFiles): ImportResult {
  return guard(() => {
    const problems: ImportProblem[] = [];
    const elements = files.elements ? parseCsv(files.elements, 'elements', problems) : [];
    const connections = files.connections
      ? parseCsv(files.connections, 'connections', problems)
      : [];
    const loops = files.loops ? parseCsv(files.loops, 'loops', problems) : undefined;
    if (problems.length) return { ok: false, problems };
    return readKumuRows({
      elements,
      connections,
      loops,
      where: (table, i) => `${TITLES[table]} row ${i + 2}`,
      spreadsheet: { typed: true },
    });
  });
}

function toCsv(table: Table): string {
  const cell = (v: string | number | boolean | null): string | number | boolean | null =>
    typeof v === 'string' ? escapeCell(v) : v;
  return (
    '\ufeff' +
    Papa.unparse(
      { fields: [...table.headers], data: table.rows.map((r) => r.map(cell)) },
      { newline: '\r\n' },
    )
  );
}

/** The map as Kumu CSV files, keyed by sheet (`loops` only when loops are named). */
export function exportKumuCsv(snapshot: MapSnapshot): Partial<Record<CsvSheet, string>> {
  const out: Partial<Record<CsvSheet, string>> = {};
  for (const t of kumuTables(snapshot)) out[t.name.toLowerCase() as CsvSheet] = toCsv(t);
  return out;
}
