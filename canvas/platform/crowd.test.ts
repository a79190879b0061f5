import { describe, expect, it } from 'vitest';
import { collapseAvatars, cursorsToShow, searchPeople } from './crowd';
import type { Peer } from './presence';

const peer = (clientId: number, name: string, cursor: { x: number; y: number } | null): Peer => ({
  clientId,
  user: { id: `u${clientId}`, name, color: '#1f77b4' },
  cursor,
  selection: [],
  viewport: null,
});

describe('a crowd, readable', () => {
  it('collapses avatars into a count beyond the first few', () => {
    const people = Array.from({ length: 200 }, (_, i) => i);
    expect(collapseAvatars(people, 6)).toEqual({ shown: [0, 1, 2, 3, 4, 5], more: 194 });
    expect(collapseAvatars(people.slice(0, 7), 6)).toEqual({ shown: people.slice(0, 7), more: 0 });
    expect(collapseAvatars(people.slice(0, 8), 6).more).toBe(2);
  });

  it('draws the cursors in view, nearest the centre first, within a cap; the followed person always', () => {
    const rect = { x: 0, y: 0, width: 1000, height: 500 };
    const peers = [
      peer(1, 'far', { x: 5000, y: 5000 }),
      peer(2, 'edge', { x: 990, y: 10 }),
      peer(3, 'centre', { x: 500, y: 250 }),
      peer(4, 'near', { x: 400, y: 250 }),
      peer(5, 'off the map', null),
      peer(6, 'followed, far', { x: -9000, y: 0 }),
    ];
    expect(cursorsToShow(peers, rect, null).map((p) => p.clientId)).toEqual([3, 4, 2]);
    expect(cursorsToShow(peers, rect, null, 2).map((p) => p.clientId)).toEqual([3, 4]);
    expect(cursorsToShow(peers, rect, 6, 2).map((p) => p.clientId)).toEqual([6, 3]);
  });

  it('finds people by any part of their name, ignoring case and accents', () => {
    const peers = [peer(1, 'Zoë Martín', null), peer(2, 'Zoe Smith', null), peer(3, 'Ana', null)];
    expect(searchPeople(peers, 'zoe').map((p) => p.clientId)).toEqual([1, 2]);
    expect(searchPeople(peers, 'martin zo').map((p) => p.clientId)).toEqual([1]);
    expect(searchPeople(peers, '  ').map((p) => p.clientId)).toEqual([1, 2, 3]);
    expect(searchPeople(peers, 'bob')).toEqual([]);
  });
});
