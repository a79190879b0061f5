import { describe, expect, it } from 'vitest';
import type { LoopNoteRecord } from '../schema/types';
import { analyzeMap } from './analyze-map';
import { rankLeverage, whoCanMove } from './leverage';
import { matchLoopNotes } from './loop-notes';
import { findLoops } from './loops';
import { MEADOWS_LEVELS } from './meadows';
import { causal, element, relationship } from './random-maps';

/** A small community map: a trust spiral, a burnout brake and a funding loop, plus actors. */
function communityMap() {
  return {
    elements: [
      element('trust', 'factor', 'Trust', { leverageLevel: 2 }),
      element('part', 'factor', 'Participation'),
      element('results', 'factor', 'Shared results'),
      element('burnout', 'factor', 'Burnout'),
      element('funding', 'factor', 'Funding'),
      element('ana', 'actor', 'Ana', { tags: ['housing'] }),
      element('ben', 'actor', 'Ben'),
      element('council', 'actor', 'City council', { actorType: 'organization' }),
      element('memo', 'note', 'Remember the survey'),
    ],
    connections: [
      causal('c1', 'trust', 'part', '+'),
      causal('c2', 'part', 'results', '+'),
      causal('c3', 'results', 'trust', '+'),
      causal('c4', 'part', 'burnout', '+', { delay: true }),
      causal('c5', 'burnout', 'part', '-'),
      causal('c6', 'results', 'funding', '+'),
      causal('c7', 'funding', 'part', '+'),
      causal('c8', 'council', 'funding', '+'),
      relationship('r1', 'ana', 'trust'),
      relationship('r2', 'ben', 'ana'),
      relationship('r3', 'memo', 'part'),
    ],
  };
}

const note = (signature: string, name: string, members: string[]): LoopNoteRecord => ({
  signature,
  name,
  note: '',
  members,
  updatedBy: 'tester',
  updatedAt: 1,
});

describe('leverage', () => {
  it('ranks the factor every loop runs through first, and explains why', () => {
    const m = communityMap();
    const loops = findLoops(m);
    expect(loops.loops.map((l) => [l.signature, l.polarity])).toEqual([
      ['c4 c5', 'B'],
      ['c2 c6 c7', 'R'], // loops of one length come in order of their first factor by id
      ['c1 c2 c3', 'R'],
    ]);
    expect(loops.loops.map((l) => l.label)).toEqual(['B1', 'R1', 'R2']);
    const names = new Map([['c1 c2 c3', 'Trust spiral']]);
    const ranked = rankLeverage(m, loops, { loopNames: names });
    expect(ranked.map((c) => c.elementId)).toEqual([
      'part',
      'results',
      'funding',
      'trust',
      'burnout',
    ]);
    // funding outranks trust: the council's influence on participation has to pass through it
    const top = ranked[0]!;
    expect(top).toMatchObject({
      rank: 1,
      loopCount: 3,
      reach: 4,
      level: 7,
      levelSource: 'suggested',
    });
    expect(top.loops[0]).toEqual({
      signature: 'c1 c2 c3',
      label: 'R2',
      polarity: 'R',
      name: 'Trust spiral',
    });
    // About this factor: its loops by name and type with the factors in them, what a push on it
    // does around them and to the factors it drives, and why level 7 is suggested.
    expect(top.explanation).toBe(
      "in 3 loops: R2 'Trust spiral' (reinforcing, with 'Trust' and 'Shared results'), " +
        "B1 (balancing, with 'Burnout', delayed), R1 (reinforcing, with 'Shared results' and 'Funding'); " +
        "a push on it comes back stronger around R1 and R2 'Trust spiral' and is resisted by B1, so which wins decides whether the change lasts; " +
        "raising it directly raises 'Shared results' and 'Burnout'; reaches 4 factors within 3 steps; lies on many paths between other factors; " +
        "suggested Meadows level 7 (gain around reinforcing feedback loops), because it sits in reinforcing loops R1 and R2 'Trust spiral', " +
        "whose gain decides how fast the spiral runs; a suggestion, not the group's choice",
    );
    // the group's own tag wins over the suggestion
    const trust = ranked.find((c) => c.elementId === 'trust')!;
    expect(trust).toMatchObject({
      level: 2,
      levelSource: 'tagged',
      levelName: 'The mindset or paradigm out of which the system arises',
    });
    // a factor only in a balancing loop is suggested level 8
    expect(ranked.find((c) => c.elementId === 'burnout')).toMatchObject({
      level: 8,
      levelSource: 'suggested',
    });
    // actors and notes are not candidates
    expect(ranked.some((c) => c.elementId === 'council' || c.elementId === 'memo')).toBe(false);
  });

  it("lets the group's votes move a factor up, by the documented weight", () => {
    const m = communityMap();
    const loops = findLoops(m);
    const before = rankLeverage(m, loops);
    const after = rankLeverage(m, loops, { votes: { burnout: 5, trust: 1 } });
    const rankOf = (list: typeof before, id: string) => list.find((c) => c.elementId === id)!.rank;
    expect(rankOf(after, 'burnout')).toBeLessThan(rankOf(before, 'burnout'));
    const burnout = after.find((c) => c.elementId === 'burnout')!;
    expect(burnout.votes).toBe(5);
    expect(burnout.score).toBeCloseTo(0.7 * burnout.structuralScore + 0.3 * 1, 6);
    expect(burnout.explanation).toContain('5 votes from the group');
    // votes as a Map work the same, and weight 0 ignores them
    const viaMap = rankLeverage(m, loops, {
      votes: new Map([
        ['burnout', 5],
        ['trust', 1],
      ]),
    });
    expect(viaMap).toEqual(after);
    expect(
      rankLeverage(m, loops, { votes: { burnout: 5 }, votesWeight: 0 }).map((c) => c.elementId),
    ).toEqual(before.map((c) => c.elementId));
  });

  it('says "at least" when the loop list was cut short', () => {
    const m = communityMap();
    const loops = findLoops(m, { maxLoops: 1 });
    expect(loops.truncated).toBe(true);
    const part = rankLeverage(m, loops).find((c) => c.elementId === 'part')!;
    expect(part.explanation).toMatch(/^in at least 1 loop: B1 \(balancing/);
  });

  it('lists the twelve Meadows levels with a plain explanation each', () => {
    expect(MEADOWS_LEVELS.map((l) => l.level)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(MEADOWS_LEVELS[0]!.name).toBe('Constants, parameters, numbers');
    expect(MEADOWS_LEVELS[11]!.name).toBe('The power to transcend paradigms');
    for (const l of MEADOWS_LEVELS) expect(l.explanation).toMatch(/^[A-Z].{20,140}\.$/);
  });
});

describe('who can move this', () => {
  it('lists actors linked directly first, then those one step away, with how', () => {
    const [trust, funding, burnout] = whoCanMove(communityMap(), ['trust', 'funding', 'burnout']);
    expect(trust!.actors.map((a) => [a.actorId, a.distance])).toEqual([
      ['ana', 1],
      ['ben', 2],
    ]);
    expect(trust!.actors[0]!.explanation).toBe("'Ana' is linked to it directly.");
    expect(trust!.actors[1]!.explanation).toBe("'Ben' can reach it through 'Ana'.");
    expect(funding!.actors[0]).toMatchObject({ actorId: 'council', distance: 1, influences: true });
    expect(funding!.actors[0]!.explanation).toBe("'City council' influences it directly.");
    expect(burnout!.actors).toEqual([]);
  });
});

describe('loop names', () => {
  it('keeps named loops: found, relinked after a redraw, or broken with members remembered', () => {
    const m = communityMap();
    const notes = [
      note('c1 c2 c3', 'Trust spiral', ['trust', 'part', 'results']),
      note('c2 c6 c7', 'Money follows results', ['part', 'results', 'funding']),
      note('c4 c5', 'Burnout brake', ['part', 'burnout']),
    ];
    // Edit: c7 is redrawn as c9 (same factors), burnout is deleted.
    const edited = {
      elements: m.elements.filter((e) => e.id !== 'burnout'),
      connections: [
        ...m.connections.filter((c) => c.id !== 'c7' && c.id !== 'c4' && c.id !== 'c5'),
        causal('c9', 'funding', 'part', '+'),
      ],
    };
    const loops = findLoops(edited);
    const matches = matchLoopNotes(loops, notes, edited);
    expect(matches.map((x) => [x.name, x.status])).toEqual([
      ['Trust spiral', 'found'],
      ['Money follows results', 'relinked'],
      ['Burnout brake', 'broken'],
    ]);
    expect(matches[1]!.loop!.signature).toBe('c2 c6 c9');
    expect(matches[2]).toMatchObject({
      loop: null,
      members: ['part', 'burnout'],
      missingMembers: ['burnout'],
    });
    expect(matches[2]!.explanation).toBe(
      "'Burnout brake' is broken: 'burnout' is no longer linked into it.",
    );
    // a reversed link breaks the loop without removing anyone
    const reversed = {
      elements: m.elements,
      connections: m.connections.map((c) =>
        c.id === 'c3' ? { ...c, from: 'trust', to: 'results' } : c,
      ),
    };
    const [spiral] = matchLoopNotes(findLoops(reversed), notes.slice(0, 1), reversed);
    expect(spiral).toMatchObject({ status: 'broken', missingMembers: [] });
    expect(spiral!.explanation).toBe(
      "'Trust spiral' is broken: a link in it was removed, reversed or made undirected.",
    );
  });

  it('finds a named loop that a truncated list left out', () => {
    const m = communityMap();
    const loops = findLoops(m, { maxLoops: 1 });
    expect(loops.loops.map((l) => l.signature)).toEqual(['c4 c5']);
    const [match] = matchLoopNotes(
      loops,
      [note('c2 c6 c7', 'Money follows results', ['part', 'results', 'funding'])],
      m,
    );
    expect(match).toMatchObject({ status: 'found' });
    expect(match!.loop!.polarity).toBe('R');
    // without the map, it cannot tell, and says broken rather than guessing
    expect(matchLoopNotes(loops, [note('c2 c6 c7', 'x', [])])[0]!.status).toBe('broken');
  });
});

describe('analyzeMap', () => {
  it('returns both lenses as plain data that survives JSON and structured clone unchanged', () => {
    const m = communityMap();
    const snapshot = {
      meta: { schemaVersion: 1, title: 'Community', createdAt: 0, createdBy: 'x', extra: {} },
      elements: new Map(m.elements.map((e) => [e.id, e])),
      connections: new Map(m.connections.map((c) => [c.id, c])),
      sources: new Map(),
      loops: new Map([
        ['c1 c2 c3', note('c1 c2 c3', 'Trust spiral', ['trust', 'part', 'results'])],
      ]),
    };
    const result = analyzeMap(snapshot, { leverage: { votes: { funding: 2 } } });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(structuredClone(result)).toEqual(result);
    expect(result.system.factors).toBe(6); // five factors and the council, which has a causal link
    expect(result.system.loops.summary).toBe('3 loops (2 reinforcing, 1 balancing).');
    expect(result.system.loopNotes[0]).toMatchObject({ name: 'Trust spiral', status: 'found' });
    expect(result.system.leverage[0]!.explanation).toContain("R2 'Trust spiral'");
    expect(result.system.movers.find((x) => x.elementId === 'trust')!.actors[0]!.actorId).toBe(
      'ana',
    );
    expect(result.network.actors.map((a) => a.id)).toEqual(['ana', 'ben', 'council']);
    expect(result.network.isolates.map((a) => a.id)).toEqual(['council']);
    expect(Object.keys(result.timings)).toEqual(
      expect.arrayContaining(['loops', 'leverage', 'network']),
    );
  });

  it('gives the same answer for the same map, whatever the insertion order', () => {
    const m = communityMap();
    const a = analyzeMap(m);
    const b = analyzeMap({
      elements: [...m.elements].reverse(),
      connections: [...m.connections].reverse(),
    });
    const strip = (x: typeof a) => ({
      ...x,
      elapsedMs: 0,
      timings: {},
      system: { ...x.system, loops: { ...x.system.loops, elapsedMs: 0 } },
      network: { ...x.network, timings: {} },
    });
    expect(strip(b)).toEqual(strip(a));
  });

  it('refuses something that is not a map, with a clear error', () => {
    expect(() => analyzeMap({} as never)).toThrow(
      'Analysis needs a map with elements and connections.',
    );
  });
});
