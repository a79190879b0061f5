import { describe, expect, it } from 'vitest';
import { testContext } from '../../../shared/domain/test-context';
import {
  addElement,
  connect,
  moveElements,
  removeElements,
  updateConnection,
  updateElement,
} from '../../../shared/domain/index';
import { SnapshotTracker, type SnapshotChange } from '../../../shared/schema/snapshot';
import { describeChange } from './describe-change';

describe('activity sentences', () => {
  function track() {
    const ctx = testContext('ana');
    const tracker = new SnapshotTracker(ctx.doc);
    const said: string[] = [];
    let prev = tracker.snapshot;
    tracker.subscribe((c: SnapshotChange) => {
      const s = describeChange(prev, c.snapshot, c.changedElements, c.changedConnections);
      prev = c.snapshot;
      if (s) said.push(s.text);
    });
    return { ctx, said };
  }
  it('says what changed, in words', () => {
    const { ctx, said } = track();
    const a = addElement(ctx, { kind: 'factor', label: 'Trust' });
    const b = addElement(ctx, { kind: 'actor', label: 'Parents' });
    updateElement(ctx, a, { label: 'Trust in schools' });
    const c = connect(ctx, { from: b, to: a, kind: 'causal', polarity: '+' });
    updateConnection(ctx, c, { polarity: '-' });
    moveElements(ctx, [[a, [10, 10]]]);
    removeElements(ctx, [b]);
    expect(said).toEqual([
      'added factor “Trust”',
      'added actor “Parents”',
      'renamed “Trust” to “Trust in schools”',
      'connected “Parents” → “Trust in schools” (+)',
      'made “Parents” → “Trust in schools” −',
      'moved “Trust in schools”',
      'removed actor “Parents”',
    ]);
  });
});
