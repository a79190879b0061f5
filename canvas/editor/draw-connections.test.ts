import { describe, expect, it } from 'vitest';
import { polarityMark, SIGN_MIN_ZOOM, MIN_SIGN_PX } from './draw-connections';
import { Scene } from './scene';
import { conn, el, snap } from './test-fixtures';

const scene = (): Scene => {
  const s = new Scene();
  s.update(
    snap(
      [el('a', 0, 0), el('b', 400, 0)],
      [
        conn('plus', 'a', 'b', { polarity: '+' }),
        conn('minus', 'b', 'a', { polarity: '-' }),
        conn('unsigned', 'a', 'b', { polarity: undefined }),
        conn('rel', 'a', 'b', { kind: 'relationship', polarity: undefined }),
      ],
    ),
  );
  return s;
};

describe('polarity is drawn as a sign', () => {
  it('plans a + or − (text) beside the arrowhead, with colour as a second cue', () => {
    const s = scene();
    const plus = polarityMark(s.connections.get('plus')!, 1)!;
    const minus = polarityMark(s.connections.get('minus')!, 1)!;
    expect(plus).toMatchObject({ text: '+', color: 'positive' });
    expect(minus).toMatchObject({ text: '−', color: 'negative' });
    // Near the head: closer to the target's end of the line than to its start.
    const c = s.connections.get('plus')!;
    const toHead = Math.hypot(plus.x - c.x1, plus.y - c.y1);
    const toTail = Math.hypot(plus.x - c.x0, plus.y - c.y0);
    expect(toHead).toBeLessThan(toTail / 3);
    // Beside the line, not on it, and the two bowed connections keep their signs apart.
    expect(Math.abs(plus.y)).toBeGreaterThan(5);
    expect(Math.hypot(plus.x - minus.x, plus.y - minus.y)).toBeGreaterThan(20);
  });

  it('draws no sign on unsigned causal links or relationships', () => {
    const s = scene();
    expect(polarityMark(s.connections.get('unsigned')!, 1)).toBeNull();
    expect(polarityMark(s.connections.get('rel')!, 1)).toBeNull();
  });

  it('keeps the sign legible when zoomed out, down to the zoom where it is left out', () => {
    const c = scene().connections.get('plus')!;
    const k = 0.4;
    expect(polarityMark(c, k)!.size * k).toBeGreaterThanOrEqual(MIN_SIGN_PX);
    expect(polarityMark(c, SIGN_MIN_ZOOM / 2)).toBeNull();
  });
});
