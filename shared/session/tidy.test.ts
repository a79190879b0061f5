import { describe, expect, it } from 'vitest';
import { joinSession, noteTidied, readSessionSnapshot, tidiedSoFar, tidyNotices } from './index';
import { linkedDocs, sessionContext } from './test-helpers';

/** Issue 15, item 18: Tidy layout rearranges everyone's map, so every screen says who did it. */
describe('who tidied', () => {
  it('signs a tidy with the person, and others are told once; old tidies are not news', () => {
    const [a, b] = linkedDocs();
    const ana = sessionContext('ana', { doc: a, userName: 'Ana' });
    const ben = sessionContext('ben', { doc: b, userName: 'Ben' });
    joinSession(ana, 'Ana');
    joinSession(ben, 'Ben');
    // Ben's screen starts with what it has heard so far: nothing tidied.
    const seen = tidiedSoFar(readSessionSnapshot(b).participants.values());
    expect(seen.size).toBe(0);
    noteTidied(ana, 12);
    const heard = () => readSessionSnapshot(b).participants.values();
    expect(tidyNotices(heard(), seen, 'ben')).toEqual([
      'Ana tidied the layout: 12 elements moved on everyone’s map (they can undo it).',
    ]);
    // Once only.
    expect(tidyNotices(heard(), seen, 'ben')).toEqual([]);
    // Ana is not told about her own tidy (her screen said it already).
    const anaSeen = new Map<string, number>();
    noteTidied(ana, 1);
    expect(tidyNotices(readSessionSnapshot(a).participants.values(), anaSeen, 'ana')).toEqual([]);
    expect(tidyNotices(heard(), seen, 'ben')).toEqual([
      'Ana tidied the layout: 1 element moved on everyone’s map (they can undo it).',
    ]);
    // A screen opened after the tidy starts from it: no notice for the past.
    const late = tidiedSoFar(heard());
    expect(tidyNotices(heard(), late, 'cy')).toEqual([]);
  });

  it('does not sign for someone not in the session', () => {
    const [a] = linkedDocs();
    const cy = sessionContext('cy', { doc: a });
    noteTidied(cy, 3);
    expect(readSessionSnapshot(a).participants.size).toBe(0);
  });
});
