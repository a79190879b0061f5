import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, JSHandle, Locator, Page } from '@playwright/test';
import writeXlsxFile from 'write-excel-file/universal';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MapSnapshot } from '../../shared/schema/types';
import { test, expect, newPerson, REPO } from '../support/fixtures';
import {
  createMap,
  expectCounts,
  focusMap,
  inspectorField,
  mapArea,
  openLink,
  selectIds,
} from '../support/app';

/**
 * Open formats in the canvas: a Kumu-style workbook dropped on a new map (its problems named by
 * row, nothing written until it is fixed), applied as one change a second person sees, exported
 * as PNG and SVG (saved under test-results/exports/ to look at), and undone in one step.
 */

const EXPORTS = join(REPO, 'test-results', 'exports');

type Cell = string | number | null;

/** A workbook shaped like Kumu's export: Elements and Connections sheets, and one Kumu skips. */
async function kumuWorkbook(connections: Cell[][]): Promise<Buffer> {
  const blob = await writeXlsxFile([
    {
      sheet: 'Elements',
      data: [
        ['Label', 'Type', 'Description', 'Tags'],
        ['Youth Council', 'Group', 'Elected by students', 'youth|voice'],
        ['School board', 'Organization', null, 'governance'],
        ['Attendance', 'Factor', null, null],
        ['Motivation', 'Factor', null, null],
        ['Family stress', 'Factor', 'Housing, work & <care>', null],
      ],
    },
    {
      sheet: 'Connections',
      data: [['From', 'To', 'Type', 'Direction', 'Label'], ...connections],
    },
    { sheet: 'Notes (ignore)', data: [['Label'], ['Not an element']] },
  ]).toBlob();
  return Buffer.from(await blob.arrayBuffer());
}

const GOOD_ROWS: Cell[][] = [
  ['Youth Council', 'School board', 'advises', 'mutual', 'advises'],
  ['Motivation', 'Attendance', '+', 'directed', null],
  ['Attendance', 'Motivation', '+', 'sideways', null],
  ['Family stress', 'Attendance', '-', 'directed', null],
];

/** A DataTransfer in the page holding one file, as a drag from the desktop carries it. */
function fileTransfer(page: Page, name: string, bytes: Buffer, type: string) {
  return page.evaluateHandle(
    ({ name, b64, type }) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bin], name, { type }));
      return dt;
    },
    { name, b64: bytes.toString('base64'), type },
  );
}

async function dropOnMap(page: Page, dt: JSHandle<DataTransfer>): Promise<void> {
  const map = mapArea(page);
  await map.dispatchEvent('dragenter', { dataTransfer: dt });
  await map.dispatchEvent('dragover', { dataTransfer: dt });
  await map.dispatchEvent('drop', { dataTransfer: dt });
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('a Kumu workbook dropped on a new map: row problems, apply for two people, PNG and SVG, undo in one step', async ({
  browser,
  host,
}) => {
  test.setTimeout(120_000);
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const ben = await newPerson(browser, 'Ben', '#3cb44b');
  const link = await createMap(ana.page, host.url, 'From Kumu');
  await openLink(ben.page, link);
  await expectCounts(ana.page, 0, 0);

  // 1. A workbook with a connection to an element that does not exist (a typo in row 4).
  const broken = await kumuWorkbook([
    GOOD_ROWS[0]!,
    GOOD_ROWS[1]!,
    ['Attendance', 'Youth Counsil', '+', 'directed', null],
    GOOD_ROWS[3]!,
  ]);
  await dropOnMap(ana.page, await fileTransfer(ana.page, 'kumu-project.xlsx', broken, XLSX));
  const dialog = ana.page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('read as Kumu spreadsheet as Excel');
  const problems = dialog.getByTestId('import-problems');
  await expect(problems).toContainText(
    "Connections row 4: Connection to 'Youth Counsil', which no element has.",
  );
  await expect(dialog.getByRole('heading', { name: '1 problem stops this import' })).toBeVisible();
  const apply = dialog.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeDisabled();
  await expect(apply).toHaveAccessibleDescription(/Nothing can be imported until this is fixed/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(ana.page.getByTestId('announcer')).toHaveText('Nothing was imported.');
  await expectCounts(ana.page, 0, 0);
  await expectCounts(ben.page, 0, 0);

  // 2. The fixed workbook: the preview counts what comes in and keeps one note (row 4's direction).
  const fixed = await kumuWorkbook(GOOD_ROWS);
  await dropOnMap(ana.page, await fileTransfer(ana.page, 'kumu-project.xlsx', fixed, XLSX));
  await expect(dialog).toBeVisible();
  const preview = dialog.getByTestId('import-preview');
  await expect(preview).toContainText('5 elements: 3 factors, 2 actors (1 organisation, 1 group)');
  await expect(preview).toContainText('4 connections: 3 causal, 1 relationship');
  await expect(problems).toContainText(
    "Connections row 4: Direction 'sideways' is not directed, undirected or mutual; read as the default.",
  );
  await expect(dialog.getByRole('radio', { name: 'This map (it is empty)' })).toBeChecked();
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(dialog).toBeHidden();
  await expectCounts(ana.page, 5, 4);
  // The second person sees the same map.
  await expectCounts(ben.page, 5, 4);
  const outlineBen = ben.page.getByRole('navigation', { name: 'Outline' });
  await expect(outlineBen.getByRole('button', { name: 'Youth Council' })).toBeVisible();
  await expect(outlineBen.getByRole('button', { name: 'Family stress' })).toBeVisible();

  // 3. Export PNG and SVG of the whole map at 2x, with a legend.
  mkdirSync(EXPORTS, { recursive: true });
  await ana.page.keyboard.press('Control+Shift+S');
  const exportDialog = ana.page.getByRole('dialog', { name: 'Export' });
  await expect(exportDialog).toBeVisible();
  await exportDialog.getByRole('radio', { name: 'GEXF (Gephi)' }).check();
  await expect(exportDialog.getByTestId('export-loses')).toContainText(
    'This format does not keep: sources (clipped evidence), loop names and notes.',
  );
  await exportDialog.getByRole('radio', { name: 'PNG image' }).check();
  await exportDialog.getByRole('radio', { name: '2x' }).check();
  await expect(exportDialog.getByRole('checkbox', { name: /Legend/ })).toBeChecked();
  const [png] = await Promise.all([
    ana.page.waitForEvent('download'),
    exportDialog.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('from-kumu.png');
  const pngPath = join(EXPORTS, 'from-kumu.png');
  await png.saveAs(pngPath);
  const pngBytes = readFileSync(pngPath);
  expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = pngBytes.readUInt32BE(16);
  const height = pngBytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(600);
  expect(height).toBeGreaterThan(300);
  await expect(exportDialog.getByTestId('export-written')).toContainText('from-kumu.png');

  await exportDialog.getByRole('radio', { name: 'SVG image' }).check();
  const [svg] = await Promise.all([
    ana.page.waitForEvent('download'),
    exportDialog.getByRole('button', { name: 'Export' }).click(),
  ]);
  const svgPath = join(EXPORTS, 'from-kumu.svg');
  await svg.saveAs(svgPath);
  const svgText = readFileSync(svgPath, 'utf8');
  expect(XMLValidator.validate(svgText)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(svgText) as { svg: unknown };
  expect(parsed.svg).toBeTruthy();
  for (const label of ['Youth Council', 'School board', 'Attendance', 'Legend'])
    expect(svgText).toContain(`>${label}</text>`);
  // Text from the file is escaped, not markup.
  expect(svgText).not.toContain('<care>');
  expect(svgText).toContain('>Causal + (same direction)</text>');
  expect(svgText).toContain('>Causal − (opposite direction)</text>');
  expect(svgText).toContain('>Relationship (actors)</text>');
  await exportDialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(exportDialog).toBeHidden();

  // A picture of the SVG as a browser draws it, to look at next to the PNG.
  const viewer = await ana.context.newPage();
  await viewer.setViewportSize({ width: 1400, height: 1000 });
  await viewer.setContent(`<body style="margin:0">${svgText.replace(/^<\?xml[^>]*>/, '')}</body>`);
  await viewer.screenshot({ path: join(EXPORTS, 'from-kumu.svg.png'), fullPage: true });
  await viewer.close();

  // 4. Undo removes the whole import in one step, for both people.
  await focusMap(ana.page);
  await ana.page.keyboard.press('Control+Z');
  await expectCounts(ana.page, 0, 0);
  await expectCounts(ben.page, 0, 0);
  await expect(ana.page.getByTestId('status-counts')).toBeVisible();

  writeFileSync(join(EXPORTS, 'README.txt'), 'Written by test/e2e/interop.spec.ts.\n');
  await ana.context.close();
  await ben.context.close();
});

test('importing into a new map, merging back by ID, and exporting data files for other tools', async ({
  browser,
  host,
}) => {
  test.setTimeout(120_000);
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const page = ana.page;
  const first = await createMap(page, host.url, 'Existing work');
  await page.getByRole('button', { name: 'Add factor' }).click();
  await expectCounts(page, 1, 0);

  // The map has content: the dialog proposes a new map, titled from the file.
  const blueprint = readFileSync(join(REPO, 'test/fixtures/formats/kumu-blueprint.json'));
  await dropOnMap(page, await fileTransfer(page, 'blueprint.json', blueprint, 'application/json'));
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByTestId('import-preview')).toContainText('6 elements');
  await expect(dialog.getByRole('radio', { name: 'A new map' })).toBeChecked();
  await expect(dialog.getByText(/Matched by ID, then by label: updates 0 elements/)).toBeVisible();
  await dialog.getByLabel('Title').fill('Blueprint copy');
  await dialog.getByRole('button', { name: 'Create map and import' }).click();
  await expect(page).not.toHaveURL(first);
  await expect(page.getByTestId('status-server')).toHaveText('Host: connected');
  await expectCounts(page, 6, 5);
  await expect(page.getByTestId('announcer')).toContainText('into “Blueprint copy”');
  const copy = page.url();

  // The same file again, merged: every record matches by ID, nothing is added.
  await dropOnMap(page, await fileTransfer(page, 'blueprint.json', blueprint, 'application/json'));
  await dialog.getByRole('radio', { name: 'Merge into this map' }).check();
  await expect(dialog).toContainText(
    'updates 6 elements and 5 connections, adds 0 elements and 0 connections',
  );
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expectCounts(page, 6, 5);

  // Data files: the native backup, Kumu CSV (one file per sheet), GEXF with network measures.
  await runExport(page, 'Weavemap (.weavemap.json)', async (files) => {
    expect(files.map((f) => f.name)).toEqual(['blueprint-copy.weavemap.json']);
    const backup = JSON.parse(files[0]!.text) as { format: string; elements: unknown[] };
    expect(backup.format).toBe('weavemap');
    expect(backup.elements).toHaveLength(6);
  });
  await runExport(
    page,
    'Kumu spreadsheet as CSV',
    async (files) => {
      expect(files.map((f) => f.name).sort()).toEqual([
        'blueprint-copy-connections.csv',
        'blueprint-copy-elements.csv',
        'blueprint-copy-loops.csv',
      ]);
    },
    3,
  );
  await runExport(
    page,
    'GEXF (Gephi)',
    async (files, dialogEl) => {
      expect(files[0]!.text).toContain('analysis:betweenness');
      await expect(dialogEl).toContainText(/Added cluster, degree, betweenness/);
    },
    1,
    true,
  );

  // A file that is not a map: said plainly, nothing written.
  await dropOnMap(
    page,
    await fileTransfer(page, 'notes.docx', Buffer.from('PK'), 'application/octet-stream'),
  );
  await expect(dialog.getByRole('alert').or(dialog.getByTestId('import-problems'))).toContainText(
    "Cannot tell the format of 'notes.docx'",
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectCounts(page, 6, 5);
  expect(page.url()).toBe(copy);
  await ana.context.close();
});

test('a Kumu backup with loops and two maps, a weight edited in the Inspector, a mixed graph as GEXF, a damaged workbook', async ({
  browser,
  host,
}) => {
  test.setTimeout(120_000);
  const ana = await newPerson(browser, 'Ana', '#4363d8');
  const page = ana.page;
  await createMap(page, host.url, 'Housing');
  const dialog = page.getByRole('dialog', { name: 'Import' });

  // A workbook cut short: said to be damaged, not "…workbook.xml.rels file not found".
  const good = await kumuWorkbook(GOOD_ROWS);
  const cut = good.subarray(0, good.length >> 1);
  await dropOnMap(page, await fileTransfer(page, 'kumu-project.xlsx', cut, XLSX));
  await expect(dialog).toContainText('This file is damaged or is not an Excel workbook (.xlsx)');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectCounts(page, 0, 0);

  // A Kumu backup: the element placed on no map is named, loops come from their connections.
  const backup = readFileSync(join(REPO, 'test/fixtures/formats/kumu-backup-loops.json'));
  await dropOnMap(page, await fileTransfer(page, 'housing.json', backup, 'application/json'));
  await expect(dialog.getByTestId('import-preview')).toContainText('4 elements');
  await expect(dialog).toContainText("on none of the backup's 2 maps ('Vacancy rate')");
  await dialog.getByRole('button', { name: /^(Apply|Create map and import)$/ }).click();
  await expect(dialog).toBeHidden();
  await expectCounts(page, 4, 5);
  const state = () =>
    page.evaluate(() => {
      const s = (
        window as unknown as {
          __weavemap: { session: { snapshot: MapSnapshot } };
        }
      ).__weavemap.session.snapshot;
      return {
        weight: s.connections.get('conn-ab')?.weight,
        ambiguous: [s.connections.get('conn-ba')?.kind, s.connections.get('conn-ba')?.polarity],
        loops: [...s.loops.values()].map((l) => l.name).sort(),
      };
    });
  expect(await state()).toEqual({
    weight: 3,
    ambiguous: ['causal', undefined],
    loops: ['Cost spiral', 'Policy response'],
  });

  // The weight in the Inspector: shown, edited, refused when not a positive number.
  await selectIds(page, ['conn-ab']);
  const weight = inspectorField(page, 'Weight (line width; blank is 1)');
  await expect(weight).toHaveValue('3');
  await weight.fill('0');
  await weight.press('Enter');
  await expect(weight).toHaveAccessibleDescription(/weight must be a number above 0/);
  await weight.fill('6');
  await weight.press('Enter');
  await expect.poll(async () => (await state()).weight).toBe(6);

  // GEXF for Gephi and NetworkX: the weight as weight=, the undirected tie of a mixed graph as mutual.
  await runExport(page, 'GEXF (Gephi)', async (files) => {
    const gexf = files[0]!.text;
    expect(gexf).toContain('defaultedgetype="directed"');
    expect(gexf).toMatch(/<edge id="conn-ab"[^>]*weight="6"/);
    expect(gexf).toMatch(/<edge id="conn-da"[^>]*type="mutual"/);
    expect(gexf).not.toContain('type="undirected"');
  });
  await ana.context.close();
});

/** Runs an export from the dialog and hands over the `expected` downloaded files (name, text). */
async function runExport(
  page: Page,
  format: string,
  check: (files: { name: string; text: string }[], dialog: Locator) => Promise<void>,
  expected = 1,
  measures = false,
): Promise<void> {
  await page.keyboard.press('Control+Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: format }).check();
  if (measures) await dialog.getByRole('checkbox', { name: /network measures/ }).check();
  const seen: Download[] = [];
  const onDownload = (d: Download) => seen.push(d);
  page.on('download', onDownload);
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect.poll(() => seen.length).toBe(expected);
  await expect(dialog.getByTestId('export-written').getByRole('listitem')).toHaveCount(expected);
  page.off('download', onDownload);
  const files = await Promise.all(
    seen.map(async (d) => ({
      name: d.suggestedFilename(),
      text: readFileSync((await d.path())!, 'utf8'),
    })),
  );
  await check(files, dialog);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();
}
