import { describe, expect, it } from 'vitest';
import type { Model } from '../../../shared/simulation/model';
import { compareScenarios, withChange } from './scenarios';

const model: Model = {
  variables: [
    { id: 's', name: 'stock', kind: 'stock', initial: 10, inflows: ['growth'] },
    { id: 'g', name: 'growth', kind: 'flow', equation: 'rate * stock' },
    { id: 'r', name: 'rate', kind: 'aux', equation: '0.1' },
  ],
  specs: { start: 0, stop: 10, dt: 0.5, method: 'euler' },
};

describe('two scenarios side by side', () => {
  it('B changes one variable and both charts share one scale', () => {
    expect(withChange(model, { name: 'rate', value: 0.2 }).variables[2]!.equation).toBe('0.2');
    expect(withChange(model, { name: 'stock', value: 5 }).variables[0]!.initial).toBe(5);
    const c = compareScenarios(model, ['stock'], { name: 'rate', value: 0.2 });
    const endA = c.a.series.get('stock')!.at(-1)!;
    const endB = c.b!.series.get('stock')!.at(-1)!;
    expect(endA).toBeCloseTo(10 * 1.05 ** 20, 9);
    expect(endB).toBeCloseTo(10 * 1.1 ** 20, 9);
    expect(c.yDomain).toEqual([0, endB]);
    expect(compareScenarios(model, ['stock'], null).b).toBeNull();
  });
});
