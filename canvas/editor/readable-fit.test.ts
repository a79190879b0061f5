import { describe, expect, it } from 'vitest';
import { applyNative, parseNative, type NativeFile } from '../../shared/interop/native';
import { testContext } from '../../shared/domain/test-context';
import { readSnapshot } from '../../shared/schema/snapshot';
import { schoolReadinessExample } from '../../shared/examples/school-readiness';
import { workshopMap30 } from '../../shared/examples/workshop-30';
import { fitTransform } from './fit';
import { layoutLabels } from './label-layout';
import { LabelCache } from './labels';
import { readableFit } from './readable-fit';
import { Scene } from './scene';

/** Text about as wide as system-ui draws it. */
const cache = (): LabelCache =>
  new LabelCache((font, text) => text.length * (font.includes('16px') ? 8.4 : 6.8));

function sceneOf(file: NativeFile): Scene {
  const parsed = parseNative(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const ctx = testContext('ana');
  applyNative(ctx, parsed.file);
  const s = new Scene((t) => cache().width('13px system-ui', t));
  s.update(readSnapshot(ctx.doc));
  return s;
}

/** Labelled elements the layout draws at transform t. */
function placedAt(s: Scene, t: { k: number; x: number; y: number }, w: number, h: number) {
  return layoutLabels({
    scene: s,
    view: { k: t.k, tx: t.x, ty: t.y, width: w, height: h },
    elements: [...s.elements.values()],
    connections: [],
    selection: new Set(),
    hover: null,
    highlight: null,
    labels: cache(),
    budget: 700,
  }).filter((l) => l.kind !== 'connection').length;
}

const SIZES = [
  [1440, 900],
  [1280, 720],
  [1024, 640],
  [800, 500],
] as const;

describe('a fit at which the map reads', () => {
  for (const [name, file] of [
    ['the example map', schoolReadinessExample],
    ['a 30-element workshop map', workshopMap30()],
  ] as const) {
    it(`draws every label of ${name} at 1440x900, 1280x720 and 1024x640, never fewer than the plain fit`, () => {
      const s = sceneOf(file);
      const labelled = [...s.elements.values()].filter((g) => g.rec.label).length;
      for (const [w, h] of SIZES) {
        const input = { scene: s, labels: cache(), width: w, height: h, padding: 48 };
        const fit = readableFit({ ...input, minZoom: 0.02, maxZoom: 8, budget: 700 })!;
        const plain = fitTransform(s.contentBounds()!, w, h, 48, 0.02, 8);
        expect(fit.labelled).toBe(labelled);
        // What it reports is what the layout draws at that transform.
        expect(placedAt(s, fit, w, h)).toBe(fit.placed);
        expect(fit.placed).toBeGreaterThanOrEqual(placedAt(s, plain, w, h));
        if (w >= 1024) expect(fit.placed, `${name} at ${w}x${h}`).toBe(labelled);
        // The whole map stays on screen.
        const b = s.contentBounds()!;
        expect(b.x * fit.k + fit.x).toBeGreaterThanOrEqual(0);
        expect((b.x + b.width) * fit.k + fit.x).toBeLessThanOrEqual(w);
        expect(b.y * fit.k + fit.y).toBeGreaterThanOrEqual(0);
        expect((b.y + b.height) * fit.k + fit.y).toBeLessThanOrEqual(h);
      }
    });
  }

  it('zooms a little closer than the plain fit when that is what draws every label', () => {
    const s = sceneOf(workshopMap30());
    const [w, h] = [800, 448];
    const plain = fitTransform(s.contentBounds()!, w, h, 48, 0.02, 8);
    expect(placedAt(s, plain, w, h)).toBe(29);
    const input = { scene: s, labels: cache(), width: w, height: h, padding: 48 };
    const fit = readableFit({ ...input, minZoom: 0.02, maxZoom: 8, budget: 700 })!;
    expect(fit.k).toBeGreaterThan(plain.k);
    expect(fit.placed).toBe(30);
  });

  it('gives the plain frame when labels are off, and nothing for an empty map', () => {
    const s = sceneOf(workshopMap30());
    const input = { scene: s, labels: cache(), width: 1024, height: 640, padding: 48 };
    const off = readableFit({ ...input, minZoom: 0.02, maxZoom: 8, budget: 0 })!;
    expect(off.k).toBeCloseTo(fitTransform(s.contentBounds()!, 1024, 640, 48, 0.02, 8).k);
    expect(
      readableFit({ ...input, scene: new Scene(), minZoom: 0.02, maxZoom: 8, budget: 700 }),
    ).toBeNull();
  });
});
