import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement } from '../domain/index';
import { initMap } from '../domain/map';
import { elementsMap, elementsRoot, metaMap } from '../schema/doc';
import { readSnapshot } from '../schema/snapshot';
import {
  addReflectionCard,
  initReflectionBoard,
  openVote,
  placeDot,
  removeReflectionCard,
  revealVote,
} from '../session/index';
import { reflectionsMap } from '../session/layout';
import { sessionContext } from '../session/test-helpers';
import { guardedEdits } from './testing/guarded-edits';

/** A room (the host's copy) and a client's replica of it. */
function room() {
  const host = new Y.Doc();
  const fac = sessionContext('fac', { facilitator: true, doc: host });
  initMap(fac, 'Room');
  const a = addElement(fac, { kind: 'factor', label: 'A' });
  const b = addElement(fac, { kind: 'factor', label: 'B' });
  initReflectionBoard(fac);
  const vote = openVote(fac, { elementIds: [a, b], dotsPerPerson: 1 });
  /** Runs `edit` on a fresh replica and checks the update it makes against the host. */
  const attempt = guardedEdits(host);
  return { host, a, b, vote, attempt };
}

describe('UpdateGuard', () => {
  it('lets a participant place and take back dots but not reveal the vote', () => {
    const { a, vote, attempt } = room();
    expect(attempt('edit', (doc) => placeDot(sessionContext('ana', { doc }), vote, a))).toBeNull();
    expect(
      attempt('edit', (doc) => revealVote(sessionContext('ana', { doc, facilitator: true }), vote)),
    ).toMatch(/Only a facilitator/);
    expect(
      attempt('facilitator', (doc) =>
        revealVote(sessionContext('fac', { doc, facilitator: true }), vote),
      ),
    ).toBeNull();
  });

  it('lets a participant write and remove a card, but not remove a prompt', () => {
    const { host, attempt } = room();
    let card = '';
    expect(
      attempt('edit', (doc) => {
        card = addReflectionCard(sessionContext('ana', { doc }), {
          promptId: 'learned',
          text: 'x',
        });
      }),
    ).toBeNull();
    expect(reflectionsMap(host).has(card)).toBe(true);
    expect(
      attempt('edit', (doc) => removeReflectionCard(sessionContext('ana', { doc }), card)),
    ).toBeNull();
    expect(attempt('edit', (doc) => reflectionsMap(doc).delete('learned'))).toMatch(/prompts/);
  });

  it('allows the current schema version stamped again, refuses others and deletions', () => {
    const { attempt } = room();
    expect(attempt('edit', (doc) => metaMap(doc).set('schemaVersion', 2))).toBeNull();
    expect(attempt('facilitator', (doc) => metaMap(doc).set('schemaVersion', 3))).toMatch(
      /schemaVersion/,
    );
    expect(attempt('facilitator', (doc) => metaMap(doc).delete('schemaVersion'))).toMatch(
      /schemaVersion/,
    );
    expect(attempt('edit', (doc) => metaMap(doc).set('title', 7))).toMatch(/title/);
  });

  it('refuses an unknown field holding a non-finite number, and keeps working after a refusal', () => {
    const { host, a, attempt } = room();
    const field = (doc: Y.Doc) => elementsMap(doc).get(a)!;
    expect(attempt('edit', (doc) => field(doc).set('weight', Number.POSITIVE_INFINITY))).toMatch(
      /plain data/,
    );
    expect(attempt('edit', (doc) => field(doc).set('weight', 3))).toBeNull();
    expect(elementsRoot(host).get(`${a}.weight`)).toBe(3);
    expect(readSnapshot(host).elements.get(a)?.extra).toEqual({ weight: 3 });
  });

  it('checks the keys of flat records (schema v2): edits, bases, ids and what nobody may edit', () => {
    const { host, a, attempt } = room();
    const raw = (key: string, value: unknown) => (doc: Y.Doc) => elementsRoot(doc).set(key, value);
    // An edit of a field, and clearing it, as the domain writes them.
    expect(attempt('edit', raw(`${a}.label`, 'A2'))).toBeNull();
    expect(attempt('edit', raw(`${a}.description`, null))).toBeNull();
    expect(readSnapshot(host).elements.get(a)?.label).toBe('A2');
    // Values the field's checks refuse, non-finite numbers included.
    expect(attempt('edit', raw(`${a}.label`, 42))).toMatch(/label must be text/);
    expect(attempt('edit', raw(`${a}.position`, [Number.POSITIVE_INFINITY, 0]))).toMatch(
      /position/,
    );
    expect(attempt('edit', raw(`${a}._u`, Number.NaN))).toMatch(/updatedAt/);
    expect(attempt('edit', raw(`${a}.kind`, 'dragon'))).toMatch(/kind/);
    // Provenance and a connection's ends are fixed when the record is made: nobody edits them.
    expect(attempt('edit', raw(`${a}._c`, ['mallory', 1]))).toMatch(/_c cannot be edited/);
    expect(attempt('facilitator', raw(`${a}._c`, ['mallory', 1]))).toMatch(/cannot be edited/);
    expect(attempt('edit', raw(`${a}.id`, 'other'))).toMatch(/cannot be edited/);
    // Garbage keys and bases.
    expect(attempt('edit', raw(`${a}.`, 'x'))).toMatch(/cannot be edited/);
    expect(attempt('edit', raw('not an id!.label', 'x'))).toMatch(/id/);
    expect(attempt('edit', raw('not an id!', '{}'))).toMatch(/id/);
    expect(attempt('edit', raw('e2', 7))).toMatch(/stored as its fields in JSON/);
    expect(attempt('edit', raw('e2', '{not json'))).toMatch(/not a record/);
    expect(attempt('edit', raw('e3', JSON.stringify({ kind: 'factor', label: 5 })))).toMatch(
      /label/,
    );
    expect(
      attempt('edit', raw('e3', JSON.stringify({ kind: 'factor', position: [1, 2] }))),
    ).toBeNull();
    // An edit of a record someone deleted meanwhile is kept aside (readers ignore it), but only
    // if it is a valid value.
    expect(attempt('edit', raw('gone000001.label', 'late'))).toBeNull();
    expect(attempt('edit', raw('gone000001.position', [1e20, 0]))).toMatch(/position/);
    expect(readSnapshot(host).elements.has('gone000001')).toBe(false);
  });
});
