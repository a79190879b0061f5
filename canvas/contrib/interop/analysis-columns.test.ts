import { describe, expect, it } from 'vitest';
import { exportGraphml } from '../../../shared/interop/index';
import { conn, el, snap } from '../../editor/test-fixtures';
import { networkColumns } from './analysis-columns';

describe('networkColumns', () => {
  it('measures the actors and GraphML carries the measures', () => {
    const actor = { kind: 'actor' as const, actorType: 'person' as const };
    const rel = {
      kind: 'relationship' as const,
      polarity: undefined,
      direction: 'undirected' as const,
    };
    // A path a - b - c: b is the broker.
    const s = snap(
      [el('a', 0, 0, actor), el('b', 100, 0, actor), el('c', 200, 0, actor), el('f', 0, 100)],
      [conn('ab', 'a', 'b', rel), conn('bc', 'b', 'c', rel)],
    );
    const out = networkColumns(s);
    expect(out.note).toMatch(/for 3 actors/);
    expect(out.columns!.betweenness!.get('b')).toBe(1);
    expect(out.columns!.betweenness!.get('a')).toBe(0);
    expect(out.columns!.degree!.get('b')).toBe(2);
    expect(out.columns!.cluster!.has('f')).toBe(false);
    const xml = exportGraphml(s, { analysis: out.columns! });
    expect(xml).toContain('analysis:betweenness');
  });

  it('says so when there are no actors to measure', () => {
    const out = networkColumns(snap([el('f', 0, 0)]));
    expect(out.columns).toBeUndefined();
    expect(out.note).toContain('no actors');
  });
});
