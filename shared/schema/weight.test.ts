import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, connect, DomainError, updateConnection } from '../domain/index';
import { testContext } from '../domain/test-context';
import { connectionsMap } from './doc';
import { readSnapshot } from './snapshot';
import { validateConnection } from './validate';

/** A connection's weight: a first-class field, a positive number, 1 by default and never stored as 1. */
describe('connection weight', () => {
  const setup = () => {
    const ctx = testContext('ana');
    const a = addElement(ctx, { kind: 'factor', label: 'A', position: [0, 0] });
    const b = addElement(ctx, { kind: 'factor', label: 'B', position: [100, 0] });
    return { ctx, a, b };
  };
  const stored = (ctx: ReturnType<typeof testContext>, id: string) =>
    (connectionsMap(ctx.doc).get(id) as Y.Map<unknown>).get('weight');

  it('is kept when not 1, and neither stored nor shown when 1', () => {
    const { ctx, a, b } = setup();
    const heavy = connect(ctx, { from: a, to: b, kind: 'causal', weight: 2.5 });
    const plain = connect(ctx, { from: b, to: a, kind: 'relationship', weight: 1 });
    const snap = readSnapshot(ctx.doc);
    expect(snap.connections.get(heavy)?.weight).toBe(2.5);
    expect(snap.connections.get(plain)?.weight).toBeUndefined();
    expect(stored(ctx, plain)).toBeUndefined();
    updateConnection(ctx, heavy, { weight: 1 });
    expect(stored(ctx, heavy)).toBeUndefined();
    updateConnection(ctx, heavy, { weight: 7 });
    expect(readSnapshot(ctx.doc).connections.get(heavy)?.weight).toBe(7);
    updateConnection(ctx, heavy, { weight: undefined });
    expect(readSnapshot(ctx.doc).connections.get(heavy)?.weight).toBeUndefined();
  });

  it('must be a positive finite number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '3'])
      expect(validateConnection({ weight: bad }, { partial: true })).toEqual([
        { field: 'weight', message: 'weight must be a number above 0.' },
      ]);
    expect(validateConnection({ weight: 0.25 }, { partial: true })).toEqual([]);
    const { ctx, a, b } = setup();
    expect(() => connect(ctx, { from: a, to: b, kind: 'causal', weight: 0 })).toThrow(DomainError);
  });

  it('keeps an older custom field `weight` that is not a weight as a custom field', () => {
    const { ctx, a, b } = setup();
    const id = connect(ctx, { from: a, to: b, kind: 'causal' });
    (connectionsMap(ctx.doc).get(id) as Y.Map<unknown>).set('weight', 'heavy');
    const c = readSnapshot(ctx.doc).connections.get(id);
    expect(c?.weight).toBeUndefined();
    expect(c?.extra.weight).toBe('heavy');
  });

  it('does not touch an element custom field named weight', () => {
    const { ctx } = setup();
    const id = addElement(ctx, {
      kind: 'factor',
      label: 'C',
      position: [0, 0],
      extra: { weight: 1 },
    });
    expect(readSnapshot(ctx.doc).elements.get(id)?.extra.weight).toBe(1);
  });
});
