import { buildCausalGraph } from '../analysis/causal-graph';
import { readMap } from '../analysis/input';
import type { ElementRecord, MapSnapshot } from '../schema/types';
import { parseExpr } from '../simulation/expr';
import type { ModelVariable, VariableKind } from '../simulation/model';
import { modelFromMap, modelName, SIM_FIELD } from '../simulation/model-map';
import { escAttr, escText, num } from './xml';
import { printXmile, WEAVEMAP_NS, XMILE_NS } from './xmile-names';

/**
 * XMILE 1.0 export (OASIS, "XML Interchange Language for System Dynamics"): what Stella and
 * Vensim read.
 *
 * - `<header>` with the required `<vendor>` and `<product version>`, and the map's title.
 * - `<sim_specs>` from the map's run settings (`sim.start`, `sim.stop`, `sim.dt`, `sim.method`).
 * - `<model><variables>`: every element of the quantitative model as its `<stock>` (initial
 *   value, `<inflow>`s, `<outflow>`s), `<flow>` or `<aux>` with its `<eqn>` and `<units>`; every
 *   other factor, intervention or element in a causal link as an `<aux>` whose equation is its
 *   base value (0 unless set), so a modeller gets the causal structure to fill in.
 * - `<views><view>`: one display object per variable at its map position, and one `<connector>`
 *   per causal arc (a mutual link gives two) with `polarity` "+" or "-".
 *
 * Names are the model names (`modelName(label)`, unique); Weavemap's own attributes, in the
 * `weavemap:` namespace that XMILE lets vendors add, keep the element id, label and link delay
 * so a Weavemap-to-Weavemap round trip loses nothing of the causal structure.
 */

const EXPORTED_KINDS = new Set(['factor', 'intervention']);

interface Exported {
  readonly element: ElementRecord;
  readonly name: string;
  readonly kind: VariableKind;
  readonly variable?: ModelVariable;
}

function exportedVariables(snapshot: MapSnapshot): Exported[] {
  const data = readMap(snapshot);
  const model = modelFromMap(data, snapshot.meta);
  const byId = new Map(model.variables.map((v) => [v.id, v]));
  const inCausal = new Set<string>();
  for (const c of data.connections)
    if (c.kind === 'causal' && !c.proposed && c.direction !== 'undirected') {
      inCausal.add(c.from);
      inCausal.add(c.to);
    }
  const used = new Set(model.variables.map((v) => v.name));
  const out: Exported[] = [];
  for (const e of data.elements) {
    const v = byId.get(e.id);
    if (v) {
      out.push({ element: e, name: v.name, kind: v.kind, variable: v });
      continue;
    }
    if (!EXPORTED_KINDS.has(e.kind) && !inCausal.has(e.id)) continue;
    const base = modelName(e.label);
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    out.push({ element: e, name, kind: 'aux' });
  }
  return out;
}

const xmileEquation = (text: string): string => {
  try {
    return printXmile(parseExpr(text));
  } catch {
    return text; // an equation the model check refuses is still carried, as typed
  }
};

function variableXml(x: Exported): string {
  const e = x.element;
  const v = x.variable;
  const attrs = `name="${escAttr(x.name)}" weavemap:id="${escAttr(e.id)}" weavemap:label="${escAttr(e.label)}"`;
  const lines: string[] = [];
  if (x.kind === 'stock') {
    lines.push(`<eqn>${num(v?.initial ?? 0)}</eqn>`);
    for (const f of v?.inflows ?? []) lines.push(`<inflow>${escText(f)}</inflow>`);
    for (const f of v?.outflows ?? []) lines.push(`<outflow>${escText(f)}</outflow>`);
  } else {
    const base = e.extra[SIM_FIELD.initial];
    const eq = v?.equation ?? (typeof base === 'number' ? num(base) : '0');
    lines.push(`<eqn>${escText(xmileEquation(eq))}</eqn>`);
  }
  const units = v?.units;
  if (units) lines.push(`<units>${escText(units)}</units>`);
  if (e.description) lines.push(`<doc>${escText(e.description)}</doc>`);
  return [
    `      <${x.kind} ${attrs}>`,
    ...lines.map((l) => `        ${l}`),
    `      </${x.kind}>`,
  ].join('\n');
}

/** The map as an XMILE 1.0 document. */
export function exportXmile(snapshot: MapSnapshot, version = '0.1.0'): string {
  const vars = exportedVariables(snapshot);
  const nameOf = new Map(vars.map((x) => [x.element.id, x.name]));
  const model = modelFromMap(readMap(snapshot), snapshot.meta);
  const specs = model.specs;
  const graph = buildCausalGraph(snapshot);
  const view: string[] = [];
  for (const x of vars) {
    const [px, py] = x.element.position;
    view.push(`        <${x.kind} name="${escAttr(x.name)}" x="${num(px)}" y="${num(py)}"/>`);
  }
  let uid = 0;
  for (let a = 0; a < graph.arcCount; a++) {
    const from = nameOf.get(graph.nodeIds[graph.arcFrom[a]!]!);
    const to = nameOf.get(graph.nodeIds[graph.arcTo[a]!]!);
    if (!from || !to) continue;
    const polarity = graph.arcAssumed[a] ? '' : ` polarity="${graph.arcNegative[a] ? '-' : '+'}"`;
    const delay = graph.arcDelay[a] ? ' weavemap:delay="true"' : '';
    view.push(
      `        <connector uid="${++uid}"${polarity}${delay} weavemap:link="${escAttr(graph.arcToken[a]!)}">`,
      `          <from>${escText(from)}</from>`,
      `          <to>${escText(to)}</to>`,
      `        </connector>`,
    );
  }
  const timeUnits = specs.timeUnits ? ` time_units="${escAttr(specs.timeUnits)}"` : '';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<xmile version="1.0" xmlns="${XMILE_NS}" xmlns:weavemap="${WEAVEMAP_NS}">`,
    '  <header>',
    `    <name>${escText(snapshot.meta.title)}</name>`,
    '    <vendor>Weavemap</vendor>',
    `    <product version="${escAttr(version)}" lang="en">Weavemap</product>`,
    '  </header>',
    `  <sim_specs method="${specs.method === 'rk4' ? 'RK4' : 'Euler'}"${timeUnits}>`,
    `    <start>${num(specs.start)}</start>`,
    `    <stop>${num(specs.stop)}</stop>`,
    `    <dt>${num(specs.dt)}</dt>`,
    '  </sim_specs>',
    '  <model>',
    '    <variables>',
    ...vars.map(variableXml),
    '    </variables>',
    '    <views>',
    '      <view>',
    ...view,
    '      </view>',
    '    </views>',
    '  </model>',
    '</xmile>',
    '',
  ].join('\n');
}
