import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, removeElements } from '../domain/elements';
import { readSnapshot } from '../schema/snapshot';
import {
  actionsToCsv,
  addAction,
  addParticipantActor,
  addReflectionCard,
  addReflectionGroup,
  addSessionNote,
  canEditElement,
  canEditMap,
  csvCell,
  filterActions,
  groupReflectionCards,
  hiddenNotes,
  initReflectionBoard,
  isMapLocked,
  joinSession,
  lockElements,
  pendingAttention,
  readSessionSnapshot,
  removeReflectionGroup,
  revealPrivateNotes,
  setMapLocked,
  setPrivateMode,
  spotlightElement,
  summonEveryone,
  unlockElements,
  updateAction,
  updateReflectionCard,
  visibleTo,
  voteReflectionCard,
} from './index';
import { linkedDocs, sessionContext } from './test-helpers';

describe('attention', () => {
  it('summon and spotlight are events each client acts on once', () => {
    const [a, b] = linkedDocs();
    const fac = sessionContext('fac', { facilitator: true, doc: a, userName: 'Fiona' });
    const el = addElement(fac, { kind: 'factor', label: 'Trust' });
    const lastSeen = readSessionSnapshot(b).attention?.id;
    const e1 = summonEveryone(fac, { x: 120, y: -40, k: 1.5 });
    let cur = readSessionSnapshot(b).attention;
    expect(pendingAttention(cur, lastSeen)).toMatchObject({
      kind: 'summon',
      viewport: { x: 120, y: -40, k: 1.5 },
      byName: 'Fiona',
      seq: 1,
    });
    expect(pendingAttention(cur, e1.id)).toBeUndefined();
    // Summoning twice to the same place is still a new event.
    const e2 = summonEveryone(fac, { x: 120, y: -40, k: 1.5 });
    expect(e2.id).not.toBe(e1.id);
    spotlightElement(fac, el);
    cur = readSessionSnapshot(b).attention;
    expect(cur).toMatchObject({ kind: 'spotlight', elementId: el, seq: 3 });
    expect(() => spotlightElement(fac, 'ghost')).toThrow(/ghost/);
    expect(() => summonEveryone(fac, { x: NaN, y: 0, k: 1 })).toThrow(/viewport/);
    expect(() => summonEveryone(sessionContext('p', { doc: b }), { x: 0, y: 0, k: 1 })).toThrow(
      /facilitator/,
    );
  });
});

describe('private mode', () => {
  it('hides new notes from others until the facilitator reveals them', () => {
    const [a, b] = linkedDocs();
    const fac = sessionContext('fac', { facilitator: true, doc: a });
    const ana = sessionContext('ana', { doc: b });
    const open = addSessionNote(ana, { label: 'Said out loud' });
    setPrivateMode(fac, true);
    const secret = addSessionNote(ana, { label: 'My private idea' });
    const ben = sessionContext('ben', { doc: a });
    const other = addElement(ben, { kind: 'factor', label: 'Trust' });
    const snap = readSnapshot(a);
    expect(hiddenNotes(snap)).toEqual([secret]);
    expect(snap.elements.get(secret)?.createdBy).toBe('ana');
    const forBen = visibleTo(snap, 'ben', false);
    expect([...forBen.elements.keys()].sort()).toEqual([open, other].sort());
    expect(visibleTo(snap, 'ana', false).elements.has(secret)).toBe(true);
    expect(visibleTo(snap, 'fac', true).elements.has(secret)).toBe(true);
    expect(() => revealPrivateNotes(ana)).toThrow(/facilitator/);
    setPrivateMode(fac, false);
    expect(revealPrivateNotes(fac)).toBe(1);
    expect(visibleTo(readSnapshot(b), 'ben', false).elements.has(secret)).toBe(true);
    expect(hiddenNotes(readSnapshot(b))).toEqual([]);
  });
});

describe('locks', () => {
  it('whole-map and element locks, set and lifted by facilitators only', () => {
    const fac = sessionContext('fac', { facilitator: true });
    const p = sessionContext('p', { doc: fac.doc });
    const el = addElement(fac, { kind: 'factor', label: 'Trust' });
    expect(() => setMapLocked(p, true)).toThrow(/facilitator/);
    setMapLocked(fac, true);
    expect(isMapLocked(fac.doc)).toBe(true);
    let s = readSessionSnapshot(fac.doc);
    expect(s.lockedBy).toBe('fac');
    expect(canEditMap(s, false)).toBe(false);
    expect(canEditMap(s, true)).toBe(true);
    setMapLocked(fac, false);
    lockElements(fac, [el, 'ghost']);
    s = readSessionSnapshot(fac.doc);
    expect([...s.elementLocks.keys()]).toEqual([el]);
    expect(canEditElement(s, el, false)).toBe(false);
    expect(canEditElement(s, el, true)).toBe(true);
    expect(() => unlockElements(p, [el])).toThrow(/facilitator/);
    unlockElements(fac, [el]);
    expect(canEditElement(readSessionSnapshot(fac.doc), el, false)).toBe(true);
  });
});

describe('reflection board', () => {
  it('cards under prompts, anonymous ones without author, mentions, groups and votes', () => {
    const fac = sessionContext('fac', { facilitator: true });
    const el = addElement(fac, { kind: 'factor', label: 'Trust' });
    initReflectionBoard(fac);
    initReflectionBoard(fac);
    const s0 = readSessionSnapshot(fac.doc);
    expect(s0.reflectionPrompts.map((p) => p.text)).toEqual([
      'What did we learn?',
      'What surprised us?',
      'What will we do differently?',
    ]);
    const ana = sessionContext('ana', { doc: fac.doc, userName: 'Ana' });
    const named = addReflectionCard(ana, {
      promptId: 'learned',
      text: 'Trust drives it',
      mentions: [el],
    });
    const anon = addReflectionCard(ana, {
      promptId: 'surprised',
      text: 'Funding mattered less',
      anonymous: true,
    });
    expect(() => addReflectionCard(ana, { promptId: 'learned', text: '   ' })).toThrow(/empty/);
    expect(() => addReflectionCard(ana, { promptId: 'nope', text: 'x' })).toThrow(/prompt/);
    expect(() =>
      addReflectionCard(ana, { promptId: 'learned', text: 'x', mentions: ['ghost'] }),
    ).toThrow(/ghost/);
    const g = addReflectionGroup(ana, 'learned', 'Relationships');
    groupReflectionCards(ana, [named], g);
    voteReflectionCard(ana, named, true);
    voteReflectionCard(fac, named, true);
    voteReflectionCard(fac, named, true);
    const ben = sessionContext('ben', { doc: fac.doc });
    expect(() => updateReflectionCard(ben, named, { text: 'mine now' })).toThrow(/author/);
    updateReflectionCard(ana, named, { text: 'Trust drives attendance' });
    let s = readSessionSnapshot(fac.doc);
    expect(s.reflectionCards.get(named)).toMatchObject({
      text: 'Trust drives attendance',
      author: 'ana',
      authorName: 'Ana',
      mentions: [el],
      groupId: g,
      votes: ['ana', 'fac'],
    });
    const a = s.reflectionCards.get(anon);
    expect(a?.anonymous).toBe(true);
    expect(a?.author).toBeUndefined();
    expect(JSON.stringify(fac.doc.getMap('reflections').get(anon))).not.toContain('ana');
    removeReflectionGroup(ana, g);
    s = readSessionSnapshot(fac.doc);
    expect(s.reflectionCards.get(named)?.groupId).toBeUndefined();
  });
});

describe('actions', () => {
  it('owners, due dates, the element served, status, filters and a safe CSV', () => {
    const fac = sessionContext('fac', { facilitator: true });
    const actor = addElement(fac, {
      kind: 'actor',
      actorType: 'organization',
      label: 'City council',
    });
    const factor = addElement(fac, { kind: 'factor', label: 'Trust' });
    const a1 = addAction(fac, {
      title: 'Invite parents',
      owner: { kind: 'actor', actorId: actor },
      due: '2025-03-01',
      serves: factor,
    });
    const a2 = addAction(fac, {
      title: '=HYPERLINK("http://evil")',
      owner: { kind: 'person', name: 'Ana' },
    });
    addAction(fac, { title: 'Write up', due: '2025-02-01', status: 'doing' });
    expect(() => addAction(fac, { title: 'x', due: '2025-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => addAction(fac, { title: 'x', owner: { kind: 'actor', actorId: factor } })).toThrow(
      /No actor/,
    );
    expect(() => addAction(fac, { title: '' })).toThrow(/title/);
    updateAction(fac, a1, { status: 'done' });
    updateAction(fac, a2, { due: '2025-01-15' });
    const all = [...readSessionSnapshot(fac.doc).actions.values()];
    expect(filterActions(all).map((a) => a.title)).toEqual([
      '=HYPERLINK("http://evil")',
      'Write up',
      'Invite parents',
    ]);
    expect(filterActions(all, { status: ['done'] }).map((a) => a.id)).toEqual([a1]);
    expect(filterActions(all, { owner: 'ana' }).map((a) => a.id)).toEqual([a2]);
    expect(filterActions(all, { serves: factor }).map((a) => a.id)).toEqual([a1]);
    expect(filterActions(all, { dueBy: '2025-02-01' })).toHaveLength(2);
    const labels = new Map([
      [actor, 'City council'],
      [factor, 'Trust'],
    ]);
    const csv = actionsToCsv(filterActions(all), labels);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Title,Owner,Due,Serves,Status,Note');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"")",Ana,2025-01-15,,open,`);
    expect(lines[3]).toBe('Invite parents,City council,2025-03-01,Trust,done,');
    for (const lead of ['=', '+', '-', '@']) expect(csvCell(`${lead}1`)).toBe(`'${lead}1`);
  });
});

describe('who is here', () => {
  it('adds the person, their organisation (once) and whom they know, in one transaction', () => {
    const fac = sessionContext('fac', { facilitator: true });
    const known = addElement(fac, { kind: 'actor', actorType: 'person', label: 'Dana' });
    const ana = sessionContext('ana', { doc: fac.doc });
    let transactions = 0;
    fac.doc.on('afterTransaction', () => transactions++);
    const r1 = addParticipantActor(ana, {
      name: ' Ana  Ruiz ',
      organisation: 'Food Bank',
      knows: [known],
    });
    expect(transactions).toBe(1);
    expect(r1.organisationCreated).toBe(true);
    const ben = sessionContext('ben', { doc: fac.doc });
    const r2 = addParticipantActor(ben, {
      name: 'Ben',
      organisation: 'food bank',
      knows: [r1.actorId],
    });
    expect(r2.organisationId).toBe(r1.organisationId);
    expect(r2.organisationCreated).toBe(false);
    const map = readSnapshot(fac.doc);
    expect(map.elements.get(r1.actorId)).toMatchObject({
      kind: 'actor',
      actorType: 'person',
      label: 'Ana Ruiz',
    });
    expect(map.elements.get(r1.organisationId ?? '')).toMatchObject({
      actorType: 'organization',
      label: 'Food Bank',
    });
    const rels = [...map.connections.values()].map((c) => [c.from, c.to, c.label]);
    expect(rels).toContainEqual([r1.actorId, r1.organisationId, 'member of']);
    expect(rels).toContainEqual([r1.actorId, known, 'knows']);
    expect(rels).toContainEqual([r2.actorId, r1.actorId, 'knows']);
    expect(readSessionSnapshot(fac.doc).participants.get('ana')).toMatchObject({
      name: 'Ana Ruiz',
      actorId: r1.actorId,
    });
    // Picking someone who was just removed fails whole: nothing is written.
    removeElements(fac, [known]);
    const before = Y.encodeStateVector(fac.doc);
    expect(() =>
      addParticipantActor(sessionContext('cy', { doc: fac.doc }), { name: 'Cy', knows: [known] }),
    ).toThrow(/No actor/);
    expect(Y.encodeStateVector(fac.doc)).toEqual(before);
    joinSession(sessionContext('dee', { doc: fac.doc }), 'Dee');
    expect(readSessionSnapshot(fac.doc).participants.get('dee')?.name).toBe('Dee');
  });
});

describe('session state in files', () => {
  it('round-trips through JSON', async () => {
    const { exportSessionJson, importSessionJson, initAgenda, advancePhase, openVote, placeDot } =
      await import('./index');
    const fac = sessionContext('fac', { facilitator: true });
    const el = addElement(fac, { kind: 'factor', label: 'Trust' });
    initAgenda(fac);
    advancePhase(fac);
    const v = openVote(fac, { elementIds: [el], dotsPerPerson: 2 });
    placeDot(fac, v, el);
    initReflectionBoard(fac);
    const card = addReflectionCard(fac, { promptId: 'learned', text: 'x' });
    voteReflectionCard(fac, card, true);
    addAction(fac, { title: 'Do it', due: '2025-01-01' });
    const json = JSON.parse(JSON.stringify(exportSessionJson(fac.doc))) as unknown;
    const copy = new Y.Doc();
    importSessionJson(copy, json);
    const a = readSessionSnapshot(fac.doc);
    const b = readSessionSnapshot(copy);
    expect(b.phases).toEqual(a.phases);
    expect(b.currentPhaseId).toBe('connect');
    expect(b.votes.get(v)?.dots.get('fac')).toEqual([el]);
    expect(b.reflectionCards.get(card)?.votes).toEqual(['fac']);
    expect([...b.actions.values()][0]?.title).toBe('Do it');
    importSessionJson(copy, { session: 'nonsense', votes: [1, 2] });
    expect(readSessionSnapshot(copy).phases).toHaveLength(6);
  });
});
