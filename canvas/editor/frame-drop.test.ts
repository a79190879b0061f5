import { describe, expect, it } from 'vitest';
import { frameDrop } from './frame-drop';
import { Scene } from './scene';
import { el, snap } from './test-fixtures';

/** A frame at (0, 0) (360 × 240 when empty) and a factor far away, optionally in the frame. */
function scene(member: boolean, more: ReturnType<typeof el>[] = []): Scene {
  const s = new Scene();
  s.update(
    snap(
      [
        el('f', 0, 0, { kind: 'group', label: 'Frame' }),
        el('a', member ? 20 : 1000, member ? 10 : 0, member ? { parent: 'f' } : {}),
        ...more,
      ],
      [],
    ),
  );
  return s;
}

describe('frameDrop', () => {
  it('puts an element dropped inside a frame in it', () => {
    const d = frameDrop(scene(false), [{ id: 'a', position: [30, 20] }]);
    expect([...d.parents]).toEqual([['a', 'f']]);
    expect(d.emptied.size).toBe(0);
  });

  it('changes nothing for a drop outside every frame of an element in none', () => {
    const d = frameDrop(scene(false), [{ id: 'a', position: [900, 400] }]);
    expect(d.parents.size).toBe(0);
  });

  it('takes an element dragged out of its frame out of it, and keeps the emptied frame where it was drawn', () => {
    const s = scene(true);
    const drawn = s.elements.get('f')!;
    const centre = [Math.round(drawn.cx), Math.round(drawn.cy)];
    const d = frameDrop(s, [{ id: 'a', position: [1000, 600] }]);
    expect([...d.parents]).toEqual([['a', null]]);
    expect(d.emptied.get('f')).toEqual(centre);
  });

  it('keeps an element moved a little within its frame in it', () => {
    const d = frameDrop(scene(true), [{ id: 'a', position: [30, 15] }]);
    expect(d.parents.size).toBe(0);
  });

  it('leaves members carried by their moving frame alone, and never frames a frame', () => {
    const d = frameDrop(scene(true), [
      { id: 'f', position: [500, 500] },
      { id: 'a', position: [520, 510] },
    ]);
    expect(d.parents.size).toBe(0);
  });

  it('a frame with other members keeps them when one leaves', () => {
    const s = scene(true, [el('b', 200, 10, { parent: 'f' })]);
    const d = frameDrop(s, [{ id: 'a', position: [2000, 0] }]);
    expect([...d.parents]).toEqual([['a', null]]);
    expect(d.emptied.size).toBe(0);
  });

  it('chooses the smallest of nested frames', () => {
    const s = scene(false, [el('g', 0, 0, { kind: 'group', extra: { width: 120, height: 100 } })]);
    const d = frameDrop(s, [{ id: 'a', position: [10, 10] }]);
    expect(d.parents.get('a')).toBe('g');
  });
});
