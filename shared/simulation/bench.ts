import { randomCausalMap } from '../analysis/random-maps';
import { simulate } from './integrate';
import type { Model, ModelVariable } from './model';
import { runWhatIf } from './whatif';

/**
 * The simulation figures for `npm run bench`, each beside a plain baseline on the same work:
 * - what-if on a 1,000-factor, 3,000-link random map: steps per second, beside a bare loop that
 *   does the same multiply-adds over typed arrays (no saturation, no delays, no reading the map);
 * - the quantitative engine on a 100-stock model (a chain: each stock drains into the next at a
 *   rate given by an equation), RK4, beside the same ODE hand-written as a fixed-step RK4 loop.
 */

export interface SimBenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: number;
  readonly baselineName?: string;
  readonly note?: string;
}

const time = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const best = (n: number, f: () => void): number =>
  Math.min(...Array.from({ length: n }, () => time(f)));

export function benchWhatIf(factors = 1000, links = 3000, steps = 400): SimBenchRow {
  const map = randomCausalMap(factors, links, 42);
  const pushes = [
    { elementId: 'f1', direction: 1 as const },
    { elementId: 'f500', direction: -1 as const },
  ];
  const ms = best(5, () => runWhatIf(map, pushes, { steps }));
  // Baseline: the propagation alone over prepared arrays.
  const from = Int32Array.from(map.connections, (c) => Number(c.from.slice(1)));
  const to = Int32Array.from(map.connections, (c) => Number(c.to.slice(1)));
  const w = Float64Array.from(map.connections, (c) => (c.polarity === '-' ? -0.8 : 0.8));
  const base = best(5, () => {
    let d = new Float64Array(factors);
    const level = new Float64Array(factors);
    d[1] = 1;
    d[500] = -1;
    for (let t = 0; t < steps; t++) {
      const next = new Float64Array(factors);
      for (let i = 0; i < factors; i++) level[i]! += d[i]!;
      for (let a = 0; a < from.length; a++) next[to[a]!]! += d[from[a]!]! * w[a]!;
      d = next;
    }
  });
  return {
    name: `what-if, ${factors} factors, ${links} links (${steps} steps, map read included)`,
    value: (steps / ms) * 1000,
    unit: 'steps/s',
    baseline: (steps / base) * 1000,
    baselineName: 'bare propagation loop',
    note: `${ms.toFixed(1)} ms per run`,
  };
}

export function chainModel(stocks: number, dt: number, stop: number): Model {
  const variables: ModelVariable[] = [{ id: 'k', name: 'k', kind: 'aux', equation: '0.3' }];
  for (let i = 0; i < stocks; i++) {
    variables.push({
      id: `s${i}`,
      name: `s${i}`,
      kind: 'stock',
      initial: i === 0 ? 1000 : 0,
      inflows: i > 0 ? [`f${i - 1}`] : [],
      outflows: i < stocks - 1 ? [`f${i}`] : [],
    });
    if (i < stocks - 1)
      variables.push({ id: `f${i}`, name: `f${i}`, kind: 'flow', equation: `k * s${i}` });
  }
  return { variables, specs: { start: 0, stop, dt, method: 'rk4' } };
}

/** The chain as a hand-written RK4 loop: ds_i/dt = k s_(i-1) - k s_i (no outflow for the last). */
export function chainBaseline(stocks: number, dt: number, stop: number): Float64Array {
  const k = 0.3;
  const steps = Math.round(stop / dt);
  const y = new Float64Array(stocks);
  y[0] = 1000;
  const f = (s: Float64Array, out: Float64Array) => {
    for (let i = 0; i < stocks; i++)
      out[i] = (i > 0 ? k * s[i - 1]! : 0) - (i < stocks - 1 ? k * s[i]! : 0);
  };
  const [k1, k2, k3, k4, tmp] = [0, 1, 2, 3, 4].map(
    () => new Float64Array(stocks),
  ) as Float64Array[];
  for (let n = 0; n < steps; n++) {
    f(y, k1!);
    for (let i = 0; i < stocks; i++) tmp![i] = y[i]! + (dt / 2) * k1![i]!;
    f(tmp!, k2!);
    for (let i = 0; i < stocks; i++) tmp![i] = y[i]! + (dt / 2) * k2![i]!;
    f(tmp!, k3!);
    for (let i = 0; i < stocks; i++) tmp![i] = y[i]! + dt * k3![i]!;
    f(tmp!, k4!);
    for (let i = 0; i < stocks; i++)
      y[i]! += (dt / 6) * (k1![i]! + 2 * k2![i]! + 2 * k3![i]! + k4![i]!);
  }
  return y;
}

export function benchModel(stocks = 100, dt = 0.01, stop = 100): SimBenchRow {
  const model = chainModel(stocks, dt, stop);
  const steps = Math.round(stop / dt);
  let last = new Float64Array(0);
  const ms = best(3, () => {
    const run = simulate(model);
    last = Float64Array.from({ length: stocks }, (_, i) => run.series.get(`s${i}`)![steps]!);
  });
  let ref: Float64Array = new Float64Array(0);
  const base = best(3, () => (ref = chainBaseline(stocks, dt, stop)));
  const diff = Math.max(...last.map((v, i) => Math.abs(v - ref[i]!)));
  return {
    name: `model, ${stocks} stocks + ${stocks - 1} flows, RK4 (${steps} steps of dt ${dt})`,
    value: (steps / ms) * 1000,
    unit: 'steps/s',
    baseline: (steps / base) * 1000,
    baselineName: 'hand-written RK4 loop',
    note: `${ms.toFixed(0)} ms per run (equations, all series kept); largest difference from the baseline ${diff.toExponential(1)}`,
  };
}
