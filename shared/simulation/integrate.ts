import type { CompiledModel, Model } from './model';
import { checkSpecs, compileModel } from './model';

/**
 * Fixed-step integrators for a compiled model. The step size is the model's `dt`, always
 * explicit; there is no adaptive stepping, so a run is a pure function of the model and gives
 * the same numbers on every client.
 *
 * - Euler: y(n+1) = y(n) + dt·f(t(n), y(n)).
 * - RK4 (classic fourth-order Runge-Kutta): y(n+1) = y(n) + dt/6·(k1 + 2k2 + 2k3 + k4).
 * Flows and auxiliaries are reported as computed from the stocks at each saved time.
 */

export interface ModelRun {
  /** Variable names in slot order (stocks first), without `time` and `dt`. */
  readonly names: readonly string[];
  readonly times: Float64Array;
  /** series[name][n]: the value at times[n]. */
  readonly series: ReadonlyMap<string, Float64Array>;
  readonly method: 'euler' | 'rk4';
  readonly dt: number;
}

export function simulate(model: Model | CompiledModel): ModelRun {
  const cm = 'evaluate' in model ? model : compileModel(model);
  const { specs } = cm.model;
  const steps = checkSpecs(specs);
  const { dt, start, method } = specs;
  const S = cm.stockCount;
  const width = cm.names.length;
  const outNames = cm.names.slice(0, width - 2);
  const V = outNames.length;
  const rows = new Float64Array((steps + 1) * V);
  const y = Float64Array.from(cm.initial);
  const vals = new Float64Array(width);
  vals[cm.dtSlot] = dt;
  const k = [0, 1, 2, 3].map(() => new Float64Array(S));
  const tmp = new Float64Array(S);
  // f(t, y) -> out; also leaves the full value vector for (t, y) in vals.
  const f = (t: number, state: Float64Array, out: Float64Array) => {
    vals.set(state);
    vals[cm.timeSlot] = t;
    cm.evaluate(vals);
    cm.derivative(vals, out);
  };
  const times = new Float64Array(steps + 1);
  for (let n = 0; n <= steps; n++) {
    const t = start + n * dt;
    times[n] = t;
    f(t, y, k[0]!);
    rows.set(vals.subarray(0, V), n * V);
    if (n === steps) break;
    if (method === 'euler') {
      for (let i = 0; i < S; i++) y[i]! += dt * k[0]![i]!;
    } else {
      const [k1, k2, k3, k4] = k as [Float64Array, Float64Array, Float64Array, Float64Array];
      for (let i = 0; i < S; i++) tmp[i] = y[i]! + (dt / 2) * k1[i]!;
      f(t + dt / 2, tmp, k2);
      for (let i = 0; i < S; i++) tmp[i] = y[i]! + (dt / 2) * k2[i]!;
      f(t + dt / 2, tmp, k3);
      for (let i = 0; i < S; i++) tmp[i] = y[i]! + dt * k3[i]!;
      f(t + dt, tmp, k4);
      for (let i = 0; i < S; i++) y[i]! += (dt / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
    }
  }
  const series = new Map<string, Float64Array>();
  outNames.forEach((name, j) => {
    const s = new Float64Array(steps + 1);
    for (let n = 0; n <= steps; n++) s[n] = rows[n * V + j]!;
    series.set(name, s);
  });
  return { names: outNames, times, series, method, dt };
}
