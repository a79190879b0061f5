import { describe, expect, it } from 'vitest';
import { buildCausalGraph } from '../analysis/causal-graph';
import type { MapSnapshot } from '../schema/types';
import { exportAny, importAny, type FormatId, type FormatInput } from './formats';
import { formatProblem } from './model';
import { applied, byLabel, fixture, ok } from './test-fixtures';

/**
 * Files as other tools write them (hand-written fixtures modelled on Gephi 0.10, NetworkX's
 * write_gexf/write_graphml, yEd, Obsidian, Kumu backups and workbooks): read, written back in
 * the same format, read again. What the first reading found must survive the second.
 */

async function read(input: FormatInput, format: FormatId): Promise<MapSnapshot> {
  return applied(ok(await importAny(input, format)));
}

async function again(s: MapSnapshot, format: FormatId): Promise<MapSnapshot> {
  const files = await exportAny(s, format);
  const input: FormatInput =
    format === 'kumu-csv'
      ? Object.fromEntries(files.map((f) => [f.part, f.data as string]))
      : (files[0]!.data as string | Uint8Array);
  const r = await importAny(input, format);
  if (r.ok) expect(r.problems.map(formatProblem)).toEqual([]);
  return applied(ok(r));
}

/** Everything compared across a round trip, keyed by labels (ids may be fresh). */
function essence(s: MapSnapshot) {
  const label = (id: string) => s.elements.get(id)?.label ?? `?${id}`;
  const conLabel = (id: string) => {
    const c = s.connections.get(id.replace(/~$/, ''));
    return c ? `${label(c.from)}>${label(c.to)}${id.endsWith('~') ? '~' : ''}` : `?${id}`;
  };
  return {
    title: s.meta.title,
    elements: [...s.elements.values()]
      .map((e) => ({
        label: e.label,
        kind: e.kind,
        actorType: e.actorType,
        description: e.description,
        tags: e.tags,
        color: e.color,
        parent: e.parent ? label(e.parent) : undefined,
        extra: e.extra,
      }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    connections: [...s.connections.values()]
      .map((c) => ({
        ends: `${label(c.from)}>${label(c.to)}`,
        kind: c.kind,
        polarity: c.polarity,
        direction: c.direction,
        weight: c.weight,
        label: c.label,
        description: c.description,
        extra: c.extra,
      }))
      .sort((a, b) => (a.ends + a.label).localeCompare(b.ends + b.label)),
    loops: [...s.loops.values()]
      .map((l) => ({
        name: l.name,
        note: l.note,
        members: l.members.map(label),
        signature: l.signature.split(' ').map(conLabel).sort(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const conn = (s: MapSnapshot, from: string, to: string) => {
  const c = [...s.connections.values()].find(
    (x) => x.from === byLabel(s, from).id && x.to === byLabel(s, to).id,
  );
  if (!c) throw new Error(`no connection ${from} > ${to}`);
  return c;
};

describe('round trips of files written by other tools', () => {
  it('Gephi 0.10 GEXF, a mixed graph: weights, viz:size, colours, integer columns', async () => {
    const s = await read(fixture('gephi-mixed.gexf'), 'gexf');
    expect([s.elements.size, s.connections.size]).toEqual([3, 3]);
    expect(byLabel(s, 'Clinic')).toMatchObject({
      color: '#1f77b4',
      position: [-120.5, 80.25],
      extra: { Degree: 3, sector: 'health', PageRank: 0.41, size: 42.5 },
    });
    expect(conn(s, 'Clinic', 'School')).toMatchObject({
      direction: 'directed',
      weight: 3.5,
      extra: { since: 2019 },
    });
    expect(conn(s, 'School', 'Food bank')).toMatchObject({
      direction: 'undirected',
      label: 'shares volunteers',
    });
    expect(conn(s, 'School', 'Food bank').weight).toBeUndefined();
    expect(conn(s, 'Food bank', 'Clinic').weight).toBe(0.25);
    const [out] = await exportAny(s, 'gexf');
    const gexf = out!.data as string;
    expect(gexf).toContain('title="Degree" type="integer"');
    expect(gexf).toContain('title="PageRank" type="double"');
    expect(gexf).toContain('<viz:size value="42.5"/>');
    expect(gexf).toContain('weight="3.5"');
    // Mixed: directed graph, the undirected tie as `mutual` (NetworkX reads it both ways).
    expect(gexf).toContain('defaultedgetype="directed"');
    expect(gexf).not.toContain('type="undirected"');
    expect(gexf).toMatch(/<edge [^>]*type="mutual"[^>]*label="shares volunteers"/);
    expect(essence(await again(s, 'gexf'))).toEqual(essence(s));
  });

  it('NetworkX write_gexf: long columns, weights, viz size and colour, polarity attribute', async () => {
    const s = await read(fixture('networkx.gexf'), 'gexf');
    expect([s.elements.size, s.connections.size]).toEqual([3, 3]);
    expect(byLabel(s, 'Rainfall')).toMatchObject({
      color: '#2ca02c',
      extra: { community: 1, size: 12 },
    });
    expect(conn(s, 'Rainfall', 'Crop yield')).toMatchObject({
      kind: 'causal',
      polarity: '+',
      weight: 2,
    });
    expect(conn(s, 'Crop yield', 'Food price')).toMatchObject({ polarity: '-', weight: 4.5 });
    expect(conn(s, 'Food price', 'Rainfall').weight).toBeUndefined();
    expect(essence(await again(s, 'gexf'))).toEqual(essence(s));
  });

  it('NetworkX write_graphml, directed: label key, typed data, the weight key', async () => {
    const s = await read(fixture('networkx-directed.graphml'), 'graphml');
    expect(byLabel(s, 'Tenants union').extra).toEqual({ members: 120, active: true });
    expect(conn(s, 'Tenants union', 'City council')).toMatchObject({
      direction: 'directed',
      weight: 5,
      extra: { since: 2018 },
    });
    expect(conn(s, 'City council', 'Landlords').weight).toBe(0.5);
    const [out] = await exportAny(s, 'graphml');
    const graphml = out!.data as string;
    expect(graphml).toContain('attr.name="weight" attr.type="double"');
    expect(graphml).toContain('attr.name="members" attr.type="int"');
    expect(graphml).toContain('edgedefault="directed"');
    expect(graphml).not.toContain('directed="false"');
    expect(essence(await again(s, 'graphml'))).toEqual(essence(s));
  });

  it('GraphML with <key>s inside <graph> and <desc>: labels, descriptions, title, weight', async () => {
    const s = await read(fixture('keys-in-graph.graphml'), 'graphml');
    expect(s.meta.title).toBe('Neighbourhood ties');
    expect(byLabel(s, 'Ana')).toMatchObject({
      description: 'Runs the community garden',
      extra: { rank: 1 },
    });
    expect(conn(s, 'Ana', 'Bo')).toMatchObject({
      direction: 'undirected',
      description: 'Met at the garden',
      weight: 3,
    });
    const [out] = await exportAny(s, 'graphml');
    expect(out!.data as string).toContain('edgedefault="undirected"');
    expect(essence(await again(s, 'graphml'))).toEqual(essence(s));
  });

  it('GraphML: a `Weight` key (any case) is the weight; a text weight is kept as a field', async () => {
    const file = (type: string, value: string) =>
      `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="w" for="edge" attr.name="Weight" attr.type="${type}"/><graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="b"><data key="w">${value}</data></edge></graph></graphml>`;
    const [numeric] = [...(await read(file('double', '2.5'), 'graphml')).connections.values()];
    expect(numeric).toMatchObject({ weight: 2.5, extra: {} });
    const [text] = [...(await read(file('string', 'heavy'), 'graphml')).connections.values()];
    expect(text?.weight).toBeUndefined();
    expect(text?.extra).toEqual({ Weight: 'heavy' });
  });

  it('yEd GraphML: shapes, colours, groups and arrows survive', async () => {
    const s = await read(fixture('yed.graphml'), 'graphml');
    expect(essence(await again(s, 'graphml'))).toEqual(essence(s));
  });

  it('a Kumu backup with loops and two maps: loop members, positions, +-, blank types', async () => {
    const r = await importAny(fixture('kumu-backup-loops.json'), 'kumu-json');
    expect(r.problems.map(formatProblem)).toEqual([
      "maps: 1 element is on none of the backup's 2 maps ('Vacancy rate'): placed automatically.",
    ]);
    const s = applied(ok(r));
    expect(byLabel(s, 'Housing cost').position).toEqual([-150, 20]); // the first map wins
    expect(byLabel(s, 'Rent control').position).toEqual([40, -260]); // only on the second map
    expect(byLabel(s, 'Rent control')).toMatchObject({
      kind: 'intervention',
      extra: { cost: 1200000 },
    });
    // Blank and missing types stay blank (kept as the field `type` = ''), not "Factor".
    expect(byLabel(s, 'Displacement').extra.type).toBe('');
    expect(byLabel(s, 'Vacancy rate').extra.type).toBe('');
    // +- and -+: causal links of unknown sign, in the causal graph, counted as + and flagged.
    const ambiguous = conn(s, 'Displacement', 'Housing cost');
    expect(ambiguous).toMatchObject({ kind: 'causal', extra: { type: '+-' } });
    expect(ambiguous.polarity).toBeUndefined();
    expect(conn(s, 'Rent control', 'Housing cost').extra.type).toBe('-+');
    const g = buildCausalGraph(s);
    const arc = g.arcOfToken.get(ambiguous.id)!;
    expect(arc).toBeDefined();
    expect([g.arcAssumed[arc], g.arcNegative[arc]]).toEqual([1, 0]);
    expect(conn(s, 'Housing cost', 'Displacement').weight).toBe(3);
    // Loops read from their connections (listed in any order), members in loop order.
    const loops = essence(s).loops;
    expect(loops).toEqual([
      {
        name: 'Cost spiral',
        note: 'Displacement feeds back on cost',
        members: ['Displacement', 'Housing cost'],
        signature: ['Displacement>Housing cost', 'Housing cost>Displacement'],
      },
      {
        name: 'Policy response',
        note: '',
        members: ['Displacement', 'Rent control', 'Housing cost'],
        signature: [
          'Displacement>Rent control',
          'Housing cost>Displacement',
          'Rent control>Housing cost',
        ],
      },
    ]);
    for (const l of s.loops.values()) expect(l.signature).not.toMatch(/^named:/);
    // The exported blueprint writes the types back as they came.
    const [json] = await exportAny(s, 'kumu-json');
    const blueprint = JSON.parse(json!.data as string) as {
      elements: { label: string; type?: string }[];
      connections: { type?: string }[];
      loops: { connections?: string[] }[];
    };
    expect(blueprint.elements.find((e) => e.label === 'Displacement')?.type).toBeUndefined();
    expect(blueprint.connections.map((c) => c.type).sort()).toEqual([
      '+',
      '+',
      '+-',
      '-+',
      'relates to',
    ]);
    expect(blueprint.loops.map((l) => l.connections?.length)).toEqual([2, 3]);
    for (const format of ['kumu-json', 'kumu-xlsx', 'kumu-csv'] as const)
      expect(essence(await again(s, format)), format).toEqual(essence(s));
  });

  it('a Kumu workbook: sheets, types, polarity and custom columns survive', async () => {
    const s = await read(fixture('kumu.xlsx'), 'kumu-xlsx');
    expect(s.elements.size).toBeGreaterThan(0);
    expect(essence(await again(s, 'kumu-xlsx'))).toEqual(essence(s));
  });

  it('an Obsidian canvas: file and link nodes, sizes, colours, sides, unknown keys', async () => {
    const s = await read(fixture('obsidian-full.canvas'), 'canvas');
    expect([s.elements.size, s.connections.size]).toEqual([5, 3]);
    const file = byLabel(s, 'Research/Study 2023.pdf');
    expect(file.extra).toMatchObject({
      canvasType: 'file',
      file: 'Research/Study 2023.pdf',
      subpath: '#page=4',
      canvasWidth: 400,
      canvasHeight: 300,
    });
    expect(byLabel(s, 'Loneliness')).toMatchObject({
      color: '#d62728',
      parent: byLabel(s, 'Evidence').id,
    });
    expect(byLabel(s, 'Screen time').extra).toMatchObject({
      canvasColor: '3',
      'canvas:styleAttributes': '{"shape":"pill","border":"dashed"}',
    });
    expect(conn(s, 'Screen time', 'Loneliness')).toMatchObject({
      kind: 'causal',
      polarity: '+',
      extra: { fromSide: 'left', toSide: 'right', canvasColor: '1' },
    });
    const [out] = await exportAny(s, 'canvas');
    const canvas = JSON.parse(out!.data as string) as {
      nodes: Record<string, unknown>[];
      edges: Record<string, unknown>[];
    };
    const node = (id: string) => canvas.nodes.find((n) => n.id === id)!;
    expect(node('f1')).toMatchObject({
      type: 'file',
      file: 'Research/Study 2023.pdf',
      subpath: '#page=4',
      x: -460,
      y: -120,
      width: 400,
      height: 300,
    });
    expect(node('l1')).toMatchObject({
      type: 'link',
      url: 'https://example.org/report',
      color: '6',
    });
    expect(node('t2')).toMatchObject({
      color: '3',
      styleAttributes: { shape: 'pill', border: 'dashed' },
    });
    expect(node('g1')).toMatchObject({
      background: 'Attachments/paper.png',
      backgroundStyle: 'repeat',
    });
    const edge = (id: string) => canvas.edges.find((e) => e.id === id)!;
    expect(edge('e1')).toMatchObject({ fromSide: 'left', toSide: 'right', color: '1' });
    expect(edge('e2')).toMatchObject({
      fromSide: 'top',
      toSide: 'bottom',
      styleAttributes: { path: 'dotted' },
    });
    expect(edge('e3')).toMatchObject({ color: '#2ca02c' });
    expect(essence(await again(s, 'canvas'))).toEqual(essence(s));
  });
});
