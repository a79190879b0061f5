import { describe, expect, it } from 'vitest';
import type { ConnectionRecord } from '../schema/types';
import { buildActorNetwork } from './actor-network';
import { louvainClusters } from './clusters';
import { readMap } from './input';
import { analyzeNetwork } from './network';
import { causal, element, randomActorMap, relationship } from './random-maps';
import { weavingReason, weavingSuggestions } from './weaving';

function clique(ids: string[], prefix: string): ConnectionRecord[] {
  const out: ConnectionRecord[] = [];
  ids.forEach((a, i) =>
    ids.slice(i + 1).forEach((b) => out.push(relationship(`${prefix}-${a}-${b}`, a, b))),
  );
  return out;
}

/** Two tight groups; Ana (left) and Zoe (right) share a tag, a factor and a contact, Kim. */
function twoGroups(extra: ConnectionRecord[] = []) {
  const left = ['ana', 'al', 'amy', 'kim'];
  const right = ['zoe', 'zed', 'zia', 'zak'];
  return {
    elements: [
      ...left.map((id) =>
        element(id, 'actor', id[0]!.toUpperCase() + id.slice(1), {
          tags: id === 'ana' ? ['Housing', 'youth'] : [],
        }),
      ),
      ...right.map((id) =>
        element(id, 'actor', id[0]!.toUpperCase() + id.slice(1), {
          tags: id === 'zoe' ? ['housing '] : [],
        }),
      ),
      element('school', 'factor', 'School readiness'),
    ],
    connections: [
      ...clique(left, 'l'),
      ...clique(right, 'r'),
      relationship('kim-zoe', 'kim', 'zoe'),
      causal('ana-school', 'ana', 'school', '+'),
      causal('zoe-school', 'zoe', 'school', '-'),
      ...extra,
    ],
  };
}

describe('weaving suggestions', () => {
  it('proposes the pair across clusters who share the most, with the reason in words', () => {
    const r = analyzeNetwork(twoGroups());
    expect(r.clusters).toHaveLength(2);
    const top = r.weaving[0]!;
    expect([top.a, top.b]).toEqual(['ana', 'zoe']);
    expect(top.clusterA).not.toBe(top.clusterB);
    expect(top.sharedTags).toEqual(['Housing']);
    expect(top.sharedFactors).toEqual([
      { id: 'school', label: 'School readiness', influence: true },
    ]);
    expect(top.commonContacts).toEqual([{ id: 'kim', label: 'Kim' }]);
    expect(top.reason).toBe(
      "Both work on 'Housing' and both influence 'School readiness'; 'Kim' knows both.",
    );
    // every suggestion is across clusters and between people not yet tied
    const net = buildActorNetwork(twoGroups());
    for (const s of r.weaving) {
      expect(s.clusterA).not.toBe(s.clusterB);
      expect(net.connected(net.indexOf.get(s.a)!, net.indexOf.get(s.b)!)).toBe(false);
    }
    // the others only share one contact (Kim or Zoe), and rank below
    for (const s of r.weaving.slice(1)) {
      expect(s.score).toBeLessThan(top.score);
      expect(s.sharedTags).toEqual([]);
      expect(s.commonContacts.map((c) => c.id)).toEqual([s.a === 'kim' ? 'zoe' : 'kim']);
    }
    expect(r.weaving).toHaveLength(6);
  });

  it('drops a pair once they are tied or an introduction is already proposed', () => {
    const tied = analyzeNetwork(twoGroups([relationship('new', 'zoe', 'ana')]));
    expect(tied.weaving.some((s) => s.a === 'ana' && s.b === 'zoe')).toBe(false);
    const proposed = analyzeNetwork(
      twoGroups([relationship('p', 'ana', 'zoe', 'undirected', { proposed: true })]),
    );
    expect(proposed.weaving.some((s) => s.a === 'ana' && s.b === 'zoe')).toBe(false);
  });

  it('limits the count and how often one person is suggested', () => {
    const m = twoGroups();
    const data = readMap(m);
    const net = buildActorNetwork(data);
    const { clusterOf } = louvainClusters(net.simple);
    expect(weavingSuggestions(data, net, clusterOf, { limit: 1 })).toHaveLength(1);
    const capped = weavingSuggestions(data, net, clusterOf, { perActor: 1 });
    const names = capped.flatMap((s) => [s.a, s.b]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('phrases reasons for every mix of shared things', () => {
    expect(weavingReason([], [], [{ label: 'Ana' }, { label: 'Bo' }])).toBe(
      "'Ana' and 'Bo' know both.",
    );
    expect(weavingReason(['a', 'b', 'c', 'd'], [], [])).toBe("Both work on 'a', 'b' and 2 more.");
    expect(weavingReason([], [{ label: 'X', influence: false }], [])).toBe(
      "Both are linked to 'X'.",
    );
    expect(weavingReason([], [], [])).toBe('They sit in different clusters.');
  });

  it('suggests introductions at 5,000 actors (going through shared attributes)', () => {
    const m = randomActorMap(5000, 4, 11);
    const data = readMap(m);
    const net = buildActorNetwork(data);
    const { clusterOf } = louvainClusters(net.simple);
    const suggestions = weavingSuggestions(data, net, clusterOf, { limit: 25 });
    expect(suggestions).toHaveLength(25);
    for (const s of suggestions) {
      expect(s.clusterA).not.toBe(s.clusterB);
      expect(net.connected(net.indexOf.get(s.a)!, net.indexOf.get(s.b)!)).toBe(false);
      expect(s.reason.length).toBeGreaterThan(10);
    }
    for (let i = 1; i < suggestions.length; i++)
      expect(suggestions[i]!.score).toBeLessThanOrEqual(suggestions[i - 1]!.score);
  });
});
