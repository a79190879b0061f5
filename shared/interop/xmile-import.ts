import { parseExpr, variablesOf } from '../simulation/expr';
import type { VariableKind } from '../simulation/model';
import { SIM_FIELD } from '../simulation/model-map';
import { MapBuilder } from './builder';
import { guard, type ImportInput, type ImportResult } from './model';
import { decodeText } from './text';
import { attr, child, children, parseXml, textOf, type XmlNode } from './xml';
import { canonicalXmileName, equationFromXmile, modelName, XMILE_NS } from './xmile-names';

/**
 * XMILE 1.0 import: the first `<model>`'s stocks, flows and auxiliaries become factors carrying
 * the `sim.*` model fields (kind, initial value, equation, units, inflows, outflows), the run
 * settings come from `<sim_specs>`, positions from the first `<view>`. Causal links come from the
 * view's `<connector>`s (with their `polarity`); a file without connectors gets one link per
 * name an equation reads (polarity left open) and one per flow into (+) or out of (-) a stock.
 *
 * Not read (each named in a warning): modules, arrays (dimensions), macros, graphical functions
 * and equations that use what Weavemap's expression language lacks (kept as typed).
 */

const KINDS: readonly VariableKind[] = ['stock', 'flow', 'aux'];

interface Variable {
  readonly node: XmlNode;
  readonly kind: VariableKind;
  readonly xmileName: string;
  readonly canonical: string;
  readonly ref: string;
  readonly name: string;
}

export interface XmileRunSettings {
  readonly start: number;
  readonly stop: number;
  readonly dt: number;
  readonly method: 'euler' | 'rk4';
  readonly timeUnits?: string;
}

/** The run settings an XMILE file names, as meta custom fields (`sim.start` ...). */
export function xmileSpecsExtra(s: XmileRunSettings): Record<string, unknown> {
  return {
    [SIM_FIELD.start]: s.start,
    [SIM_FIELD.stop]: s.stop,
    [SIM_FIELD.dt]: s.dt,
    [SIM_FIELD.method]: s.method,
    ...(s.timeUnits ? { [SIM_FIELD.timeUnits]: s.timeUnits } : {}),
  };
}

const numberOf = (text: string): number | undefined => {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
};

export function readSimSpecs(root: XmlNode, warn: (m: string) => void): XmileRunSettings {
  const s = child(root, 'sim_specs');
  const start = numberOf(textOf(child(s, 'start'))) ?? 0;
  const stop = numberOf(textOf(child(s, 'stop'))) ?? start + 10;
  const dtNode = child(s, 'dt');
  let dt = numberOf(textOf(dtNode)) ?? 1;
  if (attr(dtNode, 'reciprocal') === 'true' && dt !== 0) dt = 1 / dt;
  const m = (attr(s, 'method') ?? 'euler').toLowerCase();
  if (m !== 'euler' && m !== 'rk4')
    warn(`The method '${attr(s, 'method')}' is not one Weavemap runs; RK4 is used instead.`);
  const timeUnits = attr(s, 'time_units');
  return {
    start,
    stop,
    dt,
    method: m === 'euler' ? 'euler' : 'rk4',
    ...(timeUnits ? { timeUnits } : {}),
  };
}

export interface XmileImport {
  readonly result: ImportResult;
  /** The run settings, to write into the map's meta (`xmileSpecsExtra`). */
  readonly specs?: XmileRunSettings;
}

/** Reads an XMILE file into the common intermediate (and its run settings). */
export function readXmile(input: ImportInput): XmileImport {
  let specs: XmileRunSettings | undefined;
  const result = guard(() => {
    const text = decodeText(input);
    const b = new MapBuilder();
    const doc = parseXml(text);
    const root = child(doc, 'xmile');
    if (!root) {
      b.error('file', 'xmile', 'This is not an XMILE file: there is no <xmile> root element.');
      return b.finish();
    }
    if (!text.includes(XMILE_NS))
      b.warn('xmile', 'xmlns', `The file does not declare the XMILE 1.0 namespace (${XMILE_NS}).`);
    const version = attr(root, 'version');
    if (version && version !== '1.0')
      b.warn('xmile', 'version', `XMILE version ${version}: read as 1.0.`);
    specs = readSimSpecs(root, (m) => b.warn('sim_specs', 'method', m));
    const name = textOf(child(child(root, 'header'), 'name')).trim();
    if (name) b.title = name;
    const models = children(root, 'model');
    if (models.length > 1) b.warn('model', '', 'Only the first <model> is read.');
    const model = models[0];
    const varsNode = child(model, 'variables');
    for (const skipped of ['module', 'group'])
      if (children(varsNode, skipped).length)
        b.warn('variables', skipped, `<${skipped}> elements are not read.`);
    const vars: Variable[] = [];
    const used = new Set<string>();
    for (const kind of KINDS)
      for (const node of children(varsNode, kind)) {
        const xmileName = attr(node, 'name') ?? '';
        const canonical = canonicalXmileName(xmileName.replace(/\\n/g, ' '));
        let mname = modelName(xmileName.replace(/\\n/g, ' '));
        for (let k = 2; used.has(mname); k++) mname = `${modelName(xmileName)}_${k}`;
        used.add(mname);
        vars.push({
          node,
          kind,
          xmileName,
          canonical,
          ref: attr(node, 'id') ?? mname,
          name: mname,
        });
      }
    const byCanonical = new Map(vars.map((v) => [v.canonical, v]));
    const nameOf = (canonical: string) => byCanonical.get(canonical)?.name ?? canonical;
    const refOf = (xmileName: string) => byCanonical.get(canonicalXmileName(xmileName))?.ref;
    const positions = readPositions(model);
    const deps: [string, string][] = [];
    for (const v of vars) {
      const where = `${v.kind} '${v.xmileName}'`;
      if (child(v.node, 'dimensions')) b.warn(where, 'dimensions', 'Arrays are not read.');
      if (child(v.node, 'gf')) b.warn(where, 'gf', 'Graphical functions are not read.');
      const eqText = equationFromXmile(textOf(child(v.node, 'eqn')).trim(), nameOf);
      const extra: Record<string, unknown> = { [SIM_FIELD.kind]: v.kind };
      const units = textOf(child(v.node, 'units')).trim();
      if (units) extra[SIM_FIELD.units] = units;
      if (v.kind === 'stock') {
        const initial = numberOf(eqText);
        if (initial === undefined)
          b.warn(where, 'eqn', `The initial value '${eqText}' is not a number; 0 is used.`);
        extra[SIM_FIELD.initial] = initial ?? 0;
        const flows = (tag: string) =>
          children(v.node, tag)
            .map((n) => refOf(textOf(n)))
            .filter((r): r is string => r !== undefined);
        extra[SIM_FIELD.inflows] = flows('inflow');
        extra[SIM_FIELD.outflows] = flows('outflow');
        for (const f of children(v.node, 'inflow')) deps.push([textOf(f), v.xmileName + '\u0000+']);
        for (const f of children(v.node, 'outflow'))
          deps.push([textOf(f), v.xmileName + '\u0000-']);
      } else {
        extra[SIM_FIELD.equation] = eqText;
        try {
          for (const n of variablesOf(parseExpr(eqText)))
            if (n !== 'time' && n !== 'dt') {
              const src = vars.find((x) => x.name === n);
              if (src) deps.push([src.xmileName, v.xmileName]);
            }
        } catch (e) {
          b.warn(
            where,
            'eqn',
            `Weavemap cannot run this equation yet (${String((e as Error).message)}); it is kept as written.`,
          );
        }
      }
      const label = attr(v.node, 'label') ?? v.xmileName.replace(/\\n/g, ' ').replace(/_/g, ' ');
      b.element({
        where,
        ref: v.ref,
        kind: 'factor',
        label,
        description: textOf(child(v.node, 'doc')).trim(),
        position: positions.get(v.canonical),
        extra,
      });
    }
    const connectors = children(child(child(model, 'views'), 'view'), 'connector');
    if (connectors.length) {
      connectors.forEach((c, i) => {
        const from = refOf(textOf(child(c, 'from')));
        const to = refOf(textOf(child(c, 'to')));
        const where = `connector ${attr(c, 'uid') ?? i + 1}`;
        if (!from || !to)
          return b.warn(where, 'from', 'This connector joins names not in the model; skipped.');
        const pol = attr(c, 'polarity');
        b.connection({
          where,
          from,
          to,
          kind: 'causal',
          direction: 'directed',
          polarity: pol === '+' || pol === '-' ? pol : undefined,
          delay: attr(c, 'delay') === 'true' || undefined,
        });
      });
    } else {
      for (const [fromName, toKey] of deps) {
        const [toName, sign] = toKey.split('\u0000');
        const from = refOf(fromName);
        const to = refOf(toName!);
        if (!from || !to) continue;
        b.connection({
          where: `equation of '${toName}'`,
          from,
          to,
          kind: 'causal',
          direction: 'directed',
          polarity: sign === '+' || sign === '-' ? sign : undefined,
        });
      }
    }
    return b.finish();
  });
  return specs ? { result, specs } : { result };
}

export function importXmile(input: ImportInput): ImportResult {
  return readXmile(input).result;
}

/** Positions by canonical name from the first view's display objects. */
function readPositions(model: XmlNode | undefined): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const view = child(child(model, 'views'), 'view');
  for (const kind of KINDS)
    for (const n of children(view, kind)) {
      const x = numberOf(attr(n, 'x') ?? '');
      const y = numberOf(attr(n, 'y') ?? '');
      const name = attr(n, 'name');
      if (name && x !== undefined && y !== undefined) out.set(canonicalXmileName(name), [x, y]);
    }
  return out;
}
