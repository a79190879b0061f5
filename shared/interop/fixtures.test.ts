import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../schema/snapshot';
import { importAny, type FormatId } from './formats';
import { importGexf } from './gexf';
import { importGraphml } from './graphml';
import { importJsonCanvas } from './json-canvas';
import { importKumuCsv } from './kumu-csv';
import { exportKumuJson, importKumuJson } from './kumu-json';
import { importKumuXlsx } from './kumu-xlsx';
import { formatProblem, MAX_IMPORT_BYTES } from './model';
import { applied, byLabel, fixture, ok, refused } from './test-fixtures';

describe('files shaped the way other tools write them', () => {
  it('reads a Kumu JSON blueprint: types to kinds, polarity words, labels as references, the loop', () => {
    const s = applied(ok(importKumuJson(fixture('kumu-blueprint.json'))));
    expect(s.elements.size).toBe(6);
    expect(byLabel(s, 'Youth unemployment')).toMatchObject({
      kind: 'factor',
      tags: ['economy', 'youth'],
      extra: { type: 'Issue' },
    });
    expect(byLabel(s, 'Job training slots')).toMatchObject({
      kind: 'factor',
      extra: { type: 'Variable' },
    });
    expect(byLabel(s, 'City Workforce Board')).toMatchObject({
      kind: 'actor',
      actorType: 'organization',
      extra: { Website: 'https://example.org/board', Founded: 1998 },
    });
    expect(byLabel(s, 'City Workforce Board').extra.type).toBeUndefined();
    expect(byLabel(s, 'Maya Ortiz')).toMatchObject({
      kind: 'actor',
      actorType: 'person',
      tags: ['staff', 'convener'],
    });
    expect(byLabel(s, 'Summer jobs program').kind).toBe('intervention');
    expect(byLabel(s, 'Employer trust')).toMatchObject({ kind: 'factor', extra: { type: 'Mood' } });
    const cons = [...s.connections.values()];
    const between = (a: string, b: string) =>
      cons.find((c) => c.from === byLabel(s, a).id && c.to === byLabel(s, b).id);
    expect(between('Job training slots', 'Youth unemployment')).toMatchObject({
      kind: 'causal',
      polarity: '-',
    });
    expect(between('Youth unemployment', 'Employer trust')).toMatchObject({
      kind: 'causal',
      polarity: '-',
    });
    expect(between('Employer trust', 'Job training slots')).toMatchObject({
      kind: 'causal',
      polarity: '+',
      label: 'funds',
    });
    expect(between('Maya Ortiz', 'City Workforce Board')).toMatchObject({
      kind: 'relationship',
      direction: 'undirected',
      extra: { type: 'works at' },
    });
    expect(between('Summer jobs program', 'Youth unemployment')?.polarity).toBe('-');
    // The loop is keyed by its links, so the analysis finds its name again.
    const [loop] = [...s.loops.values()];
    expect(loop?.name).toBe('Trust and training');
    expect(loop?.signature.split(' ').sort()).toEqual(
      [
        between('Job training slots', 'Youth unemployment'),
        between('Youth unemployment', 'Employer trust'),
        between('Employer trust', 'Job training slots'),
      ]
        .map((c) => c!.id)
        .sort(),
    );
    // And back out to Kumu with the types it came in with.
    const out = exportKumuJson(s);
    expect(out.elements.map((e) => e.type).sort()).toEqual([
      'Issue',
      'Mood',
      'Organization',
      'Person',
      'Program',
      'Variable',
    ]);
    expect(out.connections.map((c) => c.type).sort()).toEqual([
      '-',
      '--',
      'opposite',
      'positive',
      'works at',
    ]);
  });

  it('reads a Kumu project backup: ids, nested attributes and map positions', () => {
    const s = applied(ok(importKumuJson(fixture('kumu-backup.json'))));
    expect(s.elements.get('elem-a1')).toMatchObject({
      label: 'Housing cost',
      position: [-120, 40],
      tags: ['housing'],
    });
    expect(s.elements.get('elem-b2')).toMatchObject({
      description: 'Families moving out',
      extra: { type: 'Outcome' },
    });
    expect(s.connections.get('conn-c3')).toMatchObject({
      from: 'elem-a1',
      to: 'elem-b2',
      polarity: '+',
    });
  });

  it('reads Kumu CSV sheets, custom columns kept as fields', () => {
    const s = applied(
      ok(
        importKumuCsv({
          elements: fixture('kumu-elements.csv'),
          connections: fixture('kumu-connections.csv'),
        }),
      ),
    );
    expect(byLabel(s, 'Youth Council')).toMatchObject({
      kind: 'actor',
      actorType: 'group',
      tags: ['youth', 'voice'],
      extra: { Owner: 'Ana' },
    });
    const cons = [...s.connections.values()];
    expect(cons.find((c) => c.label === 'advises')).toMatchObject({
      kind: 'relationship',
      direction: 'mutual',
      strength: 0.5,
    });
    expect(cons.find((c) => c.label === 'funds')).toMatchObject({
      kind: 'causal',
      polarity: '+',
      tags: ['money'],
    });
  });

  it('reads a Kumu workbook: both sheets, (ignore) sheets skipped, escaped and bare polarity', async () => {
    const s = applied(ok(await importKumuXlsx(fixture('kumu.xlsx'))));
    expect([...s.elements.values()].map((e) => e.label).sort()).toEqual([
      'Attendance',
      'Motivation',
      'School board',
      'Youth Council',
    ]);
    expect(byLabel(s, 'Motivation').extra).toEqual({ type: 'Variable', Region: 'South' });
    const cons = [...s.connections.values()];
    const m = byLabel(s, 'Motivation').id;
    const a = byLabel(s, 'Attendance').id;
    expect(cons.find((c) => c.from === m && c.to === a)).toMatchObject({
      kind: 'causal',
      polarity: '+',
      strength: 0.8,
    });
    expect(cons.find((c) => c.from === a && c.to === m)).toMatchObject({
      kind: 'causal',
      polarity: '+',
    });
    // Kumu's 1-5 strength does not fit 0..1: kept as a field instead.
    expect(cons.find((c) => c.kind === 'relationship')).toMatchObject({
      direction: 'mutual',
      extra: { type: 'advises', Strength: 3 },
    });
  });

  it('reads Gephi GEXF 1.2 draft: positions, colours, computed columns as fields, weights', () => {
    const s = applied(ok(importGexf(fixture('gephi-lesmis.gexf'))));
    expect(s.elements.get('0')).toMatchObject({
      label: 'Myriel',
      position: [-266.82776, 299.6904],
      color: '#eb5148',
      extra: { 'Modularity Class': 1, 'Betweenness Centrality': 176 },
    });
    // Gephi numbers edges like nodes; ids must be unique across both, so edges get fresh ones.
    const cons = [...s.connections.values()];
    const edge = (from: string) => cons.find((c) => c.from === from && c.to === '0');
    expect(edge('1')).toMatchObject({ kind: 'relationship', direction: 'undirected', extra: {} });
    expect(edge('1')?.weight).toBeUndefined(); // Gephi's weight 1.0 is the default
    expect(edge('2')).toMatchObject({ weight: 8, extra: {} });
    expect(s.elements.get('0')?.extra.size).toBe(28.685715); // viz:size
  });

  it('reads yEd GraphML: ShapeNode geometry and labels, group folders, edge labels and arrows', () => {
    const r = importGraphml(fixture('yed.graphml'));
    const s = applied(ok(r));
    const group = byLabel(s, 'Neighbourhood');
    expect(group.kind).toBe('group');
    const foot = byLabel(s, 'Foot traffic');
    expect(foot).toMatchObject({
      position: [50, 35],
      color: '#FFCC00',
      description: 'Local <b>shops</b> & cafés',
      parent: group.id,
      extra: { importedId: 'n0::n0' },
    });
    const parking = byLabel(s, 'Parking');
    expect(parking.position).toEqual([430, 115]);
    const cons = [...s.connections.values()];
    expect(cons.find((c) => c.from === parking.id)).toMatchObject({
      kind: 'causal',
      polarity: '-',
      label: '',
      direction: 'directed',
    });
    expect(cons.find((c) => c.from === foot.id)).toMatchObject({
      kind: 'relationship',
      direction: 'mutual',
      label: 'shares customers',
      description: 'both ways',
    });
  });

  it('reads NetworkX GraphML: typed data, edges without ids; a self-loop is skipped with a warning', () => {
    const r = importGraphml(fixture('networkx.graphml'));
    const map = ok(r);
    expect(r.problems.map(formatProblem)).toEqual([
      "edge '#3': Skipped a connection from '2' to itself: a connection needs two different elements.",
    ]);
    const s = applied(map);
    expect(s.elements.get('0')).toMatchObject({ label: '0', extra: { age: 34, club: 'Mr. Hi' } });
    expect(s.connections.size).toBe(2);
    expect([...s.connections.values()].find((c) => c.from === '0')).toMatchObject({
      direction: 'undirected',
      weight: 4,
      extra: {},
    });
  });

  it('reads an Obsidian canvas: markdown text, groups by geometry, file and link nodes, edge ends', () => {
    const r = importJsonCanvas(fixture('obsidian.canvas'));
    const map = ok(r);
    expect(r.problems.map(formatProblem)).toEqual([
      'nodes[5]: A link to a non-http(s) address was kept as a note without its address.',
    ]);
    const s = applied(map);
    const screen = byLabel(s, 'Screen time');
    expect(screen).toMatchObject({
      kind: 'factor',
      description: 'Hours a day on phones',
      parent: 'a1b2c3d4e5f60718',
      extra: { canvasColor: '1' },
    });
    expect(byLabel(s, 'Drivers').kind).toBe('group');
    expect(byLabel(s, 'Research/Sleep study.md')).toMatchObject({
      kind: 'note',
      extra: { file: 'Research/Sleep study.md' },
    });
    expect(byLabel(s, 'https://example.org/sleep')).toMatchObject({
      kind: 'note',
      extra: { url: 'https://example.org/sleep' },
    });
    const link = byLabel(s, 'Link');
    expect(JSON.stringify(link)).not.toContain('javascript');
    expect(s.connections.get('e1e2e3e4e5e6e7e8')).toMatchObject({
      kind: 'causal',
      polarity: '-',
      label: '',
      direction: 'directed',
    });
    expect(s.connections.get('f1f2f3f4f5f6f7f8')).toMatchObject({
      kind: 'relationship',
      label: 'see',
      direction: 'undirected',
    });
  });
});

describe('hostile and broken files', () => {
  it('refuses a billion-laughs GEXF before parsing, naming the DOCTYPE', () => {
    const problems = refused(importGexf(fixture('billion-laughs.gexf')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('DOCTYPE');
  });

  it('refuses XXE and XInclude in GraphML: nothing is read or fetched', () => {
    const xxe = refused(importGraphml(fixture('xxe.graphml')));
    expect(xxe[0]).toContain('DOCTYPE');
    expect(xxe.join()).not.toContain('root:');
    expect(refused(importGraphml(fixture('xinclude.graphml')))[0]).toContain('XInclude');
  });

  it('refuses a workbook whose XML declares an external entity', async () => {
    const problems = refused(await importKumuXlsx(fixture('xxe.xlsx')));
    expect(problems[0]).toContain('DOCTYPE');
  });

  it('refuses files over the size limit before parsing', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    for (const format of [
      'gexf',
      'graphml',
      'kumu-json',
      'canvas',
      'kumu-csv',
      'kumu-xlsx',
    ] as FormatId[]) {
      const r = await importAny(big, format);
      expect(r.ok, format).toBe(false);
      if (!r.ok)
        expect(r.problems[0]?.message, format).toMatch(/too large \(50\.0 MB; at most 50 MB\)/);
    }
  });

  it('refuses invalid UTF-8, naming the byte', () => {
    const problems = refused(importKumuCsv({ elements: fixture('invalid-utf8-elements.csv') }));
    expect(problems[0]).toBe(
      'The file is not valid UTF-8 text (bad byte at offset 15). Save it as UTF-8 and try again.',
    );
  });

  it("reads a UTF-16 file with a byte-order mark (Excel's Unicode text, tab-separated)", () => {
    const s = applied(ok(importKumuCsv({ elements: fixture('utf16-bom-elements.csv') })));
    expect(byLabel(s, 'Café Nord')).toMatchObject({
      kind: 'actor',
      actorType: 'organization',
      description: 'Über uns — ünïcödé',
    });
    expect(byLabel(s, 'Łódź youth').description).toBe('日本語');
  });

  it('refuses a connection to a missing element, naming the row and the label', () => {
    const problems = refused(
      importKumuCsv({
        elements: fixture('kumu-elements.csv'),
        connections: fixture('missing-element-connections.csv'),
      }),
    );
    expect(problems).toEqual([
      "Connections row 2: Connection to 'Youth Counsil', which no element has.",
      "Connections row 3: Connection to 'Parents', which no element has.",
    ]);
  });

  it('refuses duplicate ids, naming the row', () => {
    expect(refused(importKumuCsv({ elements: fixture('duplicate-ids-elements.csv') }))).toEqual([
      "Elements row 4: Duplicate ID 'el-1': another element has it.",
    ]);
  });

  it('refuses malformed XML with its line, and files that are not the format', () => {
    expect(refused(importGexf('<gexf><graph><nodes></graph></gexf>'))[0]).toMatch(
      /^line 1: This is not well-formed XML \(line 1/,
    );
    expect(refused(importGraphml('<gexf/>'))[0]).toBe(
      'This is not a GraphML file (no <graphml> element).',
    );
    expect(refused(importKumuJson('{"nodes": []}'))[0]).toBe(
      'This is not a Kumu blueprint: it has no "elements" or "connections" list.',
    );
    expect(refused(importJsonCanvas('not json'))[0]).toMatch(/^This is not valid JSON/);
  });
});

describe('analysis results on export', () => {
  it('GEXF and GraphML carry cluster and betweenness when asked, and do not import them back as fields', async () => {
    const { richMap } = await import('./sample-maps');
    const { exportGexf } = await import('./gexf');
    const { exportGraphml } = await import('./graphml');
    const snap = readSnapshot(richMap().doc);
    const analysis = {
      cluster: new Map([
        ['elReadiness', 1],
        ['elReading', 1],
        ['elParents', 2],
      ]),
      betweenness: new Map([['elReadiness', 0.5]]),
    };
    const gexf = exportGexf(snap, { analysis });
    expect(gexf).toContain('title="analysis:cluster" type="integer"');
    expect(exportGexf(snap)).not.toContain('analysis:');
    const graphml = exportGraphml(snap, { analysis });
    expect(graphml).toContain('attr.name="analysis:betweenness"');
    for (const back of [applied(ok(importGexf(gexf))), applied(ok(importGraphml(graphml)))]) {
      expect(back.elements.get('elReadiness')?.extra).toEqual({
        customScore: 4,
        'Owner team': 'Data',
        verified: true,
      });
    }
  });
});
