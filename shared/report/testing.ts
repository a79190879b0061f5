// Test support: the example map with a session run on it (votes, actions, reflections, people).
import * as Y from 'yjs';
import { connect, proposeIntroduction } from '../domain/connections';
import { addElement } from '../domain/elements';
import { setLoopNote } from '../domain/map';
import { addSource, linkSource } from '../domain/sources';
import { findLoops } from '../analysis/loops';
import { schoolReadinessExample } from '../examples/school-readiness';
import { applyNative, parseNative } from '../interop/native';
import { readSnapshot } from '../schema/snapshot';
import {
  addAction,
  addParticipantActor,
  addReflectionCard,
  addReflectionGroup,
  addSessionNote,
  groupReflectionCards,
  initAgenda,
  initReflectionBoard,
  joinSession,
  openVote,
  placeDot,
  revealVote,
  setPrivateMode,
  voteReflectionCard,
  type SessionContext,
} from '../session/index';

export const HOSTILE_LABEL = '<script>alert(1)</script>';

/** A room after a session on the example map. Returns the doc and the ids the tests look for. */
export function exampleSessionDoc(): { doc: Y.Doc; ids: Record<string, string> } {
  const doc = new Y.Doc();
  let t = Date.UTC(2024, 5, 3, 9, 0, 0);
  const ctx = (userId: string, userName: string, facilitator = false): SessionContext => ({
    doc,
    origin: { user: userId },
    userId,
    userName,
    facilitator,
    now: () => (t += 1000),
  });
  const parsed = parseNative(JSON.parse(JSON.stringify(schoolReadinessExample)));
  if (!parsed.ok) throw new Error('example map does not parse');
  const fac = ctx('u-fac', 'Fiona', true);
  const ana = ctx('u-ana', 'Ana Ruiz');
  const ben = ctx('u-ben', 'Ben Ode');
  applyNative(fac, parsed.file);
  initAgenda(fac);
  joinSession(fac, 'Fiona');
  const anaActor = addParticipantActor(ana, { name: 'Ana Ruiz', organisation: 'Family Centre' });
  const benActor = addParticipantActor(ben, { name: 'Ben Ode', organisation: 'Library' });

  const map = readSnapshot(doc);
  const factors = [...map.elements.values()].filter((e) => e.kind === 'factor');
  const loop = findLoops(map).loops[0];
  if (!loop || factors.length < 3) throw new Error('the example has no loop');
  setLoopNote(fac, loop.signature, { name: 'Readiness spiral', members: loop.elements });

  const hostile = addElement(ana, { kind: 'factor', label: HOSTILE_LABEL, position: [0, -200] });
  const target = loop.elements[0] as string;
  connect(ana, { from: hostile, to: target, kind: 'causal', polarity: '-' });
  const intro = proposeIntroduction(fac, {
    from: anaActor.actorId,
    to: benActor.actorId,
    reason: 'Both run reading sessions for parents',
    by: { id: fac.userId, name: 'Fiona' },
  });

  const voteId = openVote(fac, {
    title: 'Where to push',
    elementIds: loop.elements,
    dotsPerPerson: 3,
  });
  for (const who of [ana, ben, fac]) for (let i = 0; i < 3; i++) placeDot(who, voteId, target);
  revealVote(fac, voteId);

  addAction(fac, {
    title: 'Pilot home visits with the Family Centre',
    owner: { kind: 'actor', actorId: anaActor.actorId },
    due: '2024-09-01',
    serves: target,
  });
  addAction(fac, {
    title: '=cmd|calc',
    owner: { kind: 'person', name: 'Ben Ode' },
    due: '2024-07-15',
  });

  initReflectionBoard(fac);
  const card = addReflectionCard(ana, {
    promptId: 'learned',
    text: 'Trust between parents and schools drives everything',
    mentions: [target],
  });
  addReflectionCard(ben, {
    promptId: 'surprised',
    text: 'How few of us knew each other',
    anonymous: true,
  });
  const group = addReflectionGroup(fac, 'learned', 'Relationships');
  groupReflectionCards(fac, [card], group);
  voteReflectionCard(ben, card, true);

  const source = addSource(fac, {
    url: 'https://example.org/leadership-in-action',
    title: 'Leadership in Action: school readiness',
    authors: ['Ana Ruiz', 'Ben Ode'],
    publishedAt: '2003-05-01',
    siteName: 'Example Foundation',
    quotes: [
      {
        id: 'q1',
        exact: 'Children entering school ready to learn',
        prefix: '',
        suffix: '',
        note: '',
        clippedBy: 'u-fac',
        clippedAt: t,
      },
    ],
  });
  linkSource(fac, source, [target]);
  addSource(fac, { url: 'https://example.org/x', title: 'javascript:alert(2)' });

  setPrivateMode(fac, true);
  addSessionNote(ben, { label: 'A private thought nobody revealed' });
  setPrivateMode(fac, false);
  return { doc, ids: { target, hostile, intro, voteId, card } };
}
