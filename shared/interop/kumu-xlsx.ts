import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import writeXlsxFile from 'write-excel-file/universal';
import type { MapSnapshot } from '../schema/types';
import { escapeWorkbookText } from './cells';
import { kumuTables, readKumuRows, type Row } from './kumu-table';
import { guardAsync, ImportRefused, type ImportResult } from './model';
import { asBytes, checkSize } from './text';
import { addQuotePrefixes } from './xlsx-quote';
import { assertSafeXml } from './xml';

/**
 * Kumu's spreadsheet form as one `.xlsx` workbook: an Elements sheet, a Connections sheet and,
 * when loops are named, a Loops sheet. Sheets whose name contains `(ignore)` are skipped, as in
 * Kumu; otherwise sheets are told apart by name (the first and second sheet when no name fits).
 * Reading uses read-excel-file and writing write-excel-file (pure JS: Node, browser, worker).
 * Before reading, the workbook's XML parts are checked like any XML file (no DOCTYPE, no
 * entities) and its unpacked size is capped, so a zip bomb is refused unopened.
 */

const DAMAGED = 'This file is damaged or is not an Excel workbook (.xlsx)';

/** Most bytes a workbook may unpack to. */
export const MAX_XLSX_UNPACKED = 200 * 1024 * 1024;

function checkWorkbook(bytes: Uint8Array): void {
  let total = 0;
  let parts: Record<string, Uint8Array>;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        return false;
      },
    });
    if (total > MAX_XLSX_UNPACKED)
      throw new ImportRefused(
        `This workbook unpacks to ${(total / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_XLSX_UNPACKED / 1024 / 1024} MB a map file may hold.`,
      );
    parts = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/i.test(f.name) });
  } catch (e) {
    if (e instanceof ImportRefused) throw e;
    throw new ImportRefused(`${DAMAGED}: it could not be unpacked (${(e as Error).message}).`);
  }
  const missing = ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'].filter(
    (p) => !(p in parts),
  );
  if (missing.length) throw new ImportRefused(`${DAMAGED}: it has no ${missing.join(', ')}.`);
  let unpacked = 0;
  for (const data of Object.values(parts)) {
    unpacked += data.length;
    if (unpacked > MAX_XLSX_UNPACKED)
      throw new ImportRefused('This workbook unpacks to more than a map file may hold.');
    assertSafeXml(strFromU8(data));
  }
}

type SheetKind = 'elements' | 'connections' | 'loops';

function kindOfSheet(name: string): SheetKind | undefined {
  const n = name.toLowerCase();
  if (n.includes('connection')) return 'connections';
  if (n.includes('element')) return 'elements';
  if (n.includes('loop')) return 'loops';
  return undefined;
}

const TITLES: Record<SheetKind, string> = {
  elements: 'Elements',
  connections: 'Connections',
  loops: 'Loops',
};

function rowsOf(data: readonly (readonly unknown[])[]): Row[] {
  const [header, ...body] = data;
  if (!header) return [];
  const names = header.map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  const out: Row[] = [];
  for (const cells of body) {
    if (cells.every((c) => c === null || c === undefined || c === '')) continue;
    const row: Record<string, unknown> = {};
    names.forEach((name, i) => {
      if (name) row[name] = cells[i];
    });
    out.push(row);
  }
  return out;
}

export async function importKumuXlsx(input: Uint8Array | ArrayBuffer): Promise<ImportResult> {
  return guardAsync(async () => {
    checkSize(input);
    const bytes = asBytes(input);
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
      throw new ImportRefused(`${DAMAGED}: it is not a zip file.`);
    checkWorkbook(bytes);
    let sheets: { sheet: string; data: unknown[][] }[];
    try {
      const copy = bytes.slice().buffer;
      sheets = (await readXlsxFile(copy)) as { sheet: string; data: unknown[][] }[];
    } catch (e) {
      throw new ImportRefused(
        `${DAMAGED}: its sheets could not be read (${(e as Error).message}).`,
      );
    }
    const used = sheets.filter((s) => !s.sheet.toLowerCase().includes('(ignore)'));
    const found: Partial<Record<SheetKind, Row[]>> = {};
    for (const s of used) {
      const kind = kindOfSheet(s.sheet);
      if (kind && !found[kind]) found[kind] = rowsOf(s.data);
    }
    if (!found.elements && !found.connections) {
      if (used[0]) found.elements = rowsOf(used[0].data);
      if (used[1]) found.connections = rowsOf(used[1].data);
    }
    return readKumuRows({
      elements: found.elements ?? [],
      connections: found.connections ?? [],
      loops: found.loops,
      where: (table, i) => `${TITLES[table]} row ${i + 2}`,
      spreadsheet: { typed: false },
    });
  });
}

export async function exportKumuXlsx(snapshot: MapSnapshot): Promise<Uint8Array> {
  const sheets = kumuTables(snapshot).map((t) => ({
    sheet: t.name,
    data: [
      t.headers.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...t.rows.map((r) => r.map((v) => (typeof v === 'string' ? escapeWorkbookText(v) : v))),
    ],
  }));
  const blob = await writeXlsxFile(sheets).toBlob();
  return addQuotePrefixes(new Uint8Array(await blob.arrayBuffer()));
}
