import { describe, expect, it } from 'vitest';
import { addElement } from '../domain/elements';
import { connect } from '../domain/connections';
import { readSnapshot } from '../schema/snapshot';
import { frameAt, runWhatIf } from '../simulation/whatif';
import { sessionMap } from './layout';
import {
  readSharedRun,
  runFinished,
  SIM_RUN_KEY,
  startSharedRun,
  stepAt,
  stopSharedRun,
} from './simulation-run';
import { linkedDocs, sessionContext } from './test-helpers';

function setup() {
  const [a, b] = linkedDocs();
  const fac = sessionContext('fac', { facilitator: true, doc: a });
  const x = addElement(fac, { kind: 'factor', label: 'Trust', position: [0, 0] });
  const y = addElement(fac, { kind: 'factor', label: 'Sharing', position: [100, 0] });
  connect(fac, { from: x, to: y, kind: 'causal', polarity: '+' });
  connect(fac, { from: y, to: x, kind: 'causal', polarity: '-', delay: true });
  return { a, b, fac, x, y };
}

describe('a what-if the facilitator runs for everyone', () => {
  it('shares only the inputs; every client recomputes the same frames at the same host time', () => {
    const { a, b, fac, x, y } = setup();
    const run = startSharedRun(fac, {
      pushes: [{ elementId: x, direction: 1 }],
      options: { steps: 20 },
      startAt: 1_000_000,
      stepMs: 250,
    });
    const onA = readSharedRun(a)!;
    const onB = readSharedRun(b)!;
    expect(onB).toEqual(run);
    expect(onA).toEqual(onB);
    expect(Object.keys(sessionMap(b).get(SIM_RUN_KEY) as object).sort()).toEqual(
      ['at', 'by', 'byName', 'id', 'options', 'pushes', 'startAt', 'stepMs'].sort(),
    );
    const hostNow = 1_000_000 + 250 * 6.5;
    expect(stepAt(onB, hostNow)).toBe(6.5);
    expect(stepAt(onB, 0)).toBe(0);
    expect(stepAt(onB, 1e12)).toBe(20);
    expect(runFinished(onB, 1_000_000 + 250 * 20)).toBe(true);
    expect(runFinished(onB, 1_000_000 + 250 * 19)).toBe(false);
    const frames = (doc: typeof a) => {
      const r = readSharedRun(doc)!;
      const sim = runWhatIf(readSnapshot(doc), r.pushes, r.options);
      return [x, y].map((id) => frameAt(sim, id, stepAt(r, hostNow)));
    };
    expect(frames(b)).toEqual(frames(a));
    expect(frames(b)[1]!.direction).toBe(1);
    stopSharedRun(fac);
    expect(readSharedRun(b)).toBeUndefined();
  });

  it('only a facilitator may start or stop it, and bad inputs are refused', () => {
    const { b, x } = setup();
    const ana = sessionContext('ana', { doc: b });
    const push = [{ elementId: x, direction: 1 as const }];
    expect(() => startSharedRun(ana, { pushes: push, startAt: 0 })).toThrow(/facilitator/);
    expect(() => stopSharedRun(ana)).toThrow(/facilitator/);
    const fac = sessionContext('fac', { facilitator: true, doc: b });
    expect(() => startSharedRun(fac, { pushes: [], startAt: 0 })).toThrow();
    expect(() =>
      startSharedRun(fac, { pushes: [{ elementId: 'nope', direction: 1 }], startAt: 0 }),
    ).toThrow(/No element/);
    expect(() => startSharedRun(fac, { pushes: push, startAt: 0, stepMs: 1 })).toThrow();
    expect(() =>
      startSharedRun(fac, { pushes: push, startAt: 0, options: { damping: 3 } }),
    ).toThrow();
  });

  it('a malformed value in the session reads as no run', () => {
    const { b, fac } = setup();
    for (const bad of [
      1,
      { id: 'r' },
      { id: 'r', pushes: 'x', startAt: 0, stepMs: 100, options: {} },
    ]) {
      fac.doc.transact(() => sessionMap(b).set(SIM_RUN_KEY, bad));
      expect(readSharedRun(b)).toBeUndefined();
    }
  });
});
