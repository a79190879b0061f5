import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../domain/test-context';
import { readSnapshot } from '../schema/snapshot';
import type { MapSnapshot } from '../schema/types';
import { exportGexf } from './gexf';
import { exportGraphml } from './graphml';
import { detectFormat, importAny, type FormatInput } from './formats';
import { applyNative, parseNative } from './native';
import { richMap } from './sample-maps';
import { applied, fixture, ok } from './test-fixtures';

/**
 * An independent reader: NetworkX (Debian's python3-networkx) opens every GEXF and GraphML file
 * Weavemap writes for the fixtures and for the example map, and must find the same nodes, the
 * same edges and the same weights. NetworkX is strict about directions (it refuses an edge whose
 * type contradicts the graph's default), so this is also the check that mixed graphs open.
 */

const PY_READ = String.raw`
import json, sys
import networkx as nx
out = {}
for path in sys.argv[1:]:
    try:
        G = nx.read_gexf(path) if path.endswith('.gexf') else nx.read_graphml(path)
    except Exception as e:
        out[path] = {'error': '%s: %s' % (type(e).__name__, e)}
        continue
    if G.is_multigraph():
        edges = [[str(d.get('id', k)), d.get('weight')] for u, v, k, d in G.edges(keys=True, data=True)]
    else:
        edges = [[str(d.get('id')), d.get('weight')] for u, v, d in G.edges(data=True)]
    out[path] = {'directed': G.is_directed(), 'nodes': G.number_of_nodes(), 'edges': edges}
print(json.dumps(out))
`;

interface NxGraph {
  readonly error?: string;
  readonly directed: boolean;
  readonly nodes: number;
  readonly edges: [string, number | null][];
}

const FIXTURES = [
  'gephi-lesmis.gexf',
  'gephi-mixed.gexf',
  'networkx.gexf',
  'networkx.graphml',
  'networkx-directed.graphml',
  'keys-in-graph.graphml',
  'yed.graphml',
  'kumu-backup.json',
  'kumu-backup-loops.json',
  'kumu-blueprint.json',
  'kumu.xlsx',
  'obsidian.canvas',
  'obsidian-full.canvas',
];

async function maps(): Promise<[string, MapSnapshot][]> {
  const out: [string, MapSnapshot][] = [];
  for (const name of FIXTURES)
    out.push([name, applied(ok(await importAny(fixture(name), detectFormat(name))))]);
  const csv = {
    elements: new TextDecoder().decode(fixture('kumu-elements.csv')),
    connections: new TextDecoder().decode(fixture('kumu-connections.csv')),
  };
  out.push(['kumu-*.csv', applied(ok(await importAny(csv as FormatInput, 'kumu-csv')))]);
  const example = readFileSync(
    new URL('../examples/school-readiness.weavemap.json', import.meta.url),
    'utf8',
  );
  const parsed = parseNative(JSON.parse(example));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const ctx = testContext('ana');
  applyNative(ctx, parsed.file);
  out.push(['school-readiness.weavemap.json', readSnapshot(ctx.doc)]);
  out.push(['richMap', readSnapshot(richMap().doc)]);
  return out;
}

/** The arcs NetworkX should find for a GEXF export (see `edgeTypes` in gexf.ts). */
function expectedGexfEdges(s: MapSnapshot): [string, number | null][] {
  const cons = [...s.connections.values()];
  const undirectedOnly = cons.length > 0 && cons.every((c) => c.direction === 'undirected');
  return cons.flatMap((c) => {
    const e: [string, number | null] = [c.id, c.weight ?? null];
    return undirectedOnly || c.direction === 'directed' ? [e] : [e, e];
  });
}

const sorted = (edges: [string, number | null][]) =>
  [...edges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : (a[1] ?? 0) - (b[1] ?? 0)));

describe('NetworkX opens every GEXF and GraphML export (python3-networkx)', () => {
  let dir = '';
  const results = new Map<string, { snapshot: MapSnapshot; gexf: NxGraph; graphml: NxGraph }>();

  beforeAll(async () => {
    const check = spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' });
    if (check.error || check.status !== 0)
      throw new Error(
        'This test needs Python 3 with NetworkX, to read the exports with an independent reader. ' +
          'Install it: apt-get install python3-networkx' +
          (check.error ? ` (${check.error.message})` : ` (${check.stderr.trim()})`),
      );
    dir = mkdtempSync(join(tmpdir(), 'weavemap-nx-'));
    const files: string[] = [];
    const all = await maps();
    all.forEach(([, s], i) => {
      for (const [ext, text] of [
        ['gexf', exportGexf(s)],
        ['graphml', exportGraphml(s)],
      ] as const) {
        const file = join(dir, `${i}.${ext}`);
        writeFileSync(file, text);
        files.push(file);
      }
    });
    const r = spawnSync('python3', ['-c', PY_READ, ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error || r.status !== 0)
      throw new Error(`python3 failed: ${r.error?.message ?? r.stderr}`);
    const read = JSON.parse(r.stdout) as Record<string, NxGraph>;
    all.forEach(([name, snapshot], i) => {
      results.set(name, {
        snapshot,
        gexf: read[join(dir, `${i}.gexf`)]!,
        graphml: read[join(dir, `${i}.graphml`)]!,
      });
    });
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const name of [...FIXTURES, 'kumu-*.csv', 'school-readiness.weavemap.json', 'richMap'])
    it(`${name}: same nodes, edges and weights in NetworkX`, () => {
      const r = results.get(name)!;
      const s = r.snapshot;
      expect(r.gexf.error, 'read_gexf').toBeUndefined();
      expect(r.graphml.error, 'read_graphml').toBeUndefined();
      expect(r.gexf.nodes).toBe(s.elements.size);
      expect(r.graphml.nodes).toBe(s.elements.size);
      expect(sorted(r.gexf.edges)).toEqual(sorted(expectedGexfEdges(s)));
      expect(sorted(r.graphml.edges)).toEqual(
        sorted([...s.connections.values()].map((c) => [c.id, c.weight ?? null])),
      );
      const cons = [...s.connections.values()];
      const undirectedOnly = cons.length > 0 && cons.every((c) => c.direction === 'undirected');
      expect(r.gexf.directed).toBe(!undirectedOnly);
      expect(r.graphml.directed).toBe(!undirectedOnly);
    });

  it('covers a mixed graph and weighted ties (the example map has an undirected tie)', () => {
    const example = results.get('school-readiness.weavemap.json')!.snapshot;
    const dirs = new Set([...example.connections.values()].map((c) => c.direction));
    expect(dirs.has('undirected') && dirs.has('directed')).toBe(true);
    const weighted = [...results.values()].flatMap((r) =>
      r.graphml.edges.filter((e) => e[1] !== null),
    );
    expect(weighted.length).toBeGreaterThan(5);
  });
});
