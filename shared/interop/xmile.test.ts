import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { testContext } from '../domain/test-context';
import { schoolReadinessExample } from '../examples/school-readiness';
import { readSnapshot } from '../schema/snapshot';
import type { MapSnapshot } from '../schema/types';
import { simulate } from '../simulation/integrate';
import { modelFromMap, SIM_FIELD } from '../simulation/model-map';
import { applyImport } from './apply';
import { lostBy } from './capabilities';
import { detectFormat, exportAny, importAny } from './formats';
import { formatProblem, type ImportedMap, type ImportResult } from './model';
import { applyNative, parseNative } from './native';
import { exportXmile } from './xmile';
import { readXmile, xmileSpecsExtra } from './xmile-import';
import { checkXmileStructure } from './xmile-spec';

const ok = (r: ImportResult): ImportedMap => {
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.map;
};

function applied(map: ImportedMap, metaExtra: Record<string, unknown> = {}): MapSnapshot {
  const ctx = { doc: new Y.Doc(), origin: 'test', userId: 'tester' };
  applyImport(ctx, map, { mode: 'new' });
  const snap = readSnapshot(ctx.doc);
  return { ...snap, meta: { ...snap.meta, extra: { ...snap.meta.extra, ...metaExtra } } };
}

/** A population with births and deaths (logistic births), as a map with sim.* fields. */
function stockAndFlowMap(): MapSnapshot {
  const ctx = testContext('ana');
  const f = (id: string, label: string, extra: Record<string, unknown>, x = 0) =>
    ({ id, kind: 'factor', label, description: '', tags: [], extra, position: [x, 0] }) as const;
  applyImport(
    ctx,
    {
      title: 'Population',
      elements: [
        f('pop', 'Population', {
          [SIM_FIELD.kind]: 'stock',
          [SIM_FIELD.initial]: 10,
          [SIM_FIELD.units]: 'people',
          [SIM_FIELD.inflows]: ['births'],
          [SIM_FIELD.outflows]: ['deaths'],
        }),
        f(
          'births',
          'Births',
          {
            [SIM_FIELD.kind]: 'flow',
            [SIM_FIELD.equation]: 'birth_rate * population * (1 - population / capacity)',
          },
          100,
        ),
        f(
          'deaths',
          'Deaths',
          { [SIM_FIELD.kind]: 'flow', [SIM_FIELD.equation]: 'population / lifetime' },
          200,
        ),
        f(
          'rate',
          'Birth rate',
          { [SIM_FIELD.kind]: 'aux', [SIM_FIELD.equation]: 'if_then_else(time - 50, 0.5, 0.5)' },
          300,
        ),
        f('cap', 'Capacity', { [SIM_FIELD.kind]: 'aux', [SIM_FIELD.equation]: '1000' }, 400),
        f(
          'life',
          'Lifetime',
          { [SIM_FIELD.kind]: 'aux', [SIM_FIELD.equation]: '70', [SIM_FIELD.units]: 'years' },
          500,
        ),
      ],
      connections: [
        {
          id: 'c1',
          from: 'pop',
          to: 'births',
          kind: 'causal',
          polarity: '+',
          direction: 'directed',
          label: '',
          description: '',
          tags: [],
          extra: {},
        },
        {
          id: 'c2',
          from: 'pop',
          to: 'deaths',
          kind: 'causal',
          polarity: '+',
          direction: 'directed',
          delay: true,
          label: '',
          description: '',
          tags: [],
          extra: {},
        },
        {
          id: 'c3',
          from: 'life',
          to: 'deaths',
          kind: 'causal',
          polarity: '-',
          direction: 'directed',
          label: '',
          description: '',
          tags: [],
          extra: {},
        },
      ],
      sources: [],
      loops: [],
    },
    { mode: 'new' },
  );
  const snap = readSnapshot(ctx.doc);
  const extra = xmileSpecsExtra({
    start: 0,
    stop: 30,
    dt: 0.125,
    method: 'rk4',
    timeUnits: 'years',
  });
  return { ...snap, meta: { ...snap.meta, extra } };
}

const causalArcs = (s: MapSnapshot) => {
  const label = (id: string) => s.elements.get(id)!.label;
  return [...s.connections.values()]
    .filter((c) => c.kind === 'causal')
    .flatMap((c) => {
      const one = `${label(c.from)} -${c.polarity ?? '?'}${c.delay ? ' delay' : ''}-> ${label(c.to)}`;
      const back = `${label(c.to)} -${c.polarity ?? '?'}${c.delay ? ' delay' : ''}-> ${label(c.from)}`;
      return c.direction === 'mutual' ? [one, back] : c.direction === 'directed' ? [one] : [];
    })
    .sort();
};

describe('XMILE', () => {
  it('exports a stock-and-flow model that conforms to the XMILE 1.0 structure', () => {
    const xml = exportXmile(stockAndFlowMap());
    expect(checkXmileStructure(xml)).toEqual([]);
    expect(xml).toContain(
      '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0"',
    );
    expect(xml).toContain('<sim_specs method="RK4" time_units="years">');
    expect(xml).toMatch(
      /<stock name="population"[^>]*>\s*<eqn>10<\/eqn>\s*<inflow>births<\/inflow>\s*<outflow>deaths<\/outflow>\s*<units>people<\/units>/,
    );
    expect(xml).toContain('<eqn>birth_rate * population * (1 - population / capacity)</eqn>');
    expect(xml).toContain('<eqn>(IF TIME - 50 THEN 0.5 ELSE 0.5)</eqn>');
  });

  it('round-trips a stock-and-flow model: same variables, same run', () => {
    const before = stockAndFlowMap();
    const read = readXmile(exportXmile(before));
    const after = applied(ok(read.result), xmileSpecsExtra(read.specs!));
    expect(read.result.ok && read.result.problems).toEqual([]);
    const m1 = modelFromMap(before);
    const m2 = modelFromMap(after);
    const strip = (m: typeof m1) =>
      m.variables.map(({ id: _id, ...v }) => v).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(strip(m2)).toEqual(strip(m1));
    expect(m2.specs).toEqual(m1.specs);
    const r1 = simulate(m1);
    const r2 = simulate(m2);
    expect([...r2.series.get('population')!]).toEqual([...r1.series.get('population')!]);
    expect(causalArcs(after)).toEqual(causalArcs(before));
    expect(after.elements.get('births')?.position).toEqual([100, 0]);
  });

  it('round-trips the example map: its factors, causal links, signs, delays and positions', () => {
    const parsed = parseNative(schoolReadinessExample);
    if (!parsed.ok) throw new Error('example');
    const ctx = testContext('ana');
    applyNative(ctx, parsed.file);
    const before = readSnapshot(ctx.doc);
    const xml = exportXmile(before);
    expect(checkXmileStructure(xml)).toEqual([]);
    const after = applied(ok(readXmile(xml).result));
    expect(causalArcs(after)).toEqual(causalArcs(before));
    expect(causalArcs(before).length).toBeGreaterThan(10);
    expect(causalArcs(before).some((a) => a.includes('delay'))).toBe(true);
    for (const e of after.elements.values()) {
      const orig = before.elements.get(e.id)!;
      expect(e.label).toBe(orig.label);
      expect(e.position).toEqual(orig.position);
    }
    const factors = [...before.elements.values()].filter((e) => e.kind === 'factor').length;
    expect(after.elements.size).toBeGreaterThanOrEqual(factors);
  });

  it('reads a foreign file: quoted names, reciprocal dt, links from equations', () => {
    const xml = `<?xml version="1.0"?>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
  <header><vendor>x</vendor><product version="1">x</product><name>Coffee</name></header>
  <sim_specs method="Euler"><start>0</start><stop>10</stop><dt reciprocal="true">4</dt></sim_specs>
  <model><variables>
    <stock name="Coffee Temperature"><eqn>100</eqn><outflow>cooling</outflow></stock>
    <flow name="Cooling"><eqn>("Coffee Temperature" - Room_temperature) / 10</eqn></flow>
    <aux name="Room temperature"><eqn>20</eqn><units>degrees</units></aux>
  </variables></model>
</xmile>`;
    const read = readXmile(xml);
    expect(read.specs).toEqual({ start: 0, stop: 10, dt: 0.25, method: 'euler' });
    const snap = applied(ok(read.result), xmileSpecsExtra(read.specs!));
    expect(snap.meta.title).toBe('Coffee');
    const model = modelFromMap(snap);
    expect(model.variables.find((v) => v.kind === 'flow')?.equation).toBe(
      '(coffee_temperature - room_temperature) / 10',
    );
    const run = simulate(model);
    const temp = run.series.get('coffee_temperature')!;
    // Euler at dt = 0.25: T(n+1) = T(n) - 0.25 (T(n) - 20) / 10
    let t = 100;
    for (let n = 1; n < temp.length; n++) t -= (0.25 * (t - 20)) / 10;
    expect(temp[temp.length - 1]).toBeCloseTo(t, 12);
    // links read from equations carry no sign in the file, and an imported link stays unsigned
    expect(causalArcs(snap)).toEqual([
      'Coffee Temperature -?-> Cooling',
      'Cooling ---> Coffee Temperature',
      'Room temperature -?-> Cooling',
    ]);
  });

  it('imports through the formats list as one transaction, run settings into meta', async () => {
    const before = stockAndFlowMap();
    expect(detectFormat('model.stmx')).toBe('xmile');
    expect(detectFormat('m.txt', 'stella')).toBe('xmile');
    const files = await exportAny(before, 'xmile');
    expect(files[0]!.mimeType).toBe('application/xml');
    const result = await importAny(files[0]!.data as string, 'xmile');
    const ctx = { doc: new Y.Doc(), origin: 'test', userId: 'tester' };
    let transactions = 0;
    ctx.doc.on('afterTransaction', () => transactions++);
    applyImport(ctx, ok(result), { mode: 'new' });
    expect(transactions).toBe(1);
    const after = readSnapshot(ctx.doc);
    expect(modelFromMap(after).specs).toEqual(modelFromMap(before).specs);
    expect(after.meta.extra['sim.dt']).toBe(0.125);
    // Refused: the problem names where it is.
    const bad = await importAny('<gexf/>', 'xmile');
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatchObject({ where: 'file', field: 'xmile' });
    expect(lostBy('xmile')).toContain('sources');
    expect(lostBy('xmile')).not.toContain('polarity');
  });

  it('refuses what is not XMILE, and entity tricks', () => {
    expect(readXmile('<gexf/>').result.ok).toBe(false);
    expect(readXmile('<!DOCTYPE x [<!ENTITY a "b">]><xmile/>').result.ok).toBe(false);
    expect(readXmile('<xmile><header>').result.ok).toBe(false);
  });

  it('the structure check finds what the specification forbids', () => {
    const good = exportXmile(stockAndFlowMap());
    expect(checkXmileStructure(good.replace('<vendor>Weavemap</vendor>', ''))).toContain(
      '<header> needs one <vendor>.',
    );
    expect(checkXmileStructure(good.replace(/xmlns="[^"]+"/, 'xmlns="urn:x"')).length).toBe(1);
    expect(
      checkXmileStructure(good.replace('<inflow>births</inflow>', '<inflow>nope</inflow>')),
    ).toEqual(['population: nope is not a flow.']);
    expect(checkXmileStructure(good.replace('<dt>0.125</dt>', '<dt>0</dt>'))).toEqual([
      '<dt> must be positive.',
    ]);
  });
});
