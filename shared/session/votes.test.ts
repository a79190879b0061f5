import { describe, expect, it } from 'vitest';
import { addElement } from '../domain/elements';
import { rankLeverage } from '../analysis/leverage';
import { findLoops } from '../analysis/loops';
import { connect } from '../domain/connections';
import { readSnapshot } from '../schema/snapshot';
import {
  closeVote,
  dotsLeft,
  leverageVotes,
  myDots,
  openVote,
  placeDot,
  readSessionSnapshot,
  removeDot,
  revealVote,
  voteResults,
  voterKey,
} from './index';
import { linkedDocs, sessionContext } from './test-helpers';

function setup() {
  const [a, b] = linkedDocs();
  const fac = sessionContext('fac', { facilitator: true, doc: a });
  const ids = ['Trust', 'Funding', 'Attendance', 'Staff'].map((label, i) =>
    addElement(fac, { kind: 'factor', label, position: [i * 100, 0] }),
  );
  return { a, b, fac, ids: ids as [string, string, string, string] };
}

describe('dot voting', () => {
  it('casts 3 dots each, caps them, hides and reveals, and ranks with stable ties', () => {
    const { a, b, fac, ids } = setup();
    const [t, f, at, s] = ids;
    const voteId = openVote(fac, { title: 'Leverage', elementIds: ids, dotsPerPerson: 3 });
    const ana = sessionContext('ana', { doc: b });
    const ben = sessionContext('ben', { doc: a });
    placeDot(ana, voteId, f);
    placeDot(ana, voteId, f);
    placeDot(ana, voteId, t);
    expect(() => placeDot(ana, voteId, s)).toThrow(/all 3 of your dots/);
    placeDot(ben, voteId, at);
    placeDot(ben, voteId, t);
    placeDot(ben, voteId, s);
    removeDot(ben, voteId, s);
    placeDot(ben, voteId, at);
    let vote = readSessionSnapshot(b).votes.get(voteId);
    if (!vote) throw new Error('vote missing');
    expect(vote.revealed).toBe(false);
    expect(myDots(vote, 'ana')).toEqual([f, f, t]);
    expect(dotsLeft(vote, 'ben')).toBe(0);
    // Hidden results stay out of the leverage ranking.
    expect(leverageVotes([vote]).size).toBe(0);
    revealVote(fac, voteId);
    vote = readSessionSnapshot(b).votes.get(voteId);
    if (!vote) throw new Error('vote missing');
    expect(vote.state).toBe('closed');
    // Trust 2, Funding 2, Attendance 2, Staff 0: three-way tie keeps the vote's own order.
    expect(voteResults(vote).map((r) => [r.elementId, r.dots, r.rank])).toEqual([
      [t, 2, 1],
      [f, 2, 1],
      [at, 2, 1],
      [s, 0, 4],
    ]);
    expect(voteResults(vote)[0]?.voters).toEqual(['ana', 'ben']);
    expect(() => placeDot(ana, voteId, s)).toThrow(/closed/);
    expect(Object.fromEntries(leverageVotes([vote]))).toEqual({ [t]: 2, [f]: 2, [at]: 2 });
  });

  it('feeds revealed results into the leverage ranking', () => {
    const { fac, ids } = setup();
    const [t, f, at] = ids;
    connect(fac, { from: t, to: f, kind: 'causal' });
    connect(fac, { from: f, to: at, kind: 'causal' });
    connect(fac, { from: at, to: t, kind: 'causal' });
    const voteId = openVote(fac, { elementIds: [t, f, at], dotsPerPerson: 2 });
    for (const who of ['p1', 'p2', 'p3']) {
      const p = sessionContext(who, { doc: fac.doc });
      placeDot(p, voteId, at);
      placeDot(p, voteId, at);
    }
    revealVote(fac, voteId);
    const votes = leverageVotes(readSessionSnapshot(fac.doc).votes.values());
    const map = readSnapshot(fac.doc);
    const ranking = rankLeverage(map, findLoops(map), { votes });
    expect(ranking[0]).toMatchObject({ elementId: at, votes: 6 });
  });

  it('keys anonymous dots by a per-vote token, not the user id', () => {
    const { fac, ids } = setup();
    const voteId = openVote(fac, { elementIds: ids, dotsPerPerson: 2, anonymous: true });
    const ana = sessionContext('ana', { doc: fac.doc });
    const secret = 'ana-device-secret-0123456789';
    expect(() => placeDot(ana, voteId, ids[0])).toThrow(/device secret/);
    placeDot(ana, voteId, ids[0], secret);
    placeDot(ana, voteId, ids[1], secret);
    expect(() => placeDot(ana, voteId, ids[2], secret)).toThrow(/all 2/);
    const vote = readSessionSnapshot(fac.doc).votes.get(voteId);
    if (!vote) throw new Error('vote missing');
    const keys = [...vote.dots.keys()];
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('ana');
    expect(keys[0]).toBe(voterKey(vote, 'ana', secret));
    // Another vote gives the same person another token.
    expect(voterKey({ id: 'other', anonymous: true }, 'ana', secret)).not.toBe(keys[0]);
    const json = JSON.stringify(fac.doc.getMap('votes').toJSON());
    expect(json).not.toContain('"ana"');
    revealVote(fac, voteId);
    const revealed = readSessionSnapshot(fac.doc).votes.get(voteId);
    expect(revealed && voteResults(revealed).every((r) => r.voters.length === 0)).toBe(true);
  });

  it('refuses bad votes with clear errors and writes nothing', () => {
    const { fac, ids } = setup();
    expect(() => openVote(fac, { elementIds: [], dotsPerPerson: 3 })).toThrow(/at least one/);
    expect(() => openVote(fac, { elementIds: ids, dotsPerPerson: 0 })).toThrow(/Dots per person/);
    expect(() => openVote(fac, { elementIds: ['ghost'], dotsPerPerson: 3 })).toThrow(/ghost/);
    expect(() =>
      openVote(sessionContext('p', { doc: fac.doc }), { elementIds: ids, dotsPerPerson: 1 }),
    ).toThrow(/facilitator/);
    const voteId = openVote(fac, { elementIds: [ids[0]], dotsPerPerson: 1 });
    expect(() => placeDot(fac, voteId, ids[1])).toThrow(/not part of the vote/);
    closeVote(fac, voteId);
    expect(readSessionSnapshot(fac.doc).votes.size).toBe(1);
  });
});
