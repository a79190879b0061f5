import { describe, expect, it } from 'vitest';
import { elementsInRectScene, hitTestScene } from './hit-test';
import { Scene } from './scene';
import { conn, el, snap } from './test-fixtures';

function scene(): Scene {
  const s = new Scene();
  s.update(
    snap(
      [el('a', 0, 0), el('b', 400, 0), el('p', 0, 300, { kind: 'actor', actorType: 'person' })],
      [conn('ab', 'a', 'b'), conn('ap', 'a', 'p', { kind: 'relationship' })],
    ),
  );
  return s;
}

describe('element encodings', () => {
  it('sizes an element by its factor, and its connections follow the new outline', () => {
    const s = scene();
    const before = s.elements.get('a')!;
    expect([before.w, before.h]).toEqual([140, 48]);
    const lineStart = s.connections.get('ab')!.x0;
    s.setEncodings({ scale: new Map([['a', 2]]) });
    const after = s.elements.get('a')!;
    expect([after.w, after.h, after.cx, after.cy]).toEqual([280, 96, 0, 0]);
    expect(s.connections.get('ab')!.x0).toBeCloseTo(lineStart + 70);
    // The bigger shape takes clicks where the smaller one did not.
    expect(hitTestScene(s, 120, 0, 1)).toEqual({ type: 'element', id: 'a' });
    s.setEncodings(null);
    expect(s.elements.get('a')!.w).toBe(140);
    expect(hitTestScene(s, 120, 0, 1)?.id).not.toBe('a');
  });

  it('clamps silly size factors', () => {
    const s = scene();
    s.setEncodings({
      scale: new Map([
        ['a', 100],
        ['b', 0],
      ]),
    });
    expect(s.elements.get('a')!.w).toBe(140 * 4);
    expect(s.elements.get('b')!.w).toBe(140 * 0.25);
  });

  it('a lens hides elements and every connection touching them from hit-tests', () => {
    const s = scene();
    s.setEncodings({ hidden: new Set(['p']) });
    expect(s.isHidden('p')).toBe(true);
    expect(s.isHidden('ap')).toBe(true);
    expect(s.isHidden('ab')).toBe(false);
    expect(hitTestScene(s, 0, 300, 1)).toBeNull();
    expect(hitTestScene(s, 0, 150, 1)).toBeNull();
    expect(elementsInRectScene(s, { x: -100, y: -100, width: 700, height: 600 }).sort()).toEqual([
      'a',
      'b',
    ]);
    s.setEncodings({});
    expect(hitTestScene(s, 0, 300, 1)).toEqual({ type: 'element', id: 'p' });
  });

  it('frames what a lens shows: fitting the map leaves hidden elements out', () => {
    const s = scene();
    const all = s.contentBounds()!;
    s.setEncodings({ hidden: new Set(['p']) });
    const shown = s.contentBounds()!;
    expect(shown.height).toBeLessThan(all.height); // p sits 300 below the others
    expect(shown.y + shown.height).toBeLessThan(s.elements.get('p')!.y);
    s.setEncodings({ hidden: new Set(['a', 'b', 'p']) });
    expect(s.contentBounds()).toEqual(all); // all hidden: the whole map still frames
  });

  it('keeps encodings across snapshot updates', () => {
    const s = scene();
    s.setEncodings({ scale: new Map([['a', 1.5]]) });
    s.update(snap([el('a', 100, 0), el('b', 400, 0)], [conn('ab', 'a', 'b')]));
    expect(s.elements.get('a')!.w).toBe(210);
    expect(s.elements.get('a')!.cx).toBe(100);
  });
});
