import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initMap } from '../domain/map';
import { elementsMap } from '../schema/doc';
import { readSnapshot } from '../schema/snapshot';
import { readSketch, validateSketch } from '../schema/sketch';
import { sessionContext } from '../session/test-helpers';
import { UpdateGuard } from '../sync/update-guard';
import { circleOrder, circlePositions } from './circle';
import { SCRIPT_TEMPLATES } from './scripts';
import { addGraphCard, setSketch, sketchFromPath } from './sketch';

describe('Graphs over Time sketches', () => {
  it('turns a drawn path into time-ordered unit points (y up), resampled and bounded', () => {
    // A 200 x 100 pad: from the bottom left, up to the top at the middle, down to half height
    // (a step back in time is dropped); at most 5 points, and no more than were drawn.
    const s = sketchFromPath(
      [
        { x: 0, y: 100 },
        { x: 100, y: 0 },
        { x: 60, y: 50 }, // back in time: dropped
        { x: 200, y: 50 },
      ],
      200,
      100,
      5,
    )!;
    expect(s.points).toEqual([
      [0, 0],
      [0.5, 1],
      [1, 0.5],
    ]);
    // Many drawn points are resampled evenly in time: a straight rise, 11 points to 5.
    const line = Array.from({ length: 11 }, (_, i) => ({ x: i * 20, y: 100 - i * 10 }));
    expect(sketchFromPath(line, 200, 100, 5)!.points).toEqual([
      [0, 0],
      [0.25, 0.25],
      [0.5, 0.5],
      [0.75, 0.75],
      [1, 1],
    ]);
    expect(validateSketch(s)).toEqual([]);
    // Off the pad is clamped; a path with no span in time is no sketch.
    expect(
      sketchFromPath(
        [
          { x: -10, y: 300 },
          { x: 500, y: -5 },
        ],
        200,
        100,
      )!.points,
    ).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(
      sketchFromPath(
        [
          { x: 5, y: 1 },
          { x: 5, y: 90 },
        ],
        200,
        100,
      ),
    ).toBeUndefined();
    const long = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: (i * 7) % 100 }));
    expect(sketchFromPath(long, 1000, 100)!.points).toHaveLength(64);
  });

  it('refuses sketches that are not bounded, ordered unit points', () => {
    expect(validateSketch({ points: [[0, 0]] })[0]!.message).toMatch(/2 to 64/);
    expect(
      validateSketch({
        points: [
          [0, 0],
          [1, 2],
        ],
      })[0]!.message,
    ).toMatch(/0 to 1/);
    expect(
      validateSketch({
        points: [
          [0.5, 0],
          [0.2, 0.1],
        ],
      })[0]!.message,
    ).toMatch(/forward/);
    expect(
      validateSketch({
        points: [
          [0, 0],
          [1, 1],
        ],
        svg: '<x>',
      })[0]!.message,
    ).toMatch(/points only/);
    const many = Array.from({ length: 65 }, (_, i) => [i / 64, 0]);
    expect(validateSketch({ points: many })).toHaveLength(1);
  });

  it('stores the card as a note with its sketch; the host refuses a bad sketch', () => {
    const doc = new Y.Doc();
    const ctx = sessionContext('ana', { doc });
    initMap(ctx, 'GOT');
    const id = addGraphCard(ctx, {
      label: 'Trust over time',
      position: [10, 20],
      sketch: {
        points: [
          [0, 0.2],
          [1, 0.9],
        ],
      },
    });
    const card = readSnapshot(doc).elements.get(id)!;
    expect(card.kind).toBe('note');
    expect(readSketch(card.extra)?.points).toEqual([
      [0, 0.2],
      [1, 0.9],
    ]);
    setSketch(ctx, id, {
      points: [
        [0, 1],
        [0.5, 0],
        [1, 1],
      ],
    });
    expect(readSketch(readSnapshot(doc).elements.get(id)!.extra)?.points).toHaveLength(3);
    expect(() =>
      setSketch(ctx, id, {
        points: [
          [0, 3],
          [1, 1],
        ],
      }),
    ).toThrow(/0 to 1/);

    const guard = new UpdateGuard(doc);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(replica);
    elementsMap(replica)
      .get(id)!
      .set('sketch', {
        points: [
          [0, 0],
          [1, 9],
        ],
      });
    expect(guard.check(Y.encodeStateAsUpdate(replica, before), 'edit')).toMatch(/sketch/);
  });
});

describe('Connection Circles', () => {
  it('puts n factors evenly on a circle, first at the top, clockwise', () => {
    const pos = circlePositions(['a', 'b', 'c', 'd'], [0, 0], 100);
    // 4 x 100 / 2π is under the 150 minimum radius.
    expect(pos.get('a')).toEqual([0, -150]);
    expect(pos.get('b')).toEqual([150, 0]);
    expect(pos.get('c')).toEqual([0, 150]);
    expect(pos.get('d')).toEqual([-150, 0]);
    const twelve = circlePositions(
      Array.from({ length: 12 }, (_, i) => `f${i}`),
      [100, 100],
      190,
    );
    const r = (12 * 190) / (2 * Math.PI);
    for (const [x, y] of twelve.values())
      expect(Math.abs(Math.hypot(x - 100, y - 100) - r)).toBeLessThan(1);
    expect(circlePositions(['solo'], [5, 6]).get('solo')).toEqual([5, 6]);
  });

  it('orders the circle so linked factors sit side by side', () => {
    // a-c and c-b linked, d alone: a, c, b, then d.
    expect(
      circleOrder(
        ['a', 'b', 'c', 'd'],
        [
          { from: 'a', to: 'c' },
          { from: 'c', to: 'b' },
          { from: 'x', to: 'a' },
        ],
      ),
    ).toEqual(['a', 'c', 'b', 'd']);
  });
});

describe('script templates', () => {
  it('offers the four scripts, each with a one-sentence question for the group', () => {
    expect(SCRIPT_TEMPLATES.map((t) => t.title)).toEqual([
      'Hopes & Fears',
      'Graphs over Time',
      'Dots',
      'Connection Circles',
    ]);
    for (const t of SCRIPT_TEMPLATES) {
      expect(t.prompt!.length).toBeGreaterThan(20);
      expect(t.prompt).toMatch(/\?|\.$/);
    }
  });
});
