import { describe, expect, it } from 'vitest';
import { addElement } from '../domain/elements';
import {
  addPhase,
  closeVote,
  mapDots,
  openVote,
  placeDot,
  readSessionSnapshot,
  revealVote,
  setCurrentPhase,
  voteOnMap,
} from './index';
import { linkedDocs, sessionContext } from './test-helpers';

function setup() {
  const [a, b] = linkedDocs();
  const fac = sessionContext('fac', { facilitator: true, doc: a });
  const ana = sessionContext('ana', { doc: b });
  const ids = ['Trust', 'Funding', 'Staff'].map((label, i) =>
    addElement(fac, { kind: 'factor', label, position: [i * 100, 0] }),
  ) as [string, string, string];
  return { a, b, fac, ana, ids };
}

describe('dots on the map', () => {
  it("shows only this person's dots until the results are revealed, then everyone's", () => {
    const { a, fac, ana, ids } = setup();
    const [t, f, s] = ids;
    const voteId = openVote(fac, { title: 'Leverage', elementIds: ids, dotsPerPerson: 3 });
    placeDot(ana, voteId, t);
    placeDot(ana, voteId, t);
    placeDot(fac, voteId, f);
    let vote = voteOnMap(readSessionSnapshot(a))!;
    expect(vote.id).toBe(voteId);
    expect([...mapDots(vote, 'ana')]).toEqual([[t, { dots: 2, mine: 2 }]]);
    expect([...mapDots(vote, 'fac')]).toEqual([[f, { dots: 1, mine: 1 }]]);
    expect(mapDots(vote, 'ben').size).toBe(0);
    revealVote(fac, voteId);
    vote = voteOnMap(readSessionSnapshot(a))!;
    const seen = mapDots(vote, 'ben');
    expect(seen.get(t)).toEqual({ dots: 2, mine: 0 });
    expect(seen.get(f)).toEqual({ dots: 1, mine: 0 });
    expect(seen.has(s)).toBe(false);
    expect(mapDots(vote, 'ana').get(t)).toEqual({ dots: 2, mine: 2 });
  });

  it('shows no dots for a closed, unrevealed vote, or in a phase without dot voting', () => {
    const { a, fac, ids } = setup();
    const voteId = openVote(fac, { title: 'V', elementIds: ids, dotsPerPerson: 2 });
    closeVote(fac, voteId);
    expect(voteOnMap(readSessionSnapshot(a))).toBeUndefined();
    revealVote(fac, voteId);
    expect(voteOnMap(readSessionSnapshot(a))?.id).toBe(voteId);
    const voting = addPhase(fac, { title: 'Vote', minutes: 5, tools: ['dot-voting'] });
    const other = addPhase(fac, { title: 'Weave', minutes: 5, tools: ['timer'] });
    setCurrentPhase(fac, voting);
    expect(voteOnMap(readSessionSnapshot(a))?.id).toBe(voteId);
    setCurrentPhase(fac, other);
    expect(voteOnMap(readSessionSnapshot(a))).toBeUndefined();
  });
});
