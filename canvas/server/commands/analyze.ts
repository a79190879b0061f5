import { writeFile } from 'node:fs/promises';
import type {
  ActorMetrics,
  AnalyzeOptions,
  FindLoopsOptions,
  Loop,
  MapAnalysis,
} from '../../../shared/analysis/index';
import { analyzeMap } from '../../../shared/analysis/index';
import { readSnapshot } from '../../../shared/schema/snapshot';
import type { MapSnapshot } from '../../../shared/schema/types';
import { readSessionSnapshot } from '../../../shared/session/layout';
import { leverageVotes } from '../../../shared/session/votes';
import { readMapFile } from './map-file';
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

/** Long lists are cut at this many rows unless `--top` says otherwise. */
export const DEFAULT_TOP = 20;

export interface AnalyzeArgs {
  file: string;
  json: boolean;
  /** Rows per list in the text output; Infinity for all. */
  top: number;
  out?: string;
  loops: FindLoopsOptions;
}

const VALUE_FLAGS = ['out', 'top', 'max-loops', 'max-length', 'loop-time'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

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
  let file: string | undefined;
  let json = false;
  let top = DEFAULT_TOP;
  let out: string | undefined;
  const loops: { maxLoops?: number; maxLength?: number; timeBudgetMs?: number } = {};
  const pattern = new RegExp(`^--(${VALUE_FLAGS.join('|')})(?:=(.*))?$`);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') {
      json = true;
      continue;
    }
    const match = pattern.exec(arg);
    if (match) {
      const flag = match[1] as ValueFlag;
      const value = match[2] ?? args[++i];
      if (value === undefined || value === '')
        throw new UsageError(`--${flag} needs a value.`, USAGE);
      if (flag === 'out') out = value;
      else if (flag === 'top') top = value === 'all' ? Infinity : positiveInteger(flag, value);
      else if (flag === 'max-loops') loops.maxLoops = positiveInteger(flag, value);
      else if (flag === 'max-length') loops.maxLength = positiveInteger(flag, value);
      else loops.timeBudgetMs = positiveInteger(flag, value);
    } else if (arg.startsWith('-') && arg !== '-')
      throw new UsageError(`Unknown option ${JSON.stringify(arg)}.`, USAGE);
    else if (file === undefined) file = arg;
    else throw new UsageError(`One map at a time: ${JSON.stringify(arg)} is extra.`, USAGE);
  }
  if (file === undefined)
    throw new UsageError('Which map? Give the path of a .weavemap.json file.', USAGE);
  return { file, json, top, loops, ...(out !== undefined ? { out } : {}) };
}

/**
 * The options the canvas's analysis store passes to the worker (leverage limit 50, "who can
 * move it" for the top 20 with 8 actors each), with the loop search limits from the command
 * line and at least `top` leverage points given their movers.
 */
export function analyzeOptions(
  args: Pick<AnalyzeArgs, 'top' | 'loops'>,
  votes: ReadonlyMap<string, number>,
): AnalyzeOptions {
  return {
    loops: args.loops,
    leverage: { votes, limit: 50 },
    movers: { top: Math.min(50, Math.max(20, args.top)), perFactor: 8 },
  };
}

export interface AnalyzedFile {
  readonly snapshot: MapSnapshot;
  readonly options: AnalyzeOptions;
  readonly result: MapAnalysis;
}

/** Reads a `.weavemap.json` and runs `analyzeMap` on it (with the file's revealed votes). */
export async function analyzeFile(
  file: string,
  args: Pick<AnalyzeArgs, 'top' | 'loops'> = { top: DEFAULT_TOP, loops: {} },
): Promise<AnalyzedFile> {
  const { doc } = await readMapFile(file, 'analyze');
  const snapshot = readSnapshot(doc);
  const votes = leverageVotes(readSessionSnapshot(doc).votes.values());
  const options = analyzeOptions(args, votes);
  return { snapshot, options, result: analyzeMap(snapshot, options) };
}

// ---------------------------------------------------------------------------------------------
// The text report.

/** Widest a label gets in a table column or a list line. */
const LABEL_WIDTH = 40;
const LINE_WIDTH = 100;

/**
 * Control characters (C0, DEL, C1) and bidirectional overrides: a label from a shared map
 * must not move the cursor, recolour or reorder the researcher's terminal.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function short(label: string, max = LABEL_WIDTH): string {
  const clean = oneLine(label) || '(no label)';
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

const fmtInt = (n: number): string => n.toLocaleString('en-US');
const fmt3 = (v: number | null): string => (v === null ? '-' : v.toFixed(3));
const count = (n: number, one: string, many = `${one}s`): string =>
  `${fmtInt(n)} ${n === 1 ? one : many}`;

/** A sentence from an explanation fragment: capital first, full stop last. */
function sentence(text: string): string {
  const t = oneLine(text);
  if (!t) return t;
  const s = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(s) ? s : `${s}.`;
}

/** Greedy word wrap, at most `width` columns, continuation lines indented by `indent`. */
function wrap(text: string, width: number, indent: string, first = indent): string[] {
  const words = oneLine(text).split(' ');
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** Pieces joined on one line while they fit, then on the next (for loop chains). */
function wrapPieces(pieces: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const piece of pieces) {
    if (line.length > indent.length && line.length + piece.length > width) {
      lines.push(line.trimEnd());
      line = indent + piece.trimStart();
    } else line += piece;
  }
  lines.push(line.trimEnd());
  return lines;
}

interface Column {
  readonly title: string;
  readonly right?: boolean;
}

/** A plain-text table: columns padded to their widest cell, numbers right-aligned. */
function table(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  indent = '  ',
): string[] {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    (
      indent +
      cells
        .map((cell, i) => (columns[i]!.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
    ).trimEnd();
  return [
    line(columns.map((c) => c.title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
}

function heading(title: string): string[] {
  return ['', title, '='.repeat(title.length)];
}

function subheading(title: string): string[] {
  return ['', title, '-'.repeat(title.length)];
}

/** "... and 12 more (--top N to show more, --json for everything)." */
function leftOver(total: number, shown: number, what: string): string[] {
  if (total <= shown) return [];
  return [
    `  ... and ${fmtInt(total - shown)} more ${what} (--top N to show more, --json for all).`,
  ];
}

/** The arrow into the next factor: `->`, `-(-)->` for a negative link, `||` marks a delay. */
function arrow(snapshot: MapSnapshot, connectionId: string): string {
  const c = snapshot.connections.get(connectionId);
  const negative = c?.polarity === '-';
  const delay = c?.delay === true;
  const marks = `${negative ? '(-)' : ''}${delay ? '||' : ''}`;
  return marks ? ` -${marks}-> ` : ' -> ';
}

function loopChain(snapshot: MapSnapshot, loop: Loop): string[] {
  const label = (id: string) => short(snapshot.elements.get(id)?.label ?? id, 60);
  const pieces = loop.elements.map((id, i) =>
    i === 0 ? label(id) : `${arrow(snapshot, loop.connections[i - 1]!)}${label(id)}`,
  );
  pieces.push(`${arrow(snapshot, loop.connections[loop.length - 1]!)}${label(loop.elements[0]!)}`);
  return wrapPieces(pieces, LINE_WIDTH, '      ');
}

function summarySection(snapshot: MapSnapshot, result: MapAnalysis): string[] {
  const byKind = new Map<string, number>();
  for (const e of snapshot.elements.values()) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
  const linkKinds = new Map<string, number>();
  for (const c of snapshot.connections.values())
    linkKinds.set(c.kind, (linkKinds.get(c.kind) ?? 0) + 1);
  const kinds = (m: Map<string, number>, names: Record<string, [string, string]>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k, n]) => count(n, names[k]?.[0] ?? k, names[k]?.[1] ?? `${k}s`))
      .join(', ');
  const elementNames: Record<string, [string, string]> = {
    factor: ['factor', 'factors'],
    actor: ['actor', 'actors'],
    intervention: ['intervention', 'interventions'],
    note: ['note', 'notes'],
    group: ['frame', 'frames'],
  };
  const linkNames: Record<string, [string, string]> = {
    causal: ['causal link', 'causal links'],
    relationship: ['relationship', 'relationships'],
  };
  const { system, network } = result;
  const rows: [string, string][] = [
    [
      'Elements',
      `${fmtInt(snapshot.elements.size)}${byKind.size ? ` (${kinds(byKind, elementNames)})` : ''}`,
    ],
    ['Factors', fmtInt(byKind.get('factor') ?? 0)],
    ['Actors', fmtInt(network.actors.length)],
    [
      'Links',
      `${fmtInt(snapshot.connections.size)}${linkKinds.size ? ` (${kinds(linkKinds, linkNames)})` : ''}`,
    ],
    [
      'System lens',
      `${count(system.factors, 'element')} in ${count(system.causalLinks, 'usable causal link')}`,
    ],
    ['Network lens', `${count(network.actors.length, 'actor')}, ${count(network.ties, 'tie')}`],
    ['Analysed in', `${result.elapsedMs} ms`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [...heading('Summary'), ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
}

function loopsSection(
  snapshot: MapSnapshot,
  result: MapAnalysis,
  top: number,
  label: (id: string) => string,
): string[] {
  const { loops, loopNotes } = result.system;
  const lines = [...heading('Feedback loops'), loops.summary];
  const names = new Map<string, string>();
  for (const m of loopNotes) if (m.loop && m.name.trim()) names.set(m.loop.signature, m.name);
  if (loops.loops.length) {
    lines.push('Arrows: -> same direction, -(-)-> opposite direction, || with a delay.', '');
    const shown = loops.loops.slice(0, top);
    const labelWidth = Math.max(...shown.map((l) => l.label.length));
    for (const loop of shown) {
      const name = names.get(loop.signature);
      const facts = [
        loop.polarity === 'R' ? 'reinforcing' : 'balancing',
        count(loop.length, 'link'),
        loop.hasDelay ? 'delayed' : '',
        loop.assumedPositive.length
          ? `${count(loop.assumedPositive.length, 'link')} without polarity, counted as +`
          : '',
      ].filter(Boolean);
      lines.push(
        `  ${loop.label.padEnd(labelWidth)}  ${facts.join(', ')}${name ? `  "${short(name, 60)}"` : ''}`,
        ...loopChain(snapshot, loop),
      );
    }
    lines.push(...leftOver(loops.loops.length, shown.length, 'loops'));
  }
  if (loops.skipped.length)
    lines.push(
      '',
      `${count(loops.skipped.length, 'causal link')} left out of the loop search (no direction of influence, or a self-link): see --json "skipped".`,
    );
  if (loopNotes.length) {
    lines.push(...subheading('Loops the group named'));
    const shown = loopNotes.slice(0, top);
    for (const m of shown) {
      const name = m.name.trim() ? `"${short(m.name, 60)}"` : '(unnamed note)';
      const where = m.loop ? `${m.loop.label || 'not listed'}, ${m.status}` : m.status;
      lines.push(`  ${name}  (${where})`);
      if (m.note.trim()) lines.push(...wrap(`Note: ${m.note}`, LINE_WIDTH, '      '));
      if (m.status === 'broken') {
        lines.push(...wrap(sentence(m.explanation), LINE_WIDTH, '      '));
        lines.push(...wrap(`Members: ${m.members.map(label).join(', ')}.`, LINE_WIDTH, '      '));
        if (m.missingMembers.length)
          lines.push(
            ...wrap(
              `No longer in a causal link: ${m.missingMembers.map(label).join(', ')}.`,
              LINE_WIDTH,
              '      ',
            ),
          );
      }
    }
    lines.push(...leftOver(loopNotes.length, shown.length, 'named loops'));
  }
  return lines;
}

function leverageSection(result: MapAnalysis, top: number): string[] {
  const { leverage, movers } = result.system;
  const lines = [...heading('Leverage')];
  if (!leverage.length) {
    lines.push('No leverage points yet: draw causal links between factors.');
    return lines;
  }
  lines.push(
    'Ranked by loops through each factor, how far it reaches, how many paths it lies on' +
      (leverage.some((c) => c.votes > 0) ? ', and the group’s revealed votes.' : '.'),
    '',
  );
  const moversOf = new Map(movers.map((m) => [m.elementId, m.actors]));
  const shown = leverage.slice(0, top);
  const rankWidth = String(shown[shown.length - 1]!.rank).length;
  for (const c of shown) {
    const level =
      c.level === null
        ? ''
        : `  Meadows ${c.level}${c.levelSource === 'suggested' ? ' (suggested)' : ''}: ${c.levelName ?? ''}`;
    const votes = c.votes > 0 ? `  ${count(c.votes, 'vote')}` : '';
    lines.push(
      `  ${String(c.rank).padStart(rankWidth)}. ${short(c.label, 60)}  score ${c.score.toFixed(3)}${votes}`,
    );
    const pad = ' '.repeat(rankWidth + 4);
    if (level) lines.push(...wrap(level.trim(), LINE_WIDTH, pad));
    lines.push(...wrap(sentence(c.explanation), LINE_WIDTH, pad));
    const actors = moversOf.get(c.elementId);
    if (actors) {
      const names = actors.map((a) =>
        a.distance === 1
          ? `${short(a.label)}${a.influences ? ' (directly)' : ' (linked)'}`
          : `${short(a.label)} (via ${a.via.map((v) => short(v.label)).join(', ')})`,
      );
      lines.push(
        ...wrap(
          `Who can move it: ${names.length ? names.join('; ') : 'no actor is linked to it yet'}.`,
          LINE_WIDTH,
          pad,
        ),
      );
    }
  }
  lines.push(...leftOver(leverage.length, shown.length, 'leverage points'));
  return lines;
}

function byBetweenness(a: ActorMetrics, b: ActorMetrics): number {
  return (
    b.betweenness - a.betweenness ||
    b.degree - a.degree ||
    (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function networkSection(result: MapAnalysis, top: number, label: (id: string) => string): string[] {
  const net = result.network;
  const lines = [...heading('Network metrics')];
  if (!net.actors.length) {
    lines.push('No actors on the map: the network lens has nothing to measure.');
    return lines;
  }
  lines.push(
    `${count(net.actors.length, 'actor')}, ${count(net.ties, 'tie')}, ${count(net.clusters.length, 'cluster')}` +
      (net.clusters.length > 1 ? ` (modularity ${net.modularity.toFixed(2)}).` : '.'),
  );
  if (!net.betweennessSample.exact)
    lines.push(
      `Betweenness is estimated from a sample of ${fmtInt(net.betweennessSample.samples)} of ${fmtInt(net.betweennessSample.of)} actors.`,
    );
  if (!net.eigenvectorConverged)
    lines.push('Eigenvector centrality did not settle: read it as approximate.');
  const sorted = [...net.actors].sort(byBetweenness);
  const shown = sorted.slice(0, top);
  lines.push(
    shown.length < sorted.length
      ? `Sorted by betweenness; the top ${fmtInt(shown.length)} of ${fmtInt(sorted.length)}.`
      : 'Sorted by betweenness.',
    '',
  );
  lines.push(
    ...table(
      [
        { title: 'Actor' },
        { title: 'Degree', right: true },
        { title: 'In', right: true },
        { title: 'Out', right: true },
        { title: 'Betweenness', right: true },
        { title: 'Closeness', right: true },
        { title: 'Eigenvector', right: true },
        { title: 'Cluster', right: true },
        { title: 'Constraint', right: true },
      ],
      shown.map((a) => [
        short(a.label, 36),
        String(a.degree),
        String(a.inDegree),
        String(a.outDegree),
        fmt3(a.betweenness),
        fmt3(a.closeness),
        fmt3(a.eigenvector),
        a.isolate ? '-' : String(a.cluster + 1),
        fmt3(a.constraint),
      ]),
    ),
  );
  lines.push(...leftOver(sorted.length, shown.length, 'actors'));

  lines.push(...heading('Clusters'));
  const clusters = net.clusters.slice(0, top);
  for (const c of clusters) {
    const members = c.members.slice(0, top).map(label);
    const more =
      c.members.length > members.length
        ? ` and ${fmtInt(c.members.length - members.length)} more`
        : '';
    lines.push(`  ${c.label}: ${count(c.size, 'actor')}`);
    lines.push(...wrap(`${members.join(', ')}${more}.`, LINE_WIDTH, '      '));
  }
  lines.push(...leftOver(net.clusters.length, clusters.length, 'clusters'));

  lines.push(...heading('Brokers'));
  if (!net.brokers.length) lines.push('No brokers: nobody links contacts who are not linked.');
  const brokers = net.brokers.slice(0, top);
  for (const b of brokers) {
    lines.push(
      `  ${short(b.label)}  constraint ${b.constraint.toFixed(3)}, effective size ${b.effectiveSize.toFixed(2)}, ${count(b.degree, 'contact')}`,
      ...wrap(sentence(b.explanation), LINE_WIDTH, '      '),
    );
  }
  lines.push(...leftOver(net.brokers.length, brokers.length, 'brokers'));

  lines.push(...heading('Bridges'));
  if (!net.bridges.length) lines.push('No bridges: no single tie holds two parts together.');
  const bridges = net.bridges.slice(0, top);
  for (const b of bridges) {
    lines.push(
      `  ${label(b.from)} -- ${label(b.to)}${b.pendant ? '  (only tie in)' : `  (${fmtInt(b.fromSide)} | ${fmtInt(b.toSide)} people)`}`,
      ...wrap(sentence(b.explanation), LINE_WIDTH, '      '),
    );
  }
  lines.push(...leftOver(net.bridges.length, bridges.length, 'bridges'));

  lines.push(...heading('Isolates'));
  if (!net.isolates.length) lines.push('None: every actor has at least one relationship.');
  else
    lines.push(
      ...wrap(
        `${net.isolates
          .slice(0, top)
          .map((i) => short(i.label))
          .join(', ')}.`,
        LINE_WIDTH,
        '  ',
      ),
    );
  lines.push(...leftOver(net.isolates.length, Math.min(top, net.isolates.length), 'isolates'));

  lines.push(...heading('Weaving suggestions'));
  if (!net.weaving.length)
    lines.push(
      'No introductions to suggest: no two actors in different clusters share a tag, a factor or a contact.',
    );
  const weaving = net.weaving.slice(0, top);
  for (const w of weaving) {
    lines.push(
      `  ${short(w.aLabel)} + ${short(w.bLabel)}  (clusters ${w.clusterA + 1} and ${w.clusterB + 1})`,
      ...wrap(sentence(w.reason), LINE_WIDTH, '      '),
    );
  }
  lines.push(...leftOver(net.weaving.length, weaving.length, 'suggestions'));
  return lines;
}

/** The analysis as plain text for a researcher: sections, columns, no colours. */
export function analysisText(
  snapshot: MapSnapshot,
  result: MapAnalysis,
  options: { file?: string; top?: number } = {},
): string {
  const top = options.top ?? DEFAULT_TOP;
  const label = (id: string) => short(snapshot.elements.get(id)?.label ?? id);
  const title = oneLine(String(snapshot.meta.title ?? '')) || 'Untitled map';
  const lines = [
    `Weavemap analysis: ${title}`,
    ...(options.file ? [`File: ${options.file}`] : []),
    ...summarySection(snapshot, result),
    ...loopsSection(snapshot, result, top, label),
    ...leverageSection(result, top),
    ...networkSection(result, top, label),
  ];
  return lines.join('\n').replace(UNSAFE, '');
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
