import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../shared/interop/index';
import { readBytes, readImportFiles } from './read-files';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/formats/${name}`, import.meta.url)));

const file = (name: string, data: Uint8Array | string): File =>
  new File([typeof data === 'string' ? data : new Uint8Array(data)], name);

describe('readImportFiles', () => {
  it('reads a Kumu workbook and reports progress while reading', async () => {
    const stages: string[] = [];
    const out = await readImportFiles([file('project.xlsx', fixture('kumu.xlsx'))], (s) =>
      stages.push(s),
    );
    expect(out.format).toBe('kumu-xlsx');
    expect(out.result.ok).toBe(true);
    if (out.result.ok)
      expect(out.result.map.elements.map((e) => e.label)).toContain('Youth Council');
    expect(stages.some((s) => s.startsWith('Reading project.xlsx'))).toBe(true);
  });

  it('names the rows that stop an import', async () => {
    const out = await readImportFiles([
      file('elements.csv', fixture('kumu-elements.csv')),
      file('connections.csv', fixture('missing-element-connections.csv')),
    ]);
    expect(out.result.ok).toBe(false);
    expect(out.result.problems.map(formatProblem)).toContain(
      "Connections row 2: Connection to 'Youth Counsil', which no element has.",
    );
  });

  it('takes the sheets of a CSV spreadsheet in any order, told by their header rows', async () => {
    const out = await readImportFiles([
      file('b.csv', fixture('kumu-connections.csv')),
      file('a.csv', fixture('kumu-elements.csv')),
    ]);
    expect(out.result.ok).toBe(true);
    if (out.result.ok) expect(out.result.map.connections.length).toBeGreaterThan(0);
  });

  it('refuses a file over the limit before reading a byte of it', async () => {
    let streamed = false;
    const big = {
      name: 'huge.gexf',
      size: 60 * 1024 * 1024,
      stream() {
        streamed = true;
        return new Blob([]).stream();
      },
    };
    const out = await readImportFiles([big]);
    expect(streamed).toBe(false);
    expect(out.result.ok).toBe(false);
    expect(formatProblem(out.result.problems[0]!)).toBe(
      '“huge.gexf” is 60.0 MB: Weavemap imports files up to 50.0 MB. Split it, or remove columns it does not need.',
    );
  });

  it('refuses a file that turns out larger than it said, while reading', async () => {
    const liar = { name: 'x.csv', size: 10, stream: () => new Blob(['x'.repeat(5000)]).stream() };
    await expect(readBytes(liar, undefined, 1000)).rejects.toThrow('larger than 1 KB');
    const out = await readImportFiles([liar], undefined, 1000);
    expect(out.result.ok).toBe(false);
  });

  it('says which formats it knows when the name does not tell, and refuses mixed drops', async () => {
    const unknown = await readImportFiles([file('notes.docx', 'x')]);
    expect(formatProblem(unknown.result.problems[0]!)).toMatch(
      /^Cannot tell the format of 'notes.docx' from its extension \(known: .*\.gexf.*\)\.$/,
    );
    const mixed = await readImportFiles([file('a.gexf', 'x'), file('b.graphml', 'y')]);
    expect(formatProblem(mixed.result.problems[0]!)).toContain('different formats');
  });

  it('passes on the refusal of hostile XML', async () => {
    const out = await readImportFiles([file('bomb.gexf', fixture('billion-laughs.gexf'))]);
    expect(out.result.ok).toBe(false);
    expect(out.result.problems.map(formatProblem).join(' ')).toMatch(/DOCTYPE|entit/i);
  });
});
