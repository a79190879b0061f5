import { describe, expect, it } from 'vitest';
import { addElement } from '../domain/elements';
import { testContext } from '../domain/test-context';
import { readSnapshot } from '../schema/snapshot';
import { setModelFields, setRunSettings } from './model-edit';
import { modelFromMap } from './model-map';

describe('editing the model on the map', () => {
  it('writes and clears sim.* fields and the run settings', () => {
    const ctx = testContext('ana');
    const s = addElement(ctx, { kind: 'factor', label: 'Savings', position: [0, 0] });
    const f = addElement(ctx, { kind: 'factor', label: 'Interest', position: [0, 0] });
    setModelFields(ctx, s, { kind: 'stock', initial: 100, units: 'EUR', inflows: [f] });
    setModelFields(ctx, f, { kind: 'flow', equation: 'savings * 0.05' });
    setRunSettings(ctx, { start: 0, stop: 10, dt: 0.5, method: 'euler', timeUnits: 'years' });
    const model = modelFromMap(readSnapshot(ctx.doc));
    expect(model.specs).toEqual({
      start: 0,
      stop: 10,
      dt: 0.5,
      method: 'euler',
      timeUnits: 'years',
    });
    expect(model.variables).toEqual(
      [
        {
          id: s,
          name: 'savings',
          kind: 'stock',
          units: 'EUR',
          initial: 100,
          inflows: ['interest'],
          outflows: [],
        },
        { id: f, name: 'interest', kind: 'flow', equation: 'savings * 0.05' },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    setModelFields(ctx, f, { kind: null, equation: '' });
    expect(readSnapshot(ctx.doc).elements.get(f)!.extra).toEqual({});
  });

  it('refuses what cannot run', () => {
    const ctx = testContext('ana');
    const s = addElement(ctx, { kind: 'factor', label: 'x', position: [0, 0] });
    expect(() => setModelFields(ctx, s, { equation: '1 +' })).toThrow(/ends too soon/);
    expect(() => setModelFields(ctx, s, { initial: Number.NaN })).toThrow();
    expect(() => setRunSettings(ctx, { start: 0, stop: 1, dt: -1, method: 'rk4' })).toThrow();
  });
});
