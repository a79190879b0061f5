import { describe, expect, it } from 'vitest';
import { causal, element, randomCausalMap } from '../analysis/random-maps';
import { colourFor } from './looks';
import { MarkTracker } from './marks';
import { frameAt, runWhatIf } from './whatif';

const chain = {
  elements: ['a', 'b', 'c', 'd'].map((id) => element(id, 'factor')),
  connections: [causal('ab', 'a', 'b', '+'), causal('bc', 'b', 'c', '-')],
};

describe('what-if marks: only what changed is handed over', () => {
  it('step by step along a chain: each step sends the factor the change reached', () => {
    const run = runWhatIf(chain, [{ elementId: 'a', direction: 1 }], { steps: 3, damping: 0.5 });
    const marks = new MarkTracker();
    // t = 0: only the pushed factor has moved (d never does).
    expect([...marks.changesAt(run, 0).keys()]).toEqual(['a']);
    // t = 1: b moved; a's mark is unchanged, so not sent again.
    const one = marks.changesAt(run, 1);
    expect([...one.keys()]).toEqual(['b']);
    expect(one.get('b')).toEqual({ fill: colourFor(1, 0.5), size: 0.5, direction: 1 });
    // t = 2: c moved down (a - link).
    const two = marks.changesAt(run, 2);
    expect([...two.keys()]).toEqual(['c']);
    expect(two.get('c')!.direction).toBe(-1);
    // Nothing moves after that: the same moment again sends nothing.
    expect(marks.changesAt(run, 3).size).toBe(0);
    expect(marks.changesAt(run, 3).size).toBe(0);
  });

  it('skipping moments (frames dropped when behind) still ends on the exact final state', () => {
    const map = randomCausalMap(300, 900, 7);
    const run = runWhatIf(map, [{ elementId: 'f1', direction: 1 }], { steps: 30 });
    const skipping = new MarkTracker();
    for (const t of [0, 0.4, 3.7, 11, 29.2, 30]) skipping.changesAt(run, t);
    const direct = new MarkTracker();
    direct.changesAt(run, 30);
    expect(new Map(skipping.shown)).toEqual(new Map(direct.shown));
    // And it is the run's own last step, factor by factor.
    for (const id of run.ids) {
      const f = frameAt(run, id, 30)!;
      const m = skipping.shown.get(id);
      if (f.direction === 0) expect(m).toBeUndefined();
      else expect(m!.direction).toBe(f.direction);
      if (m) expect(Math.abs(m.size - f.size)).toBeLessThanOrEqual(1 / 128);
    }
  });

  it('a factor back at rest is removed; reset forgets what was handed over', () => {
    // Going back to moment 0 from the end removes every factor that was not pushed.
    const run = runWhatIf(chain, [{ elementId: 'a', direction: 1 }], { steps: 3, damping: 0.5 });
    const marks = new MarkTracker();
    marks.changesAt(run, 3);
    const back = marks.changesAt(run, 0);
    expect(back).toEqual(
      new Map([
        ['b', null],
        ['c', null],
      ]),
    );
    marks.reset();
    expect([...marks.changesAt(run, 3).keys()].sort()).toEqual(['a', 'b', 'c']);
  });
});
