import type { MapData, MapLike } from '../analysis/input';
import { asMapData } from '../analysis/input';
import type { ElementRecord, MetaRecord } from '../schema/types';
import type { Method, Model, ModelVariable, SimSpecs, VariableKind } from './model';
import { METHODS } from './model';

/**
 * Where the quantitative model lives on a map: in plain custom fields (an element's or the
 * meta record's `extra`), each a scalar or an array of strings, under the `sim.` prefix:
 *
 * - element `sim.kind`: 'stock' | 'flow' | 'aux' (an element without it is not in the model)
 * - element `sim.units`: text, e.g. "children"; `sim.initial`: a number (stocks; for an aux
 *   without an equation, its base value)
 * - element `sim.equation`: text in the `expr.ts` language, naming other variables by their
 *   model name (`modelName(label)`)
 * - element `sim.inflows` / `sim.outflows`: element ids of the flows into / out of a stock
 * - meta `sim.start`, `sim.stop`, `sim.dt`, `sim.method`, `sim.timeUnits`: the run settings
 *
 * Custom fields travel with the element through the document, undo, native export and every
 * importer that keeps custom fields, and they need no schema change (decision recorded in
 * docs/architecture.md, "Simulation"). Links carry the rest: an aux or flow with no equation
 * is `initial + Σ (±strength · cause)` over its incoming causal links from model variables
 * (sign from the polarity, strength 1 when unset).
 */

export const SIM_FIELD = {
  kind: 'sim.kind',
  units: 'sim.units',
  initial: 'sim.initial',
  equation: 'sim.equation',
  inflows: 'sim.inflows',
  outflows: 'sim.outflows',
  start: 'sim.start',
  stop: 'sim.stop',
  dt: 'sim.dt',
  method: 'sim.method',
  timeUnits: 'sim.timeUnits',
} as const;

export const DEFAULT_SPECS: SimSpecs = { start: 0, stop: 20, dt: 0.25, method: 'rk4' };

const KINDS: readonly VariableKind[] = ['stock', 'flow', 'aux'];

/** The equation name of a label: lower case, runs of other characters as `_` (XMILE-like). */
export function modelName(label: string): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = base === '' ? 'v' : /^[0-9]/.test(base) ? `_${base}` : base;
  return name === 'time' || name === 'dt' ? `${name}_` : name;
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const ids = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function specsOf(meta: MetaRecord | undefined): SimSpecs {
  const x = meta?.extra ?? {};
  const method = text(x[SIM_FIELD.method]);
  const timeUnits = text(x[SIM_FIELD.timeUnits]);
  return {
    start: num(x[SIM_FIELD.start]) ?? DEFAULT_SPECS.start,
    stop: num(x[SIM_FIELD.stop]) ?? DEFAULT_SPECS.stop,
    dt: num(x[SIM_FIELD.dt]) ?? DEFAULT_SPECS.dt,
    method: METHODS.includes(method as Method) ? (method as Method) : DEFAULT_SPECS.method,
    ...(timeUnits ? { timeUnits } : {}),
  };
}

export const isModelElement = (e: ElementRecord): boolean =>
  KINDS.includes(e.extra[SIM_FIELD.kind] as VariableKind);

/**
 * The model a map holds (empty when no element has `sim.kind`). Names are unique: a second
 * element whose label gives the same name gets `_2`, `_3`... in id order.
 */
export function modelFromMap(
  map: (MapLike & { readonly meta?: MetaRecord }) | MapData,
  meta?: MetaRecord,
): Model {
  const data = asMapData(map);
  const specs = specsOf(meta ?? ('meta' in map ? (map as { meta?: MetaRecord }).meta : undefined));
  const members = data.elements.filter(isModelElement);
  const nameOf = new Map<string, string>();
  const used = new Set<string>();
  for (const e of members) {
    const base = modelName(e.label);
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    nameOf.set(e.id, name);
  }
  const variables = members.map((e): ModelVariable => {
    const x = e.extra;
    const kind = x[SIM_FIELD.kind] as VariableKind;
    const units = text(x[SIM_FIELD.units]);
    const initial = num(x[SIM_FIELD.initial]);
    const base = { id: e.id, name: nameOf.get(e.id)!, kind, ...(units ? { units } : {}) };
    if (kind === 'stock') {
      const flows = (v: unknown) => ids(v).map((id) => nameOf.get(id) ?? id);
      return {
        ...base,
        ...(initial !== undefined ? { initial } : {}),
        inflows: flows(x[SIM_FIELD.inflows]),
        outflows: flows(x[SIM_FIELD.outflows]),
      };
    }
    const eq = text(x[SIM_FIELD.equation])?.trim();
    return { ...base, equation: eq || linkEquation(data, e.id, nameOf, initial ?? 0) };
  });
  return { variables, specs };
}

/** `initial + Σ ±strength·cause` over the element's incoming causal links from model variables. */
function linkEquation(
  data: MapData,
  id: string,
  nameOf: ReadonlyMap<string, string>,
  initial: number,
): string {
  const terms: string[] = [String(initial)];
  for (const c of data.connections) {
    if (c.kind !== 'causal' || c.proposed || c.direction === 'undirected') continue;
    const from =
      c.to === id ? c.from : c.direction === 'mutual' && c.from === id ? c.to : undefined;
    if (from === undefined || !nameOf.has(from)) continue;
    const s = typeof c.strength === 'number' && Number.isFinite(c.strength) ? c.strength : 1;
    terms.push(`${c.polarity === '-' ? '-' : '+'} ${s} * ${nameOf.get(from)!}`);
  }
  return terms.join(' ');
}
