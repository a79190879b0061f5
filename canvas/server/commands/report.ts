import { writeFile } from 'node:fs/promises';
import { buildReport } from '../../../shared/report/model';
import { reportHtml } from '../../../shared/report/html';
import { reportMarkdown } from '../../../shared/report/markdown';
import { readSnapshot } from '../../../shared/schema/snapshot';
import { importSessionJson, readSessionSnapshot } from '../../../shared/session/layout';
import { readMapFile } from './map-file';
import { parseCommandArgs } from './args';
import type { Command } from './types';
import { UsageError } from './types';
import { readStories } from '../../../shared/story/story';

const USAGE = `Usage: weavemap report <file.weavemap.json> [--out FILE] [--format html|md]

  Makes the session report of an exported map: the map as an image, loops, leverage points with
  votes, introductions proposed, actions, reflections, sources cited and who took part.

  --out FILE       where to write it (default: print to standard output)
  --format FMT     html (self-contained page, printable to PDF) or md (Markdown); default: from
                   the --out extension (.md -> md), else html

  The facilitation part (actions, reflections, votes, who took part) comes from the file's
  "session" member when it has one.`;

export interface ReportArgs {
  file: string;
  out?: string;
  format: 'html' | 'md';
}

export function parseReportArgs(args: readonly string[]): ReportArgs {
  const { values, positionals } = parseCommandArgs(
    args,
    { out: { type: 'string' }, format: { type: 'string' } },
    USAGE,
  );
  const [file, extra] = positionals;
  if (file === undefined)
    throw new UsageError('Which map? Give the path of a .weavemap.json file.', USAGE);
  if (extra !== undefined)
    throw new UsageError(`One map at a time: ${JSON.stringify(extra)} is extra.`, USAGE);
  const out = values.out as string | undefined;
  const format = values.format as string | undefined;
  const chosen = format ?? (out && /\.(md|markdown)$/i.test(out) ? 'md' : 'html');
  if (chosen !== 'html' && chosen !== 'md')
    throw new UsageError(`--format must be html or md, not ${JSON.stringify(chosen)}.`, USAGE);
  return { file, format: chosen, ...(out !== undefined ? { out } : {}) };
}

/** Reads a `.weavemap.json` (with its optional `session` member) and makes the report text. */
export async function makeReportFromFile(
  file: string,
  format: 'html' | 'md',
  generatedAt = new Date(),
): Promise<string> {
  const { doc, value } = await readMapFile(file, 'report');
  importSessionJson(doc, value.session, 'report');
  const model = buildReport({
    map: readSnapshot(doc),
    session: readSessionSnapshot(doc),
    stories: readStories(doc),
    generatedAt,
  });
  return format === 'md' ? reportMarkdown(model) : reportHtml(model);
}

export const reportCommand: Command = {
  summary: 'make the session report (HTML or Markdown) of an exported .weavemap.json map',
  usage: USAGE,
  async run(args, io) {
    const { file, out, format } = parseReportArgs(args);
    const report = await makeReportFromFile(file, format);
    if (out === undefined) {
      io.out(report);
      return 0;
    }
    await writeFile(out, report, 'utf8');
    io.err(`Wrote the ${format === 'md' ? 'Markdown' : 'HTML'} report to ${out}`);
    return 0;
  },
};
