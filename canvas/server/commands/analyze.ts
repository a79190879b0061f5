import { writeFile } from 'node:fs/promises';
import type { AnalyzeOptions, FindLoopsOptions, MapAnalysis } from '../../../shared/analysis/index';
import { analyzeMapOn } from '../../../shared/analysis/index';
import { withPathThreads } from '../analysis/node-path-threads';
import { readSnapshot } from '../../../shared/schema/snapshot';
import type { MapSnapshot } from '../../../shared/schema/types';
import { readSessionSnapshot } from '../../../shared/session/layout';
import { leverageVotes } from '../../../shared/session/votes';
import { analysisText, DEFAULT_TOP } from './analysis-text';
import { readMapFile } from './map-file';
import { parseCommandArgs } from './args';
import type { Command } from './types';
import { UsageError } from './types';

const USAGE = `Usage: weavemap analyze <file.weavemap.json> [--json] [--top N] [--out FILE]
                        [--max-loops N] [--max-length N] [--loop-time MS]

  Analyses an exported map with the same code as the canvas's analysis views, and prints:
  a summary, the feedback loops (R reinforcing, B balancing, with the names the group gave
  them), the leverage ranking with who can move each point, the network metrics of every
  actor, clusters, brokers, bridges, isolates and suggested introductions (weaving).

  --json           print the whole analysis result as JSON instead (for scripts)
  --top N          at most N rows in each list of the text output (default 20; "all" for no
                   limit); leftovers are counted. Also how many leverage points get "who can
                   move it" (at least 20, as in the canvas)
  --out FILE       write to FILE instead of standard output
  --max-loops N    stop the loop search after N loops (default 1000)
  --max-length N   list loops of up to N links (default 12)
  --loop-time MS   time budget of the loop search in milliseconds (default 200)

  Revealed dot votes in the file's "session" member count in the leverage ranking, as they do
  on the canvas.`;

export interface AnalyzeArgs {
  file: string;
  json: boolean;
  /** Rows per list in the text output; Infinity for all. */
  top: number;
  out?: string;
  loops: FindLoopsOptions;
}

const OPTIONS = {
  json: { type: 'boolean' },
  out: { type: 'string' },
  top: { type: 'string' },
  'max-loops': { type: 'string' },
  'max-length': { type: 'string' },
  'loop-time': { type: 'string' },
} as const;

function positiveInteger(flag: string, value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(
      `--${flag} must be a whole number of 1 or more, not ${JSON.stringify(value)}.`,
      USAGE,
    );
  return n;
}

export function parseAnalyzeArgs(args: readonly string[]): AnalyzeArgs {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const [file, extra] = positionals;
  if (file === undefined)
    throw new UsageError('Which map? Give the path of a .weavemap.json file.', USAGE);
  if (extra !== undefined)
    throw new UsageError(`One map at a time: ${JSON.stringify(extra)} is extra.`, USAGE);
  const text = (name: keyof typeof OPTIONS) => values[name] as string | undefined;
  const loops: { maxLoops?: number; maxLength?: number; timeBudgetMs?: number } = {};
  const maxLoops = text('max-loops');
  if (maxLoops !== undefined) loops.maxLoops = positiveInteger('max-loops', maxLoops);
  const maxLength = text('max-length');
  if (maxLength !== undefined) loops.maxLength = positiveInteger('max-length', maxLength);
  const loopTime = text('loop-time');
  if (loopTime !== undefined) loops.timeBudgetMs = positiveInteger('loop-time', loopTime);
  const topText = text('top');
  const top =
    topText === undefined
      ? DEFAULT_TOP
      : topText === 'all'
        ? Infinity
        : positiveInteger('top', topText);
  const out = text('out');
  return { file, json: values.json === true, top, loops, ...(out !== undefined ? { out } : {}) };
}

/**
 * The options the canvas's analysis store passes to the worker (leverage limit 50, "who can
 * move it" for each of them with 8 actors each), with the loop search limits from the command
 * line.
 */
export function analyzeOptions(
  args: Pick<AnalyzeArgs, 'loops'>,
  votes: ReadonlyMap<string, number>,
): AnalyzeOptions {
  return {
    loops: args.loops,
    leverage: { votes, limit: 50 },
    movers: { top: 50, perFactor: 8 },
  };
}

export interface AnalyzedFile {
  readonly snapshot: MapSnapshot;
  readonly options: AnalyzeOptions;
  readonly result: MapAnalysis;
}

/**
 * Reads a `.weavemap.json` and runs `analyzeMap` on it (with the file's revealed votes). On a big
 * map the betweenness searches are shared between worker threads, one per core up to four.
 */
export async function analyzeFile(
  file: string,
  args: Pick<AnalyzeArgs, 'loops'> = { loops: {} },
): Promise<AnalyzedFile> {
  const { doc } = await readMapFile(file, 'analyze');
  const snapshot = readSnapshot(doc);
  const votes = leverageVotes(readSessionSnapshot(doc).votes.values());
  const options = analyzeOptions(args, votes);
  const result = await withPathThreads((threads) => analyzeMapOn(threads, snapshot, options));
  return { snapshot, options, result };
}

export const analyzeCommand: Command = {
  summary: 'print the loops, leverage, network metrics, clusters and weaving of a .weavemap.json',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseAnalyzeArgs(args);
    const { snapshot, result } = await analyzeFile(parsed.file, parsed);
    const text = parsed.json
      ? JSON.stringify(result, null, 2)
      : analysisText(snapshot, result, { file: parsed.file, top: parsed.top });
    if (parsed.out === undefined) {
      io.out(text);
      return 0;
    }
    await writeFile(parsed.out, `${text}\n`, 'utf8');
    io.err(`Wrote the ${parsed.json ? 'JSON ' : ''}analysis to ${parsed.out}`);
    return 0;
  },
};
