import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, connect, updateConnection } from '../domain/index';
import { testContext } from '../domain/test-context';
import { exportNative, parseNative, applyNative } from '../interop/native';
import { UpdateGuard } from '../sync/update-guard';
import { connectionsMap } from './doc';
import { editableFields } from './records/editable';
import { readSnapshot } from './snapshot';
import { validateConnection } from './validate';

/**
 * A connection's confidence, added as one declaration in `records/connection.ts`: everything
 * below comes from that declaration, with no code of its own.
 */
describe('connection confidence (declared once)', () => {
  const setup = () => {
    const ctx = testContext('ana');
    const a = addElement(ctx, { kind: 'factor', label: 'A' });
    const b = addElement(ctx, { kind: 'factor', label: 'B' });
    const c = connect(ctx, { from: a, to: b, kind: 'causal', confidence: 'low' });
    return { ctx, a, b, c };
  };

  it('is stored, read, changed and cleared like any field', () => {
    const { ctx, c } = setup();
    expect(readSnapshot(ctx.doc).connections.get(c)?.confidence).toBe('low');
    updateConnection(ctx, c, { confidence: 'high' });
    expect(readSnapshot(ctx.doc).connections.get(c)?.confidence).toBe('high');
    updateConnection(ctx, c, { confidence: undefined });
    expect(readSnapshot(ctx.doc).connections.get(c)?.confidence).toBeUndefined();
    expect((connectionsMap(ctx.doc).get(c) as Y.Map<unknown>).has('confidence')).toBe(false);
  });

  it('is one of its words', () => {
    expect(validateConnection({ confidence: 'sure' }, { partial: true })).toEqual([
      { field: 'confidence', message: 'confidence must be one of: low, medium, high.' },
    ]);
  });

  it('is in the Inspector, with its words and a "not said" entry', () => {
    const f = editableFields('connection', { kind: 'relationship' }).find(
      (x) => x.name === 'confidence',
    );
    expect(f?.label).toBe('Confidence');
    expect(f?.unset).toBe('(not said)');
    expect(f?.options.map((o) => o.value)).toEqual(['low', 'medium', 'high']);
  });

  it('survives native export and import', () => {
    const { ctx, c } = setup();
    const file = JSON.parse(JSON.stringify(exportNative(readSnapshot(ctx.doc))));
    const parsed = parseNative(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const into = testContext('bo');
    applyNative(into, parsed.file);
    expect(readSnapshot(into.doc).connections.get(c)?.confidence).toBe('low');
  });

  it('keeps an older custom field of that name that is not one of its words', () => {
    const { ctx, c } = setup();
    (connectionsMap(ctx.doc).get(c) as Y.Map<unknown>).set('confidence', 'Pretty sure');
    const rec = readSnapshot(ctx.doc).connections.get(c)!;
    expect(rec.confidence).toBeUndefined();
    expect(rec.extra.confidence).toBe('Pretty sure');
  });

  it('is checked by the host: a valid one passes, a custom value too large does not', () => {
    const { ctx, c } = setup();
    const attempt = (value: unknown) => {
      // A fresh guard each time: a guard keeps what it let through, and two writers' values for
      // one key resolve by client id, so a second attempt could hide behind the first.
      const guard = new UpdateGuard(ctx.doc);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(ctx.doc));
      const before = Y.encodeStateVector(copy);
      (connectionsMap(copy).get(c) as Y.Map<unknown>).set('confidence', value);
      return guard.check(Y.encodeStateAsUpdate(copy, before), 'edit');
    };
    expect(attempt('medium')).toBeNull();
    // Not one of its words: kept as a custom field, checked as plain data.
    expect(attempt('x'.repeat(70 * 1024))).toMatch(/confidence is larger than/);
  });
});
