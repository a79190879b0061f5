import { describe, expect, it } from 'vitest';
import { simulate } from './integrate';
import type { Method, Model, ModelVariable } from './model';
import { compileModel, ModelError } from './model';

const growth = (r: number, s0: number, method: Method, dt: number, stop = 10): Model => ({
  variables: [
    { id: 's', name: 'stock', kind: 'stock', initial: s0, inflows: ['change'] },
    { id: 'f', name: 'change', kind: 'flow', equation: 'rate * stock' },
    { id: 'r', name: 'rate', kind: 'aux', equation: String(r) },
  ],
  specs: { start: 0, stop, dt, method },
});

const logistic = (method: Method, dt: number): Model => ({
  variables: [
    { id: 'p', name: 'population', kind: 'stock', initial: 10, inflows: ['births'] },
    { id: 'b', name: 'births', kind: 'flow', equation: 'r * population * (1 - population / k)' },
    { id: 'r', name: 'r', kind: 'aux', equation: '0.5' },
    { id: 'k', name: 'k', kind: 'aux', equation: '1000' },
  ],
  specs: { start: 0, stop: 20, dt, method },
});

const maxRelErr = (got: Float64Array, want: (n: number) => number) => {
  let worst = 0;
  got.forEach((v, n) => (worst = Math.max(worst, Math.abs(v - want(n)) / Math.abs(want(n)))));
  return worst;
};

describe('quantitative engine against closed-form results', () => {
  it('exponential growth: Euler follows (1 + r·dt)^n exactly; RK4 follows e^(rt) within 1e-6', () => {
    const euler = simulate(growth(0.1, 100, 'euler', 0.25));
    expect(euler.times.length).toBe(41);
    expect(maxRelErr(euler.series.get('stock')!, (n) => 100 * (1 + 0.1 * 0.25) ** n)).toBeLessThan(
      1e-12,
    );
    const rk4 = simulate(growth(0.1, 100, 'rk4', 0.01));
    expect(
      maxRelErr(rk4.series.get('stock')!, (n) => 100 * Math.exp(0.1 * rk4.times[n]!)),
    ).toBeLessThan(1e-6);
    // and RK4's own one-step factor 1 + h + h²/2 + h³/6 + h⁴/24 (h = r·dt), at a coarse step
    const h = 0.1 * 0.5;
    const coarse = simulate(growth(0.1, 100, 'rk4', 0.5));
    const g = 1 + h + h ** 2 / 2 + h ** 3 / 6 + h ** 4 / 24;
    expect(maxRelErr(coarse.series.get('stock')!, (n) => 100 * g ** n)).toBeLessThan(1e-12);
    // the flow is reported from the stock at each time
    expect(rk4.series.get('change')![100]).toBeCloseTo(0.1 * rk4.series.get('stock')![100]!, 12);
  });

  it('exponential decay through an outflow', () => {
    const model: Model = {
      variables: [
        { id: 's', name: 'drug', kind: 'stock', initial: 50, outflows: ['clearance'] },
        { id: 'f', name: 'clearance', kind: 'flow', equation: 'drug / lifetime' },
        { id: 'l', name: 'lifetime', kind: 'aux', equation: '4' },
      ],
      specs: { start: 0, stop: 12, dt: 0.01, method: 'rk4' },
    };
    const run = simulate(model);
    expect(
      maxRelErr(run.series.get('drug')!, (n) => 50 * Math.exp(-run.times[n]! / 4)),
    ).toBeLessThan(1e-6);
    const e = simulate({ ...model, specs: { ...model.specs, dt: 0.5, method: 'euler' } });
    expect(maxRelErr(e.series.get('drug')!, (n) => 50 * (1 - 0.5 / 4) ** n)).toBeLessThan(1e-12);
  });

  it('logistic growth: RK4 at dt = 0.01 within 1e-6 of K / (1 + (K - P0)/P0 · e^(-rt)); Euler equals its recurrence', () => {
    const run = simulate(logistic('rk4', 0.01));
    const exact = (t: number) => 1000 / (1 + (990 / 10) * Math.exp(-0.5 * t));
    expect(maxRelErr(run.series.get('population')!, (n) => exact(run.times[n]!))).toBeLessThan(
      1e-6,
    );
    const eu = simulate(logistic('euler', 0.1));
    const rec = [10];
    for (let n = 1; n < eu.times.length; n++) {
      const p = rec[n - 1]!;
      rec.push(p + 0.1 * 0.5 * p * (1 - p / 1000));
    }
    expect(maxRelErr(eu.series.get('population')!, (n) => rec[n]!)).toBeLessThan(1e-12);
    // Euler at that step is visibly off the curve: the test above would catch a swapped method
    expect(maxRelErr(eu.series.get('population')!, (n) => exact(eu.times[n]!))).toBeGreaterThan(
      1e-3,
    );
  });

  it('time and dt can be read in equations', () => {
    const run = simulate({
      variables: [
        { id: 's', name: 's', kind: 'stock', initial: 0, inflows: ['f'] },
        { id: 'f', name: 'f', kind: 'flow', equation: '2 * TIME + 0 * dt' },
      ],
      specs: { start: 0, stop: 3, dt: 0.1, method: 'rk4' },
    });
    // ds/dt = 2t: s = t², which RK4 integrates exactly
    run.series.get('s')!.forEach((v, n) => expect(v).toBeCloseTo(run.times[n]! ** 2, 10));
  });
});

describe('model checks', () => {
  const base = (vars: ModelVariable[]): Model => ({
    variables: vars,
    specs: { start: 0, stop: 1, dt: 0.1, method: 'euler' },
  });
  const issues = (m: Model) => {
    try {
      compileModel(m);
    } catch (e) {
      if (e instanceof ModelError) return e.issues.map((i) => i.message).join(' | ');
      throw e;
    }
    return '';
  };
  it('names what is wrong', () => {
    expect(issues(base([{ id: 'a', name: 'a', kind: 'aux', equation: 'b + 1' }]))).toMatch(
      /"b", which is not/,
    );
    expect(issues(base([{ id: 'a', name: 'a', kind: 'aux', equation: '1 +' }]))).toMatch(
      /Equation/,
    );
    expect(issues(base([{ id: 'a', name: '2x', kind: 'aux', equation: '1' }]))).toMatch(
      /not a usable/,
    );
    expect(issues(base([{ id: 's', name: 's', kind: 'stock' }]))).toMatch(/starting value/);
    expect(
      issues(base([{ id: 's', name: 's', kind: 'stock', initial: 1, inflows: ['nope'] }])),
    ).toMatch(/not a flow/);
    expect(
      issues(
        base([
          { id: 'a', name: 'a', kind: 'aux', equation: 'b' },
          { id: 'b', name: 'b', kind: 'aux', equation: 'a' },
        ]),
      ),
    ).toMatch(/Circular/);
    expect(() =>
      compileModel({ ...base([]), specs: { start: 0, stop: 1, dt: 0, method: 'rk4' } }),
    ).toThrow(/dt/);
  });
});
