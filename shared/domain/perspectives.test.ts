import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DomainError } from './context';
import {
  perspectivesMap,
  readPerspectives,
  removePerspective,
  savePerspective,
  validatePerspective,
} from './perspectives';
import { testContext } from './test-context';

describe('shared perspectives', () => {
  it('saves a perspective in one transaction with the editor origin, readable by everyone', () => {
    const ctx = testContext('ana');
    const origins: unknown[] = [];
    ctx.doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const id = savePerspective(ctx, {
      name: '  Who brokers  ',
      sizeBy: 'betweenness',
      colorBy: 'cluster',
      lens: 'network',
    });
    expect(origins).toEqual([ctx.origin]);
    expect(readPerspectives(ctx.doc)).toEqual([
      {
        id,
        name: 'Who brokers',
        sizeBy: 'betweenness',
        colorBy: 'cluster',
        lens: 'network',
        createdBy: 'ana',
        createdAt: expect.any(Number),
      },
    ]);
  });

  it('reaches another replica and is listed by name', () => {
    const a = testContext('ana');
    const b = testContext('ben');
    savePerspective(a, { name: 'Loops', sizeBy: 'loops', colorBy: 'loop', lens: 'system' });
    savePerspective(a, { name: 'Everything', sizeBy: 'none', colorBy: 'none', lens: 'all' });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(readPerspectives(b.doc).map((p) => p.name)).toEqual(['Everything', 'Loops']);
  });

  it('overwrites a perspective by id and keeps who created it', () => {
    const a = testContext('ana');
    const id = savePerspective(a, { name: 'One', sizeBy: 'degree', colorBy: 'none', lens: 'all' });
    const b = testContext('ben', a.doc);
    savePerspective(b, {
      id,
      name: 'One, renamed',
      sizeBy: 'degree',
      colorBy: 'cluster',
      lens: 'all',
    });
    const [p] = readPerspectives(a.doc);
    expect(p).toMatchObject({ id, name: 'One, renamed', colorBy: 'cluster', createdBy: 'ana' });
  });

  it('refuses bad input with field errors and writes nothing', () => {
    const ctx = testContext();
    const bad = { name: ' ', sizeBy: 'shoe size', colorBy: 'cluster', lens: 'x-ray' };
    expect(() => savePerspective(ctx, bad as never)).toThrow(DomainError);
    expect(perspectivesMap(ctx.doc).size).toBe(0);
    expect(validatePerspective(bad).map((e) => e.field)).toEqual(['name', 'sizeBy', 'lens']);
    expect(validatePerspective(null)).toHaveLength(1);
    expect(
      validatePerspective({ name: 'x'.repeat(501), sizeBy: 'none', colorBy: 'none', lens: 'all' }),
    ).toEqual([{ field: 'name', message: expect.stringMatching(/too long/) }]);
  });

  it('reads values from a newer version as defaults, keeping the rest', () => {
    const ctx = testContext();
    const m = new Y.Map<unknown>();
    perspectivesMap(ctx.doc).set('p1', m);
    m.set('name', 'Future');
    m.set('sizeBy', 'pagerank');
    m.set('colorBy', 'cluster');
    m.set('lens', 'network');
    expect(readPerspectives(ctx.doc)[0]).toMatchObject({
      name: 'Future',
      sizeBy: 'none',
      colorBy: 'cluster',
      lens: 'network',
    });
  });

  it('removes a perspective, and says so when it is gone already', () => {
    const ctx = testContext();
    const id = savePerspective(ctx, { name: 'Gone', sizeBy: 'none', colorBy: 'none', lens: 'all' });
    removePerspective(ctx, id);
    expect(readPerspectives(ctx.doc)).toEqual([]);
    expect(() => removePerspective(ctx, id)).toThrow(/removed already/);
  });
});
