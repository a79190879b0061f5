import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeMap } from '../../../shared/analysis/index';
import { exportNative } from '../../../shared/interop/native';
import { exampleSessionDoc } from '../../../shared/report/testing';
import { readSnapshot } from '../../../shared/schema/snapshot';
import { exportSessionJson } from '../../../shared/session/layout';
import { runCli } from '../cli';
import { tempDir } from '../testing/host';
import { DEFAULT_TOP } from './analysis-text';
import { analyzeFile, analyzeOptions, parseAnalyzeArgs } from './analyze';
import type { CommandIO } from './types';
import { UsageError } from './types';

const EXAMPLE = fileURLToPath(
  new URL('../../../shared/examples/school-readiness.weavemap.json', import.meta.url),
);

function capture(): CommandIO & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), env: {} };
}

async function run(args: string[]) {
  const io = capture();
  const code = await runCli(['analyze', ...args], io);
  return { code, out: io.lines.join('\n'), err: io.errors.join('\n') };
}

/** The example file with changes to its parsed JSON, written to a temporary file. */
function exampleWith(change: (file: Record<string, unknown>) => void): string {
  const value = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
  change(value);
  const path = join(tempDir(), 'changed.weavemap.json');
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** Run times differ between two runs; everything else must not. */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'elapsedMs' && k !== 'timings')
      .map(([k, v]) => [k, withoutTimes(v)]),
  );
}

describe('parseAnalyzeArgs', () => {
  it('reads the file and options, in both flag forms', () => {
    expect(parseAnalyzeArgs(['map.weavemap.json'])).toEqual({
      file: 'map.weavemap.json',
      json: false,
      top: DEFAULT_TOP,
      loops: {},
    });
    expect(
      parseAnalyzeArgs([
        '--json',
        'm.json',
        '--top=5',
        '--out',
        'a.json',
        '--max-loops',
        '50',
        '--max-length=6',
        '--loop-time',
        '2000',
      ]),
    ).toEqual({
      file: 'm.json',
      json: true,
      top: 5,
      out: 'a.json',
      loops: { maxLoops: 50, maxLength: 6, timeBudgetMs: 2000 },
    });
    expect(parseAnalyzeArgs(['m.json', '--top', 'all']).top).toBe(Infinity);
  });

  it('refuses a missing or extra file, unknown flags and bad numbers, with the usage', () => {
    for (const [args, message] of [
      [[], 'Which map?'],
      [['a.json', 'b.json'], 'One map at a time'],
      [['a.json', '--verbose'], 'Unknown option "--verbose"'],
      [['a.json', '--top'], '--top needs a value'],
      [['a.json', '--out='], '--out needs a value'],
      [['a.json', '--top', '0'], '--top must be a whole number'],
      [['a.json', '--top', '2.5'], '--top must be a whole number'],
      [['a.json', '--max-loops', 'many'], '--max-loops must be a whole number'],
      [['a.json', '--max-length', '-3'], '--max-length'],
      [['a.json', '--loop-time', '1e3'], '--loop-time must be a whole number'],
    ] as const) {
      let error: unknown;
      try {
        parseAnalyzeArgs(args);
      } catch (e) {
        error = e;
      }
      expect(error, args.join(' ')).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toContain(message);
      expect((error as UsageError).usage).toContain('Usage: weavemap analyze');
    }
  });

  it('exits with code 2 and the usage for a bad command line', async () => {
    const { code, err } = await run(['--top', 'x', EXAMPLE]);
    expect(code).toBe(2);
    expect(err).toContain('--top must be a whole number');
    expect(err).toContain('Usage: weavemap analyze');
  });
});

describe('weavemap analyze', () => {
  it('prints the example map’s loops with R and B, the leverage ranking and the clusters', async () => {
    const { code, out, err } = await run([EXAMPLE]);
    expect(code).toBe(0);
    expect(err).toBe('');
    const { result } = await analyzeFile(EXAMPLE);
    const sections = [
      'Summary',
      'Feedback loops',
      'Leverage',
      'Network metrics',
      'Clusters',
      'Brokers',
      'Bridges',
      'Isolates',
      'Weaving suggestions',
    ];
    const at = sections.map((s) => out.indexOf(`\n${s}\n${'='.repeat(s.length)}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(out).toContain('School readiness in our city (example)');
    expect(out).toMatch(/ {2}Actors {8}8\n/);

    const { loops } = result.system;
    expect(out).toContain(loops.summary);
    expect(loops.loops.some((l) => l.polarity === 'R')).toBe(true);
    expect(loops.loops.some((l) => l.polarity === 'B')).toBe(true);
    for (const loop of loops.loops) {
      const kind = loop.polarity === 'R' ? 'reinforcing' : 'balancing';
      expect(out).toContain(`  ${loop.label}  ${kind}, ${loop.length} link`);
    }
    // B1 is coordination -> meetings -(-) with a delay -> coordination.
    expect(out).toContain(
      'Coordination across agencies -> Time spent in coordination meetings\n      -(-)||-> Coordination across agencies',
    );

    const leverage = result.system.leverage;
    expect(leverage.length).toBeGreaterThan(3);
    const ranks = leverage
      .slice(0, 3)
      .map((c) =>
        out.indexOf(`${String(c.rank).padStart(2)}. ${c.label}  score ${c.score.toFixed(3)}`),
      );
    expect(ranks.every((i) => i > 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(out).toContain('Meadows 6: The structure of information flows');
    expect(out).toContain('Who can move it: Child care and Head Start providers (directly)');

    const clusters = result.network.clusters;
    expect(clusters.length).toBeGreaterThanOrEqual(2);
    for (const c of clusters) expect(out).toContain(`  ${c.label}: ${c.size} actors\n`);
    expect(out).toMatch(
      /Actor +Degree +In +Out +Betweenness +Closeness +Eigenvector +Cluster +Constraint/,
    );
    // Sorted by betweenness: the parents, who link both clusters, come first.
    const table = out.slice(out.indexOf('Network metrics'), out.indexOf('\nClusters\n'));
    expect(table.indexOf('Parents and caregivers')).toBeLessThan(
      table.indexOf('Health department'),
    );
    expect(out).toContain(
      "'Public libraries' is tied to the others only through 'Parents and caregivers'.",
    );
    expect(out).toContain(
      `${result.network.weaving[0]!.aLabel} + ${result.network.weaving[0]!.bLabel}`,
    );
    expect(out).not.toContain('\u001b');
  });

  it('--json prints the whole analyzeMap result of the same map', async () => {
    const { code, out } = await run([EXAMPLE, '--json']);
    expect(code).toBe(0);
    const printed = JSON.parse(out) as ReturnType<typeof analyzeMap>;
    const { snapshot, options } = await analyzeFile(EXAMPLE);
    expect(options).toEqual(analyzeOptions({ loops: {} }, new Map()));
    expect(withoutTimes(printed)).toEqual(withoutTimes(analyzeMap(snapshot, options)));
    expect(printed.system.loops.loops.length).toBeGreaterThan(0);
    expect(printed.network.clusters.length).toBeGreaterThanOrEqual(2);
    expect(out.split('\n')[1]).toBe('  "system": {');
  });

  it('--top cuts every list and counts what it left out; --out writes a file', async () => {
    const { out } = await run([EXAMPLE, '--top', '2']);
    const { result } = await analyzeFile(EXAMPLE);
    const n = result.system.loops.loops.length;
    expect(out).toContain(`... and ${n - 2} more loops (--top N to show more, --json for all).`);
    expect(out).toContain(`... and ${result.system.leverage.length - 2} more leverage points`);
    expect(out).toContain(`Sorted by betweenness; the top 2 of 8.`);
    expect(out).toContain('... and 6 more actors');
    expect(out).not.toContain('  3. ');

    const dir = tempDir();
    const target = join(dir, 'analysis.txt');
    const io = capture();
    expect(await runCli(['analyze', EXAMPLE, '--out', target], io)).toBe(0);
    expect(io.lines).toEqual([]);
    expect(io.errors.join()).toContain(`Wrote the analysis to ${target}`);
    expect(readFileSync(target, 'utf8')).toContain('Weaving suggestions');
    const json = join(dir, 'analysis.json');
    expect(await runCli(['analyze', EXAMPLE, '--json', `--out=${json}`], capture())).toBe(0);
    expect((JSON.parse(readFileSync(json, 'utf8')) as { system: object }).system).toBeDefined();
  });

  it('passes the loop limits to the loop search', async () => {
    const { out, code } = await run([EXAMPLE, '--max-length', '3']);
    expect(code).toBe(0);
    expect(out).toContain('loops of up to 3 links');
    expect(out).not.toMatch(/ {2}R2 {2}reinforcing, 4 links/);
    const limited = JSON.parse((await run([EXAMPLE, '--json', '--max-loops', '2'])).out) as {
      system: { loops: { loops: unknown[]; truncated: boolean; reason: string } };
    };
    expect(limited.system.loops.loops).toHaveLength(2);
    expect(limited.system.loops).toMatchObject({ truncated: true, reason: 'maxLoops' });
  });

  it('lists the loops the group named, and names one an edit broke', async () => {
    const { result } = await analyzeFile(EXAMPLE);
    const r1 = result.system.loops.loops.find((l) => l.label === 'R1')!;
    const file = exampleWith((value) => {
      value.loops = [
        {
          signature: r1.signature,
          name: 'Trust spiral',
          note: 'Parents trust programs they helped shape.',
          members: r1.elements,
          updatedBy: 'ana',
          updatedAt: 1,
        },
        {
          signature: 'srC90 srC91',
          name: 'Waiting lists',
          note: '',
          members: ['srF06', 'srF99'],
          updatedBy: 'ana',
          updatedAt: 2,
        },
      ];
    });
    const { code, out } = await run([file]);
    expect(code).toBe(0);
    expect(out).toMatch(/ {2}R1 {2}reinforcing, 3 links {2}"Trust spiral"\n/);
    expect(out).toContain('Loops the group named');
    expect(out).toContain('  "Trust spiral"  (R1, found)');
    expect(out).toContain('Note: Parents trust programs they helped shape.');
    expect(out).toContain('  "Waiting lists"  (broken)');
    expect(out).toContain('Members: Families enrolled in quality programs, srF99.');
    expect(out).toContain('No longer in a causal link: srF99.');
  });

  it('counts the revealed votes of the file’s session in the leverage ranking', async () => {
    const { doc } = exampleSessionDoc();
    const file = join(tempDir(), 'session.weavemap.json');
    writeFileSync(
      file,
      JSON.stringify({ ...exportNative(readSnapshot(doc)), session: exportSessionJson(doc) }),
    );
    const { result } = await analyzeFile(file);
    const voted = result.system.leverage.filter((c) => c.votes > 0);
    expect(voted.map((c) => c.votes)).toEqual([9]);
    const { out } = await run([file]);
    expect(out).toContain('and the group’s revealed votes.');
    expect(out).toContain(`${voted[0]!.label}  score ${voted[0]!.score.toFixed(3)}  9 votes`);
  });

  it('keeps terminal control characters in labels off the screen', async () => {
    const file = exampleWith((value) => {
      const elements = value.elements as { id: string; label: string }[];
      elements.find((e) => e.id === 'srA01')!.label =
        'Parents\u001b[2J\u001b]0;pwned\u0007 and carers\u202e';
    });
    const { out } = await run([file]);
    expect(out).toContain('Parents[2J]0;pwned and carers');
    const unsafe = [...out].filter((ch) => {
      const code = ch.charCodeAt(0);
      return (code < 32 && ch !== '\n') || (code >= 0x7f && code <= 0x9f) || code === 0x202e;
    });
    expect(unsafe).toEqual([]);
  });

  it('refuses a file that is not a native map with exit code 1 and says why, never a stack trace', async () => {
    const dir = tempDir();
    const cases: [string, string, string][] = [
      ['broken.json', '{"format": "weavemap", "elements": [', 'is not JSON'],
      ['kumu.json', '{"elements": [], "connections": []}', 'This is not a Weavemap file'],
      ['list.json', '[1, 2, 3]', 'This is not a Weavemap file'],
      [
        'rows.json',
        '{"format": "weavemap", "version": 1, "elements": [{"id": "a"}]}',
        'elements[0] kind: kind is required.',
      ],
      [
        'newer.json',
        '{"format": "weavemap", "version": 99, "elements": []}',
        'written by a newer Weavemap',
      ],
    ];
    for (const [name, text, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, text);
      const { code, out, err } = await run([path]);
      expect(code, name).toBe(1);
      expect(out, name).toBe('');
      expect(err, name).toContain(message);
      expect(err, name).toContain(path);
      expect(err, name).not.toMatch(/\n\s+at /);
    }
    const missing = await run([join(dir, 'missing.weavemap.json')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No such file');
    const folder = await run([dir]);
    expect(folder.code).toBe(1);
    expect(folder.err).toContain('is a folder');
    const out = join(dir, 'never.txt');
    expect((await run([join(dir, 'kumu.json'), '--out', out])).code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('weavemap --help', () => {
  it('lists analyze', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.lines.join('\n')).toMatch(/analyze\s+print the loops, leverage/);
    const usage = capture();
    expect(await runCli(['analyze', '--help'], usage)).toBe(0);
    expect(usage.lines.join('\n')).toContain('--max-length N');
  });
});
