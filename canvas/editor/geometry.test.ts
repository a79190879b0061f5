import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  curveControlPoint,
  distanceToQuadratic,
  distanceToSegment,
  parallelOffsets,
  quadraticBounds,
  quadraticPoint,
  rectContainsPoint,
  rectFromCorners,
} from './geometry';

describe('distanceToSegment', () => {
  it('measures to the nearest point of the segment, including its ends', () => {
    expect(distanceToSegment(5, 3, 0, 0, 10, 0)).toBeCloseTo(3);
    expect(distanceToSegment(-4, 3, 0, 0, 10, 0)).toBeCloseTo(5);
    expect(distanceToSegment(13, 4, 0, 0, 10, 0)).toBeCloseTo(5);
    expect(distanceToSegment(2, 2, 1, 1, 1, 1)).toBeCloseTo(Math.SQRT2);
  });
});

describe('quadratic curves', () => {
  const coord = fc.double({ min: -1000, max: 1000, noNaN: true });
  it('distance to the curve matches dense sampling to within a small fraction of its size', () => {
    fc.assert(
      fc.property(
        coord,
        coord,
        coord,
        coord,
        coord,
        coord,
        coord,
        coord,
        (x0, y0, cx, cy, x1, y1, px, py) => {
          const d = distanceToQuadratic(px, py, x0, y0, cx, cy, x1, y1);
          let sampled = Infinity;
          for (let i = 0; i <= 2000; i++) {
            const p = quadraticPoint(x0, y0, cx, cy, x1, y1, i / 2000);
            sampled = Math.min(sampled, Math.hypot(p.x - px, p.y - py));
          }
          const size = Math.hypot(cx - x0, cy - y0) + Math.hypot(x1 - cx, y1 - cy);
          expect(Math.abs(d - sampled)).toBeLessThanOrEqual(0.02 * size + 1e-6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a point on the curve is at distance ~0, one beside the bulge is not', () => {
    const mid = quadraticPoint(0, 0, 50, 80, 100, 0, 0.5);
    expect(mid.y).toBeCloseTo(40);
    expect(distanceToQuadratic(mid.x, mid.y, 0, 0, 50, 80, 100, 0)).toBeLessThan(0.5);
    expect(distanceToQuadratic(50, 0, 0, 0, 50, 80, 100, 0)).toBeGreaterThan(35);
  });

  it('bounds contain every point of the curve and stop at its extremes, not the control point', () => {
    const b = quadraticBounds(0, 0, 50, 80, 100, 0);
    expect(b.height).toBeCloseTo(40);
    for (let i = 0; i <= 50; i++) {
      const p = quadraticPoint(0, 0, 50, 80, 100, 0, i / 50);
      expect(
        rectContainsPoint(
          { x: b.x - 1e-9, y: b.y - 1e-9, width: b.width + 2e-9, height: b.height + 2e-9 },
          p.x,
          p.y,
        ),
      ).toBe(true);
    }
  });
});

describe('parallel connection offsets', () => {
  it('keeps one connection straight and spreads several symmetrically, spacing apart', () => {
    expect(parallelOffsets(1, 36)).toEqual([0]);
    expect(parallelOffsets(2, 36)).toEqual([-18, 18]);
    expect(parallelOffsets(3, 36)).toEqual([-36, 0, 36]);
    for (let n = 1; n < 8; n++) {
      const o = parallelOffsets(n, 10);
      expect(o.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
      for (let i = 1; i < n; i++) expect(o[i]! - o[i - 1]!).toBeCloseTo(10);
    }
  });

  it('puts the middle of the curve `offset` away from the straight line', () => {
    const q = curveControlPoint(0, 0, 100, 0, 0, 1, 18);
    const mid = quadraticPoint(0, 0, q.x, q.y, 100, 0, 0.5);
    expect(mid.x).toBeCloseTo(50);
    expect(mid.y).toBeCloseTo(18);
  });
});

it('rectFromCorners normalises a rubber band dragged in any direction', () => {
  expect(rectFromCorners({ x: 10, y: 5 }, { x: -2, y: 9 })).toEqual({
    x: -2,
    y: 5,
    width: 12,
    height: 4,
  });
});
