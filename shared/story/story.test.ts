import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addElement, connect } from '../domain/index';
import { initMap } from '../domain/map';
import { readSnapshot } from '../schema/snapshot';
import { sessionMap } from '../session/layout';
import { sessionContext } from '../session/test-helpers';
import { guardedEdits } from '../sync/testing/guarded-edits';
import {
  addStep,
  createStory,
  deleteStory,
  moveStep,
  playStory,
  readPlayback,
  readStories,
  readStory,
  removeStep,
  stepStory,
  stopStory,
  updateStep,
} from './story';
import { revealedSnapshot, stepScene } from './view';

/** A map A -> B -> C -> A (a loop) and D, with a facilitator's context. */
function map() {
  const doc = new Y.Doc();
  const fac = sessionContext('fac', { facilitator: true, doc, userName: 'Fay' });
  initMap(fac, 'Story map');
  const a = addElement(fac, { kind: 'factor', label: 'A', position: [0, 0] });
  const b = addElement(fac, { kind: 'factor', label: 'B', position: [100, 0] });
  const c = addElement(fac, { kind: 'factor', label: 'C', position: [50, 80] });
  const d = addElement(fac, { kind: 'factor', label: 'D', position: [300, 0] });
  const ab = connect(fac, { from: a, to: b, kind: 'causal', polarity: '+' });
  const bc = connect(fac, { from: b, to: c, kind: 'causal', polarity: '+' });
  const ca = connect(fac, { from: c, to: a, kind: 'causal', polarity: '-' });
  const cd = connect(fac, { from: c, to: d, kind: 'causal', polarity: '+' });
  return { doc, fac, a, b, c, d, ab, bc, ca, cd };
}

describe('stories in the document', () => {
  it('records steps in order, edits, moves and removes them', () => {
    const { fac, a, b, c } = map();
    const s = createStory(fac, '  Why readiness stalls ');
    expect(s.title).toBe('Why readiness stalls');
    addStep(fac, s.id, { caption: 'Start with A', reveal: [a, a] });
    addStep(fac, s.id, { caption: 'Then C', reveal: [c] });
    const two = addStep(fac, s.id, { caption: 'B in between', reveal: [b] }, 1);
    expect(two.steps.map((x) => x.caption)).toEqual(['Start with A', 'B in between', 'Then C']);
    expect(two.steps[0]!.reveal).toEqual([a]); // duplicates dropped
    const last = two.steps[2]!;
    updateStep(fac, s.id, last.id, {
      caption: 'C closes it',
      reveal: [c],
      view: { x: 1, y: 2, k: 1.5 },
    });
    moveStep(fac, s.id, last.id, -5);
    const moved = readStory(fac.doc, s.id)!;
    expect(moved.steps.map((x) => x.caption)).toEqual([
      'C closes it',
      'Start with A',
      'B in between',
    ]);
    expect(moved.steps[0]!.view).toEqual({ x: 1, y: 2, k: 1.5 });
    removeStep(fac, s.id, moved.steps[1]!.id);
    expect(readStory(fac.doc, s.id)!.steps.map((x) => x.caption)).toEqual([
      'C closes it',
      'B in between',
    ]);
    expect(readStories(fac.doc).map((x) => x.id)).toEqual([s.id]);
  });

  it('refuses participants, empty titles and captions past the limit', () => {
    const { doc, fac, a } = map();
    const ana = sessionContext('ana', { doc });
    expect(() => createStory(ana, 'Mine')).toThrow(/Only a facilitator/);
    expect(() => createStory(fac, '   ')).toThrow(/needs a title/);
    const s = createStory(fac, 'S');
    expect(() => addStep(fac, s.id, { caption: 'x'.repeat(2001), reveal: [a] })).toThrow(/caption/);
    expect(() => addStep(ana, s.id, { caption: 'x', reveal: [a] })).toThrow(/Only a facilitator/);
    expect(readStory(doc, s.id)!.steps).toHaveLength(0);
  });

  it('plays for everyone: next and previous stay within the steps, stop clears', () => {
    const { fac, a, b, c } = map();
    const s = createStory(fac, 'S');
    expect(() => playStory(fac, s.id)).toThrow(/Record a step/);
    for (const id of [a, b, c]) addStep(fac, s.id, { caption: id, reveal: [id] });
    expect(playStory(fac, s.id, 7).step).toBe(2);
    expect(stepStory(fac, 1)!.step).toBe(2);
    expect(stepStory(fac, -1)!.step).toBe(1);
    expect(stepStory(fac, -1)!.step).toBe(0);
    expect(stepStory(fac, -1)!.step).toBe(0);
    expect(readPlayback(fac.doc)).toMatchObject({ storyId: s.id, step: 0, byName: 'Fay' });
    stopStory(fac);
    expect(readPlayback(fac.doc)).toBeUndefined();
    expect(stepStory(fac, 1)).toBeUndefined();
    playStory(fac, s.id, 1);
    deleteStory(fac, s.id);
    expect(readPlayback(fac.doc)).toBeUndefined();
    expect(readStories(fac.doc)).toEqual([]);
  });
});

describe('stepScene', () => {
  it('adds reveals up step by step and shows a link once both ends are revealed', () => {
    const { fac, a, b, c, d, ab, bc, ca } = map();
    const s = createStory(fac, 'S');
    addStep(fac, s.id, { caption: 'A', reveal: [a], view: { x: 0, y: 0, k: 2 } });
    addStep(fac, s.id, { caption: 'B', reveal: [b] });
    addStep(fac, s.id, { caption: 'C', reveal: [c, a], view: { x: 50, y: 40, k: 1 } });
    const story = readStory(fac.doc, s.id)!;
    const snap = readSnapshot(fac.doc);

    const s0 = stepScene(story, 0, snap)!;
    expect([...s0.revealed]).toEqual([a]);
    expect(s0.hidden).toEqual(new Set([b, c, d]));
    expect(s0.connections.size).toBe(0);
    expect(s0.view).toEqual({ x: 0, y: 0, k: 2 });

    const s1 = stepScene(story, 1, snap)!;
    expect(s1.revealed).toEqual(new Set([a, b]));
    expect(s1.added).toEqual([b]);
    expect(s1.connections).toEqual(new Set([ab]));
    // No view of its own: the last one stays.
    expect(s1.view).toEqual({ x: 0, y: 0, k: 2 });

    const s2 = stepScene(story, 2, snap)!;
    expect(s2.added).toEqual([c]); // A was revealed before
    expect(s2.connections).toEqual(new Set([ab, bc, ca])); // C -> D waits for D
    expect(s2.hidden).toEqual(new Set([d]));
    expect(s2.view).toEqual({ x: 50, y: 40, k: 1 });
    expect(s2.fit).toBe(false);
    expect(s2.caption).toBe('C');
    expect(stepScene(story, 99, snap)!.index).toBe(2);

    const shown = revealedSnapshot(snap, s1);
    expect([...shown.elements.keys()].sort()).toEqual([a, b].sort());
    expect([...shown.connections.keys()]).toEqual([ab]);
  });

  it('a fitting step frames what is revealed until a later step sets a view', () => {
    const { fac, a, b, c } = map();
    const s = createStory(fac, 'S');
    addStep(fac, s.id, { caption: 'A', reveal: [a], view: { x: 0, y: 0, k: 2 } });
    addStep(fac, s.id, { caption: 'B', reveal: [b], fit: true });
    addStep(fac, s.id, { caption: 'C', reveal: [c] });
    addStep(fac, s.id, { caption: 'D', reveal: [], view: { x: 9, y: 9, k: 1 } });
    const story = readStory(fac.doc, s.id)!;
    const snap = readSnapshot(fac.doc);
    const at = (i: number) => {
      const sc = stepScene(story, i, snap)!;
      return [sc.view ?? null, sc.fit];
    };
    expect(at(0)).toEqual([{ x: 0, y: 0, k: 2 }, false]);
    expect(at(1)).toEqual([null, true]);
    expect(at(2)).toEqual([null, true]); // kept from step 1
    expect(at(3)).toEqual([{ x: 9, y: 9, k: 1 }, false]);
  });

  it('highlights the revealed part of a loop and drops what left the map', () => {
    const { doc, fac, a, b, c, ab, bc, ca } = map();
    const s = createStory(fac, 'S');
    addStep(fac, s.id, {
      caption: 'The loop',
      reveal: [a, b],
      loop: { elements: [a, b, c], connections: [ab, bc, ca], label: 'B1' },
      sim: {
        pushes: [
          { elementId: a, direction: 1 },
          { elementId: 'gone', direction: -1 },
        ],
        t: 3,
      },
    });
    addStep(fac, s.id, { caption: 'No loop now', reveal: [c] });
    const story = readStory(doc, s.id)!;
    const snap = readSnapshot(doc);
    const s0 = stepScene(story, 0, snap)!;
    expect(s0.highlight).toEqual(new Set([a, b, ab])); // C and its links are not revealed yet
    expect(s0.loopLabel).toBe('B1');
    expect(s0.sim).toEqual({ pushes: [{ elementId: a, direction: 1 }], t: 3 });
    const s1 = stepScene(story, 1, snap)!;
    expect(s1.highlight).toBeNull();
    expect(s1.sim).toBeUndefined();
  });

  it('a story without steps has no scene', () => {
    const { fac } = map();
    const s = createStory(fac, 'Empty');
    expect(stepScene(s, 0, readSnapshot(fac.doc))).toBeUndefined();
  });
});

describe('the host checks stories', () => {
  function room() {
    const { doc: host, fac, a } = map();
    const s = createStory(fac, 'S');
    const attempt = guardedEdits(host);
    return { host, a, story: s.id, attempt };
  }
  const facOn = (doc: Y.Doc) => sessionContext('fac', { doc, facilitator: true });

  it('accepts a facilitator recording and playing, refuses an edit link doing either', () => {
    const { host, a, story, attempt } = room();
    expect(
      attempt('facilitator', (doc) => addStep(facOn(doc), story, { caption: 'A', reveal: [a] })),
    ).toBeNull();
    expect(attempt('facilitator', (doc) => playStory(facOn(doc), story))).toBeNull();
    expect(readPlayback(host)?.step).toBe(0);
    expect(
      attempt('edit', (doc) => addStep(facOn(doc), story, { caption: 'B', reveal: [a] })),
    ).toMatch(/Only a facilitator can record or play a story/);
    expect(attempt('edit', (doc) => stopStory(facOn(doc)))).toMatch(/Only a facilitator/);
    expect(readPlayback(host)?.step).toBe(0);
  });

  it('refuses a malformed story or playback even from a facilitator', () => {
    const { story, attempt } = room();
    const bad = (value: unknown) => (doc: Y.Doc) => sessionMap(doc).set(`story/${story}`, value);
    const ok = { id: story, title: 'S', steps: [], createdBy: 'f', createdAt: 1, updatedAt: 1 };
    expect(attempt('facilitator', bad({ ...ok, title: 7 }))).toMatch(/title/);
    expect(
      attempt('facilitator', bad({ ...ok, steps: [{ id: 's', caption: 'x', reveal: [1] }] })),
    ).toMatch(/reveal/);
    expect(
      attempt(
        'facilitator',
        bad({ ...ok, steps: [{ id: 's', caption: 'x', reveal: [], view: { x: 0, y: 0, k: 0 } }] }),
      ),
    ).toMatch(/zoom/);
    expect(
      attempt(
        'facilitator',
        bad({ ...ok, steps: [{ id: 's', caption: '<b>', reveal: [], script: 'x' }] }),
      ),
    ).toMatch(/Unknown step field/);
    expect(attempt('facilitator', bad({ ...ok, id: 'other' }))).toMatch(/differs from the key/);
    expect(
      attempt('facilitator', (doc) => sessionMap(doc).set('story/play', { storyId: story })),
    ).toMatch(/step/);
    expect(
      attempt('facilitator', (doc) => sessionMap(doc).set(`story/${story}`, new Y.Map())),
    ).toMatch(/must be plain data/);
    expect(attempt('facilitator', bad(ok))).toBeNull();
  });
});
