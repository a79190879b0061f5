import { describe, expect, it } from 'vitest';
import { runLayout, seedFresh, type LayoutInput } from './force-layout';

const dist = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('tidy layout', () => {
  const input: LayoutInput = {
    nodes: [
      { id: 'a', x: 0, y: 0, pinned: true },
      { id: 'b', x: 10, y: 0 },
      { id: 'c', x: 20, y: 5 },
      { id: 'd', x: 2000, y: 2000 },
      { id: 'lonely', x: -30, y: 10 },
    ],
    links: [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
      { source: 'd', target: 'c' },
    ],
    ticks: 200,
  };

  it('keeps pinned elements in place and moves the rest apart', () => {
    const out = runLayout(input);
    expect(out.a).toBeUndefined(); // pinned: not in the result, nothing to write
    const pos = (id: string) => (id === 'a' ? ([0, 0] as [number, number]) : out[id]!);
    // Overlapping elements end apart (no two closer than their collision radii).
    for (const x of ['b', 'c', 'lonely'])
      for (const y of ['a', 'b', 'c', 'lonely'])
        if (x !== y) expect(dist(pos(x), pos(y))).toBeGreaterThan(100);
    // The far element was pulled toward what it is connected to.
    expect(dist(pos('d'), pos('c'))).toBeLessThan(dist([2000, 2000], [20, 5]));
  });

  it('starts new elements near their neighbours, and they settle there', () => {
    const fresh: LayoutInput = {
      nodes: [
        { id: 'p', x: 1000, y: 1000 },
        { id: 'q', x: 1300, y: 1000 },
        { id: 'far', x: -3000, y: -3000 },
        { id: 'new', x: 0, y: 0, fresh: true },
      ],
      links: [
        { source: 'new', target: 'p' },
        { source: 'new', target: 'q' },
      ],
      ticks: 150,
    };
    const seed = seedFresh(fresh).get('new')!;
    expect(dist(seed, [1150, 1000])).toBeLessThan(80);
    const out = runLayout(fresh);
    expect(dist(out.new!, out.p!)).toBeLessThan(500);
    expect(dist(out.new!, out.far!)).toBeGreaterThan(1500);
  });

  it('reports frames for the animation', () => {
    let frames = 0;
    runLayout(input, () => frames++, 10);
    expect(frames).toBe(19);
  });
});
