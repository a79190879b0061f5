import { describe, expect, it } from 'vitest';
import { CONNECTION_HIT_PX, elementsInRectScene, hitTestScene } from './hit-test';
import { Scene } from './scene';
import { conn, el, snap } from './test-fixtures';

function scene(): Scene {
  const s = new Scene();
  s.update(
    snap(
      [
        el('a', 0, 0),
        el('b', 400, 0),
        el('p', 10, 10, { kind: 'actor', actorType: 'person' }),
        el('g', 0, 0, { kind: 'group', label: 'Frame' }),
        el('x', 1000, 1000, { parent: 'g' }),
        el('y', 1400, 1200, { parent: 'g' }),
      ],
      [conn('ab', 'a', 'b')],
    ),
  );
  return s;
}

describe('hitTestScene', () => {
  it('hits the element under the point, actors over factors', () => {
    const s = scene();
    expect(hitTestScene(s, 400, 10, 1)).toEqual({ type: 'element', id: 'b' });
    expect(hitTestScene(s, 10, 10, 1)).toEqual({ type: 'element', id: 'p' });
    expect(hitTestScene(s, -60, -20, 1)).toEqual({ type: 'element', id: 'a' });
  });

  it('hits a connection within a few screen pixels of its line, scaled by zoom', () => {
    const s = scene();
    expect(hitTestScene(s, 200, CONNECTION_HIT_PX - 1, 1)).toEqual({
      type: 'connection',
      id: 'ab',
    });
    expect(hitTestScene(s, 200, CONNECTION_HIT_PX + 2, 1)).toBeNull();
    // Zoomed out 4x, 6 screen px are 24 map units.
    expect(hitTestScene(s, 200, 20, 0.25)).toEqual({ type: 'connection', id: 'ab' });
  });

  it('lets empty space inside a frame through, but takes clicks on its title bar', () => {
    const s = scene();
    const g = s.elements.get('g')!;
    expect(hitTestScene(s, 1200, 1100, 1)).toBeNull();
    expect(hitTestScene(s, g.x + 40, g.y + 10, 1)).toEqual({ type: 'element', id: 'g' });
  });

  it('misses empty space', () => {
    expect(hitTestScene(scene(), 5000, 5000, 1)).toBeNull();
  });
});

describe('elementsInRectScene', () => {
  it('takes elements the box touches, and frames only when wholly inside', () => {
    const s = scene();
    expect(elementsInRectScene(s, { x: 950, y: 950, width: 500, height: 300 }).sort()).toEqual([
      'x',
      'y',
    ]);
    expect(elementsInRectScene(s, { x: 850, y: 850, width: 700, height: 500 }).sort()).toEqual([
      'g',
      'x',
      'y',
    ]);
    expect(
      elementsInRectScene(s, { x: -2000, y: -2000, width: 6000, height: 6000 }).sort(),
    ).toEqual(['a', 'b', 'g', 'p', 'x', 'y']);
    expect(elementsInRectScene(s, { x: 350, y: -5, width: 10, height: 10 })).toEqual(['b']);
  });
});
