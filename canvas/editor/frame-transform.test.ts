import { describe, expect, it } from 'vitest';
import { fitTransform, frameTransform } from './fit';

describe('frameTransform', () => {
  const box = { x: 100, y: 50, width: 120, height: 40 };

  it('keeps a closer zoom when the framed part shows whole at it, and centres it', () => {
    const t = frameTransform(box, { k: 1.56 }, 1000, 600, 72, 0.02, 8);
    expect(t.k).toBe(1.56);
    // The box's centre lands in the middle of the view.
    expect(160 * t.k + t.x).toBeCloseTo(500);
    expect(70 * t.k + t.y).toBeCloseTo(300);
  });

  it('fits when the view is further out than the fit, or the part would not show whole', () => {
    const fit = fitTransform(box, 1000, 600, 72, 0.02, 8);
    expect(frameTransform(box, { k: 0.2 }, 1000, 600, 72, 0.02, 8)).toEqual(fit);
    expect(frameTransform(box, { k: 8 }, 1000, 600, 72, 0.02, 8)).toEqual(fit);
  });
});
