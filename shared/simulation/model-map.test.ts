import { describe, expect, it } from 'vitest';
import { causal, element } from '../analysis/random-maps';
import { simulate } from './integrate';
import { modelFromMap, modelName, SIM_FIELD } from './model-map';

describe('the model a map holds', () => {
  it('names variables from labels, uniquely', () => {
    expect(modelName('School readiness')).toBe('school_readiness');
    expect(modelName('  Élan — vital! ')).toBe('elan_vital');
    expect(modelName('3 meals')).toBe('_3_meals');
    expect(modelName('Time')).toBe('time_');
    expect(modelName('!!!')).toBe('v');
  });

  it('reads stocks, flows and link equations from custom fields and runs them', () => {
    const el = (id: string, label: string, extra: Record<string, unknown>) =>
      element(id, 'factor', label, { extra });
    const map = {
      elements: [
        el('p', 'Population', {
          [SIM_FIELD.kind]: 'stock',
          [SIM_FIELD.initial]: 100,
          [SIM_FIELD.inflows]: ['b'],
          [SIM_FIELD.units]: 'people',
        }),
        el('b', 'Births', { [SIM_FIELD.kind]: 'flow' }),
        el('r', 'Birth rate', { [SIM_FIELD.kind]: 'aux', [SIM_FIELD.equation]: '0.02' }),
        el('x', 'Population', { [SIM_FIELD.kind]: 'aux', [SIM_FIELD.initial]: 3 }),
        element('n', 'factor', 'Not in the model'),
      ],
      connections: [
        causal('c1', 'p', 'b', '+', { strength: 0.02 }),
        causal('c2', 'n', 'b', '-'),
        causal('c3', 'p', 'x', '-', { strength: 0.5 }),
      ],
      meta: {
        schemaVersion: 1,
        title: '',
        createdAt: 0,
        createdBy: '',
        extra: { [SIM_FIELD.stop]: 10, [SIM_FIELD.dt]: 0.01, [SIM_FIELD.method]: 'rk4' },
      },
    };
    const model = modelFromMap(map);
    expect(model.specs).toEqual({ start: 0, stop: 10, dt: 0.01, method: 'rk4' });
    const byId = new Map(model.variables.map((v) => [v.id, v]));
    expect(byId.get('b')!.equation).toBe('0 + 0.02 * population');
    expect(byId.get('p')).toMatchObject({
      name: 'population',
      inflows: ['births'],
      units: 'people',
    });
    expect(byId.get('x')).toMatchObject({ name: 'population_2', equation: '3 - 0.5 * population' });
    const run = simulate(model);
    const pop = run.series.get('population')!;
    expect(pop[pop.length - 1]).toBeCloseTo(100 * Math.exp(0.2), 6);
  });
});
