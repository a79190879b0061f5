import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyNative, parseNative } from '../../../shared/interop/native';
import { schoolReadinessExample } from '../../../shared/examples/school-readiness';
import { readSnapshot } from '../../../shared/schema/snapshot';
import { findLoops, rankLeverage } from '../../../shared/analysis/index';
import { LEVERAGE_CANDIDATES, voteElements } from './vote-sets';

function example() {
  const doc = new Y.Doc();
  const parsed = parseNative(schoolReadinessExample);
  if (!parsed.ok) throw new Error('example does not parse');
  applyNative({ doc, origin: 'test', userId: 'test' }, parsed.file);
  return readSnapshot(doc);
}

describe('what a dot vote covers', () => {
  const map = example();

  it('the leverage candidates: the top of the structural ranking, in rank order', () => {
    const ids = voteElements(map, 'leverage', []);
    expect(ids).toHaveLength(LEVERAGE_CANDIDATES);
    const ranked = rankLeverage(map, findLoops(map)).map((c) => c.elementId);
    expect(ids).toEqual(ranked.slice(0, LEVERAGE_CANDIDATES));
  });

  it('a kind: every element of it, by label', () => {
    const ids = voteElements(map, 'actor', []);
    const labels = ids.map((id) => map.elements.get(id)!.label);
    expect(ids.length).toBe([...map.elements.values()].filter((e) => e.kind === 'actor').length);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
  });

  it('the selection: its elements only, in the order picked', () => {
    const [a, b] = [...map.elements.keys()];
    const someConnection = [...map.connections.keys()][0]!;
    expect(voteElements(map, 'selection', [b!, someConnection, a!])).toEqual([b, a]);
  });
});
