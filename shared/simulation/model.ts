import type { Compiled, Expr } from './expr';
import { compileExpr, ExprError, parseExpr, variablesOf } from './expr';

/**
 * The quantitative model: stocks, flows and auxiliaries (the system dynamics vocabulary XMILE
 * uses), each with a name that equations refer to.
 *
 * - A stock holds a quantity: it starts at `initial` (a number or an equation over constants and
 *   other stocks' initial values is not supported: a number) and changes by the sum of its
 *   inflows minus the sum of its outflows, per unit of time.
 * - A flow and an auxiliary are computed from an equation at every moment.
 * - `time` is the simulation time and `dt` the step (both readable in equations).
 */

export type VariableKind = 'stock' | 'flow' | 'aux';

export interface ModelVariable {
  /** The element id on the map this variable belongs to (or any stable id). */
  readonly id: string;
  /** The name equations use: letters, digits and `_`, starting with a letter or `_`. */
  readonly name: string;
  readonly kind: VariableKind;
  readonly units?: string;
  /** Stocks: the starting value. */
  readonly initial?: number;
  /** Flows and auxiliaries: the equation. */
  readonly equation?: string;
  /** Stocks: names of the flows that fill it and drain it. */
  readonly inflows?: readonly string[];
  readonly outflows?: readonly string[];
}

export type Method = 'euler' | 'rk4';
export const METHODS: readonly Method[] = ['euler', 'rk4'];

export interface SimSpecs {
  readonly start: number;
  readonly stop: number;
  /** The step size; the run takes round((stop - start) / dt) steps. */
  readonly dt: number;
  readonly method: Method;
  /** Units of time, e.g. "years" (shown, and written to XMILE). */
  readonly timeUnits?: string;
}

export interface Model {
  readonly variables: readonly ModelVariable[];
  readonly specs: SimSpecs;
}

export const MODEL_LIMITS = { variables: 5000, steps: 1_000_000 } as const;
const RESERVED = new Set(['time', 'dt']);
export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A problem with one variable, phrased for the person who typed the equation. */
export interface ModelIssue {
  readonly id: string;
  readonly message: string;
}

export class ModelError extends Error {
  constructor(readonly issues: readonly ModelIssue[]) {
    super(issues.map((i) => `${i.id}: ${i.message}`).join('\n'));
    this.name = 'ModelError';
  }
}

/** A model checked and compiled, ready to run any number of times. */
export interface CompiledModel {
  readonly model: Model;
  /** Slot of each name in the value vector: stocks first (in model order), then the rest. */
  readonly slotOf: ReadonlyMap<string, number>;
  readonly names: readonly string[];
  readonly stockCount: number;
  /** Initial stock values, in slot order. */
  readonly initial: Float64Array;
  /** Fills flows and auxiliaries (slots stockCount..) from the stocks, in dependency order. */
  readonly evaluate: (values: Float64Array) => void;
  /** The derivative of each stock, given a full value vector. */
  readonly derivative: (values: Float64Array, out: Float64Array) => void;
  readonly timeSlot: number;
  readonly dtSlot: number;
}

export function checkSpecs(specs: SimSpecs): number {
  const { start, stop, dt } = specs;
  if (![start, stop, dt].every(Number.isFinite))
    throw new RangeError('start, stop and dt must be numbers.');
  if (!(dt > 0)) throw new RangeError('dt must be positive.');
  if (!(stop > start)) throw new RangeError('stop must be after start.');
  if (!METHODS.includes(specs.method))
    throw new RangeError(`method must be ${METHODS.join(' or ')}.`);
  const steps = Math.round((stop - start) / dt);
  if (steps > MODEL_LIMITS.steps) throw new RangeError(`At most ${MODEL_LIMITS.steps} steps.`);
  return Math.max(1, steps);
}

/** Checks names, equations and references, orders the equations, and compiles them. */
export function compileModel(model: Model): CompiledModel {
  checkSpecs(model.specs);
  const vars = model.variables;
  if (vars.length > MODEL_LIMITS.variables)
    throw new ModelError([{ id: '', message: `At most ${MODEL_LIMITS.variables} variables.` }]);
  const issues: ModelIssue[] = [];
  const byName = new Map<string, ModelVariable>();
  for (const v of vars) {
    if (!NAME_PATTERN.test(v.name))
      issues.push({ id: v.id, message: `"${v.name}" is not a usable name.` });
    else if (RESERVED.has(v.name.toLowerCase()))
      issues.push({ id: v.id, message: `"${v.name}" is reserved.` });
    else if (byName.has(v.name))
      issues.push({ id: v.id, message: `The name "${v.name}" is used twice.` });
    byName.set(v.name, v);
  }
  const stocks = vars.filter((v) => v.kind === 'stock');
  const others = vars.filter((v) => v.kind !== 'stock');
  const parsed = new Map<string, Expr>();
  for (const v of others) {
    try {
      parsed.set(v.name, parseExpr(v.equation ?? ''));
    } catch (e) {
      const msg = e instanceof ExprError ? e.message : String(e);
      issues.push({ id: v.id, message: `Equation: ${msg}` });
      continue;
    }
    for (const n of variablesOf(parsed.get(v.name)!))
      if (!byName.has(n) && !RESERVED.has(n.toLowerCase()))
        issues.push({ id: v.id, message: `The equation names "${n}", which is not in the model.` });
  }
  for (const s of stocks) {
    if (s.initial === undefined || !Number.isFinite(s.initial))
      issues.push({ id: s.id, message: 'A stock needs a starting value.' });
    for (const f of [...(s.inflows ?? []), ...(s.outflows ?? [])])
      if (byName.get(f)?.kind !== 'flow')
        issues.push({ id: s.id, message: `"${f}" is not a flow of the model.` });
  }
  if (issues.length) throw new ModelError(issues);

  // Order flows and auxiliaries so each is computed after what it reads (stocks are known).
  const order: ModelVariable[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (v: ModelVariable, path: string[]) => {
    if (state.get(v.name) === 2) return;
    if (state.get(v.name) === 1)
      throw new ModelError([
        { id: v.id, message: `Circular equations: ${[...path, v.name].join(' → ')}.` },
      ]);
    state.set(v.name, 1);
    for (const n of variablesOf(parsed.get(v.name)!)) {
      const dep = byName.get(n);
      if (dep && dep.kind !== 'stock') visit(dep, [...path, v.name]);
    }
    state.set(v.name, 2);
    order.push(v);
  };
  for (const v of others) visit(v, []);

  const names = [...stocks.map((s) => s.name), ...order.map((v) => v.name), 'time', 'dt'];
  const slotOf = new Map<string, number>();
  names.forEach((n, i) => slotOf.set(n, i));
  const slot = (n: string) => slotOf.get(n) ?? slotOf.get(n.toLowerCase())!;
  const timeSlot = slotOf.get('time')!;
  const dtSlot = slotOf.get('dt')!;
  const eqs: { at: number; f: Compiled }[] = order.map((v) => ({
    at: slotOf.get(v.name)!,
    f: compileExpr(parsed.get(v.name)!, slot),
  }));
  const eqAt = Int32Array.from(eqs, (e) => e.at);
  const eqF = eqs.map((e) => e.f);
  const evaluate = (values: Float64Array) => {
    for (let k = 0; k < eqF.length; k++) values[eqAt[k]!] = eqF[k]!(values);
  };
  const plus = stocks.map((s) => Int32Array.from(s.inflows ?? [], (f) => slotOf.get(f)!));
  const minus = stocks.map((s) => Int32Array.from(s.outflows ?? [], (f) => slotOf.get(f)!));
  const derivative = (values: Float64Array, out: Float64Array) => {
    for (let i = 0; i < plus.length; i++) {
      let d = 0;
      const p = plus[i]!;
      const m = minus[i]!;
      for (let k = 0; k < p.length; k++) d += values[p[k]!]!;
      for (let k = 0; k < m.length; k++) d -= values[m[k]!]!;
      out[i] = d;
    }
  };
  return {
    model,
    slotOf,
    names,
    stockCount: stocks.length,
    initial: Float64Array.from(stocks, (s) => s.initial!),
    evaluate,
    derivative,
    timeSlot,
    dtSlot,
  };
}
