import { describe, expect, it } from 'vitest';
import { LabelCache, labelsLegible, legibleFromZoom, pickLabels } from './labels';

describe('label legibility', () => {
  it('shows 13-unit labels from about zoom 0.54 (7 px on screen)', () => {
    expect(labelsLegible(1)).toBe(true);
    expect(labelsLegible(0.6)).toBe(true);
    expect(labelsLegible(0.5)).toBe(false);
    expect(legibleFromZoom()).toBeCloseTo(7 / 13);
    expect(labelsLegible(0.3, 30)).toBe(true);
  });

  it('keeps to the budget, important labels first', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}` }));
    expect(pickLabels(items, 20, () => false)).toHaveLength(10);
    const chosen = pickLabels(items, 3, (id) => id === 'e7' || id === 'e9');
    expect(chosen.map((c) => c.id)).toEqual(['e7', 'e9', 'e0']);
  });
});

describe('LabelCache', () => {
  const make = () => {
    const calls: string[] = [];
    const cache = new LabelCache((_font, text) => {
      calls.push(text);
      return text.length * 10;
    });
    return { cache, calls };
  };

  it('measures each text once', () => {
    const { cache, calls } = make();
    expect(cache.width('f', 'hello')).toBe(50);
    expect(cache.width('f', 'hello')).toBe(50);
    expect(calls).toEqual(['hello']);
  });

  it('cuts a long label with an ellipsis to fit, and leaves a short one alone', () => {
    const { cache, calls } = make();
    expect(cache.fit('f', 'short', 100)).toBe('short');
    const cut = cache.fit('f', 'a rather long label', 100);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length * 10).toBeLessThanOrEqual(100);
    const n = calls.length;
    cache.fit('f', 'a rather long label', 100);
    expect(calls.length).toBe(n);
  });

  it('wraps into lines and ends with an ellipsis when text is left over', () => {
    const { cache } = make();
    expect(cache.wrap('f', 'one two three', 80, 3)).toEqual(['one two', 'three']);
    const lines = cache.wrap('f', 'one two three four five six', 80, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
  });

  it('measures a spaced text word by word, each word once', () => {
    const { cache, calls } = make();
    expect(cache.wordsWidth('f', 'local food prices')).toBe(cache.width('f', 'local food prices'));
    calls.length = 0;
    expect(cache.wordsWidth('f', 'food  local')).toBe(110); // 4 + 5 letters, 2 spaces
    expect(calls).toEqual([]); // every word and the space were measured already
    expect(cache.wordsWidth('f', 'soil')).toBe(40);
  });
});
