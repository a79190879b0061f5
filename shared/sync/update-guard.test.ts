import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement } from '../domain/index';
import { initMap } from '../domain/map';
import { metaMap } from '../schema/doc';
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
    expect(attempt('edit', (doc) => metaMap(doc).set('schemaVersion', 1))).toBeNull();
    expect(attempt('facilitator', (doc) => metaMap(doc).set('schemaVersion', 2))).toMatch(
      /schemaVersion/,
    );
    expect(attempt('facilitator', (doc) => metaMap(doc).delete('schemaVersion'))).toMatch(
      /schemaVersion/,
    );
    expect(attempt('edit', (doc) => metaMap(doc).set('title', 7))).toMatch(/title/);
  });

  it('refuses an unknown field holding a non-finite number, and keeps working after a refusal', () => {
    const { host, a, attempt } = room();
    const field = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('elements').get(a)!;
    expect(attempt('edit', (doc) => field(doc).set('weight', Number.POSITIVE_INFINITY))).toMatch(
      /plain data/,
    );
    expect(attempt('edit', (doc) => field(doc).set('weight', 3))).toBeNull();
    expect(host.getMap<Y.Map<unknown>>('elements').get(a)!.get('weight')).toBe(3);
  });
});
