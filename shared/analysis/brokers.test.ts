import { describe, expect, it } from 'vitest';
import { brokerCheck } from './brokers';
import { analyzeNetwork } from './network';
import { element, relationship } from './random-maps';

/** Issue 14: a broker links people who do not know each other, never a member of a tight group. */
describe('brokers', () => {
  it('reads ties among the contacts from the effective size, by hand', () => {
    // Three contacts, none tied: effective size 3, so no ties and clustering 0.
    expect(brokerCheck(3, 3)).toMatchObject({
      tiesAmong: 0,
      pairs: 3,
      clustering: 0,
      isBroker: true,
      phrase: 'none of whom know each other',
    });
    // Four contacts, one tie among them: effective size 4 - 2*1/4 = 3.5; clustering 1/6.
    expect(brokerCheck(4, 3.5)).toMatchObject({
      tiesAmong: 1,
      pairs: 6,
      isBroker: true,
      phrase: 'only 1 of the 6 pairs among them know each other',
    });
    // Four contacts, four of six pairs tied: effective size 4 - 2*4/4 = 2, clustering 2/3.
    // The old check (effective size of 2 or more) listed this actor as "many of whom know each
    // other"; most of their contacts know each other, so they broker nothing.
    expect(brokerCheck(4, 2)).toMatchObject({ tiesAmong: 4, pairs: 6, isBroker: false });
    // Exactly half the pairs tied is not poorly connected.
    expect(brokerCheck(3, 3 - (2 * 1.5) / 3).isBroker).toBe(false);
    expect(brokerCheck(1, 1).isBroker).toBe(false);
    expect(brokerCheck(2, 2)).toMatchObject({
      isBroker: true,
      phrase: 'neither of whom knows the other',
    });
  });

  it('lists the go-between of two groups, not a member of a close-knit group', () => {
    // A tight group: Ana, Ben, Cy and Dee all know each other, and Ana knows Eve.
    // Eve also knows Fay and Gus, who do not know Ana's group or each other.
    const ids = ['ana', 'ben', 'cy', 'dee', 'eve', 'fay', 'gus'];
    const name = (id: string) => id[0]!.toUpperCase() + id.slice(1);
    const r = analyzeNetwork({
      elements: ids.map((id) => element(id, 'actor', name(id))),
      connections: [
        relationship('ab', 'ana', 'ben'),
        relationship('ac', 'ana', 'cy'),
        relationship('ad', 'ana', 'dee'),
        relationship('bc', 'ben', 'cy'),
        relationship('bd', 'ben', 'dee'),
        relationship('cd', 'cy', 'dee'),
        relationship('ae', 'ana', 'eve'),
        relationship('ef', 'eve', 'fay'),
        relationship('eg', 'eve', 'gus'),
      ],
    });
    const listed = r.brokers.map((b) => b.id);
    // Eve: contacts Ana, Fay, Gus, no two of them tied (clustering 0).
    expect(listed[0]).toBe('eve');
    expect(r.brokers[0]!.explanation).toMatch(
      /^'Eve' knows 3 people.*, none of whom know each other/,
    );
    // Ana: contacts Ben, Cy, Dee, Eve; Ben, Cy and Dee are all tied (3 of 6 pairs): clustering
    // 1/2, not poorly connected. Ben, Cy and Dee: all their contacts know each other.
    expect(listed).not.toContain('ana');
    for (const id of ['ben', 'cy', 'dee', 'fay', 'gus']) expect(listed).not.toContain(id);
    for (const b of r.brokers) expect(b.explanation).not.toMatch(/many of whom know each other/);
  });
});
