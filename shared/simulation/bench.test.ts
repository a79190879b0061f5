import { describe, expect, it } from 'vitest';
import { chainBaseline, chainModel } from './bench';
import { simulate } from './integrate';

describe('the benchmark model', () => {
  it('the engine and the hand-written baseline compute the same chain', () => {
    const run = simulate(chainModel(10, 0.05, 5));
    const ref = chainBaseline(10, 0.05, 5);
    const n = run.times.length - 1;
    ref.forEach((v, i) => expect(run.series.get(`s${i}`)![n]).toBeCloseTo(v, 9));
    // mass is conserved along the chain
    const total = ref.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1000, 9);
  });
});
