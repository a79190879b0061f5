import type { ModelRun } from '../../../shared/simulation/integrate';
import { simulate } from '../../../shared/simulation/integrate';
import type { Model } from '../../../shared/simulation/model';

/**
 * Two scenarios of one model, side by side: A as mapped, B with one variable set to another
 * value (a stock's starting value, or a flow's or aux's equation replaced by the number).
 */
export interface ScenarioChange {
  readonly name: string;
  readonly value: number;
}

export function withChange(model: Model, change: ScenarioChange): Model {
  return {
    ...model,
    variables: model.variables.map((v) =>
      v.name !== change.name
        ? v
        : v.kind === 'stock'
          ? { ...v, initial: change.value }
          : { ...v, equation: String(change.value) },
    ),
  };
}

export interface Comparison {
  readonly a: ModelRun;
  readonly b: ModelRun | null;
  /** One y range for both charts, so they can be read against each other. */
  readonly yDomain: [number, number];
}

export function compareScenarios(
  model: Model,
  shown: readonly string[],
  change: ScenarioChange | null,
): Comparison {
  const a = simulate(model);
  const b = change ? simulate(withChange(model, change)) : null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const run of b ? [a, b] : [a])
    for (const name of shown)
      for (const v of run.series.get(name) ?? []) {
        if (!Number.isFinite(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
  if (!(lo <= hi)) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  return { a, b, yDomain: [Math.min(0, lo), hi] };
}
