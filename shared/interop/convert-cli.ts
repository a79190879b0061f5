import { convert } from './convert';
import { detectFormat, FormatError, type FormatId, type FormatInput } from './formats';
import { formatProblem } from './model';

/**
 * `weavemap convert <in> <out> [--format <fmt>] [--to <fmt>]`: converts a map file. File access
 * comes through `io`, so this stays free of Node and of the DOM; the command line wires it to
 * the file system. Returns the exit code: 0 done, 1 the input was refused, 2 a usage error.
 *
 * Kumu CSV comes as one file per sheet: an input named `x-elements.csv` (or `x-connections.csv`)
 * is read with its siblings when they exist, and an output `x.csv` is written as
 * `x-elements.csv`, `x-connections.csv` and, when loops are named, `x-loops.csv`.
 */

export interface ConvertIo {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Normal output (what was written). */
  print(line: string): void;
  /** Problems and errors. */
  error(line: string): void;
}

export const CONVERT_USAGE = `Usage: weavemap convert <in> <out> [--format <fmt>] [--to <fmt>]

Converts a map between formats. Formats are told by the file extension:
  .weavemap.json  Weavemap           .json     Kumu JSON blueprint
  .csv            Kumu CSV sheets    .xlsx     Kumu Excel workbook
  .canvas         JSON Canvas        .gexf     GEXF (Gephi)
  .graphml        GraphML (yEd, Cytoscape, NetworkX)
--format names the input's format and --to the output's when the extension does not say
(weavemap, kumu-json, kumu-csv, kumu-xlsx, canvas, gexf, graphml).`;

const SHEETS = ['elements', 'connections', 'loops'] as const;
const SHEET_FILE = /-(elements|connections|loops)\.(csv|tsv|txt)$/i;

function parseArgs(
  argv: readonly string[],
): { positional: string[]; flags: Map<string, string> } | string {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return 'help';
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (!['format', 'from', 'to'].includes(name)) return `Unknown option --${name}.`;
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) return `--${name} needs a format name.`;
      flags.set(name === 'from' ? 'format' : name, value);
    } else positional.push(a);
  }
  return { positional, flags };
}

async function readInput(path: string, format: FormatId, io: ConvertIo): Promise<FormatInput> {
  if (format !== 'kumu-csv') return io.readFile(path);
  const m = SHEET_FILE.exec(path);
  if (!m) return io.readFile(path);
  const stem = path.slice(0, m.index);
  const ext = m[2]!;
  const files: Record<string, Uint8Array> = {};
  for (const sheet of SHEETS) {
    const p = `${stem}-${sheet}.${ext}`;
    if (p === path || (await io.exists(p))) files[sheet] = await io.readFile(p);
  }
  return files;
}

function outputPath(out: string, part: string): string {
  if (!part) return out;
  const m = /\.(csv|tsv|txt)$/i.exec(out);
  const ext = m ? m[0] : '.csv';
  const stem = (m ? out.slice(0, m.index) : out).replace(/-(elements|connections|loops)$/i, '');
  return `${stem}-${part}${ext}`;
}

export async function runConvert(argv: readonly string[], io: ConvertIo): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.print(CONVERT_USAGE);
    return 0;
  }
  if (typeof args === 'string' || args.positional.length !== 2) {
    io.error(typeof args === 'string' ? args : 'convert needs an input and an output file.');
    io.error(CONVERT_USAGE);
    return 2;
  }
  const [inPath, outPath] = args.positional as [string, string];
  if (inPath === outPath) {
    io.error('The output would overwrite the input: name another output file.');
    return 2;
  }
  let from: FormatId;
  let to: FormatId;
  try {
    from = detectFormat(inPath, args.flags.get('format'));
    to = detectFormat(outPath, args.flags.get('to'));
  } catch (e) {
    if (e instanceof FormatError) {
      io.error(e.message);
      return 2;
    }
    throw e;
  }
  if (!(await io.exists(inPath))) {
    io.error(`No such file: ${inPath}`);
    return 2;
  }
  const result = await convert(await readInput(inPath, from, io), from, to);
  if (!result.ok) {
    io.error(`${inPath} was not converted: nothing was written.`);
    for (const p of result.problems) io.error(`  ${formatProblem(p)}`);
    return 1;
  }
  for (const p of result.problems) io.error(`warning: ${formatProblem(p)}`);
  const written: string[] = [];
  for (const f of result.files) {
    const path = outputPath(outPath, f.part);
    await io.writeFile(path, f.data);
    written.push(path);
  }
  const c = result.counts;
  io.print(
    `Wrote ${written.join(', ')}: ${c.elements} elements, ${c.connections} connections, ${c.loops} named loops, ${c.sources} sources.`,
  );
  return 0;
}
