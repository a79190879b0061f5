import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, newPerson, REPO } from '../support/fixtures';
import { expectConnected, expectCounts, openView } from '../support/app';
import { expectLegible, labelLayout } from '../support/legibility';
import { findLoops } from '../../shared/analysis/index';
import { applyNative, parseNative } from '../../shared/interop/native';
import { schoolReadinessExample } from '../../shared/examples/school-readiness';
import { readSnapshot } from '../../shared/schema/snapshot';
import { testContext } from '../../shared/domain/test-context';

/**
 * Views drive the map (issue #14): selecting a loop frames it (its members all in view), fades
 * the rest and draws its marker (circular arrow, R1/B2) inside it; the "Loops" toggle marks
 * every loop; the Network view colours actors by cluster with a legend on the map and badges
 * on brokers; "Introduce" brings its new dashed line on-screen. Asserted from the renderer's
 * own state through the test hook (`__weavemap.editor.renderer`), not from pixels; the
 * screenshots go under docs/screenshots.
 */

const DOCS = join(REPO, 'docs', 'screenshots');

function example() {
  const parsed = parseNative(schoolReadinessExample);
  if (!parsed.ok) throw new Error('The example map does not parse.');
  const ctx = testContext();
  applyNative(ctx, parsed.file);
  const snap = readSnapshot(ctx.doc);
  return { snap, loops: findLoops(snap).loops };
}

interface MapState {
  view: { x: number; y: number; width: number; height: number };
  bounds: Record<string, { x: number; y: number; width: number; height: number }>;
  highlight: string[] | null;
  markers: { id: string; x: number; y: number }[];
  encodedFills: string[];
  brokers: string[];
  legend: { title: string; entries: number; brokers: boolean } | null;
  size: { width: number; height: number };
}

/** What the renderer shows now (a frame drawn first, so it is current). */
function mapState(page: Page, ids: readonly string[]): Promise<MapState> {
  return page.evaluate((ids) => {
    type G = { bounds: { x: number; y: number; width: number; height: number } };
    const r = (window as unknown as { __weavemap: { editor: { renderer: unknown } } }).__weavemap
      .editor.renderer as {
      renderNow(): void;
      getViewport(): { rect: MapState['view'] };
      getHighlight(): ReadonlySet<string> | null;
      loopMarkers(): { spec: { id: string }; x: number; y: number }[];
      getLegend(): { title: string; entries: unknown[]; brokers?: boolean } | null;
      scene: {
        elements: Map<string, G>;
        connections: Map<string, G>;
        encodings: { fill?: Map<string, string>; brokers?: Set<string> };
      };
    };
    r.renderNow();
    const bounds: MapState['bounds'] = {};
    for (const id of ids) {
      const g = r.scene.elements.get(id) ?? r.scene.connections.get(id);
      if (g) bounds[id] = g.bounds;
    }
    const hl = r.getHighlight();
    const legend = r.getLegend();
    const canvas = document.querySelector('.map canvas')!.getBoundingClientRect();
    return {
      view: r.getViewport().rect,
      bounds,
      highlight: hl ? [...hl].sort() : null,
      markers: r.loopMarkers().map((a) => ({ id: a.spec.id, x: a.x, y: a.y })),
      encodedFills: [...(r.scene.encodings.fill?.keys() ?? [])],
      brokers: [...(r.scene.encodings.brokers ?? [])],
      legend: legend
        ? { title: legend.title, entries: legend.entries.length, brokers: !!legend.brokers }
        : null,
      size: { width: canvas.width, height: canvas.height },
    };
  }, ids);
}

const inside = (
  v: MapState['view'],
  b: { x: number; y: number; width: number; height: number },
): boolean =>
  b.x >= v.x && b.y >= v.y && b.x + b.width <= v.x + v.width && b.y + b.height <= v.y + v.height;

async function openExample(page: Page, hostUrl: string): Promise<void> {
  await page.goto(hostUrl);
  await page.getByRole('button', { name: 'Open the example map' }).click();
  await expectConnected(page);
}

test('selecting a loop frames it with its marker inside; the Loops toggle marks every loop', async ({
  browser,
  host,
}) => {
  const { snap, loops } = example();
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const { page } = ana;
  await page.setViewportSize({ width: 1440, height: 900 });
  await openExample(page, host.url);
  await expectCounts(page, snap.elements.size, snap.connections.size);
  await openView(page, 'Loops');
  // The longest reinforcing loop: the one most likely to be half off-screen.
  const target = [...loops]
    .filter((l) => l.polarity === 'R')
    .sort((a, b) => b.length - a.length)[0]!;
  const card = page
    .getByRole('list', { name: 'Loops', exact: true })
    .locator(`li[data-signature="${target.signature}"]`);
  // Start somewhere else: zoomed in on a far corner.
  await page.evaluate(() =>
    (
      window as unknown as {
        __weavemap: { editor: { renderer: { setTransform(t: object): void } } };
      }
    ).__weavemap.editor.renderer.setTransform({ k: 2, x: 3000, y: 3000 }),
  );
  await card.getByRole('button', { name: target.label, exact: false }).first().click();
  const ids = [...target.elements, ...target.connections];
  // Framed (the animation ends), every member in view, the rest faded, the marker inside.
  await expect
    .poll(async () => {
      const s = await mapState(page, ids);
      return target.elements.every((id) => s.bounds[id] && inside(s.view, s.bounds[id]!));
    })
    .toBe(true);
  const state = await mapState(page, ids);
  expect(state.highlight).toEqual([...ids].sort());
  const marker = state.markers.find((m) => m.id === target.signature);
  expect(marker, 'a marker for the framed loop').toBeDefined();
  const layout = await labelLayout(page);
  const drawn = layout.find((l) => l.id === target.signature);
  expect(drawn, 'the marker drawn this frame').toBeDefined();
  expect(drawn!.kind as string).toBe('loop');
  expect(drawn!.lines[0]).toBe(target.label);
  // Every member's label drawn, legible, nothing over anything.
  expectLegible(layout, target.elements, state.size);
  await page.mouse.move(5, 5);
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({ path: join(DOCS, 'loop-framed-1440x900-light.png') });

  // The toggle: a marker in every loop (markers the map has room for are drawn).
  await page.locator('.map').focus();
  await page.keyboard.press('Alt+Shift+O');
  await expect.poll(async () => (await mapState(page, [])).markers.length).toBe(loops.length);
  await page.keyboard.press('Alt+Shift+O');
  await expect
    .poll(async () => (await mapState(page, [])).markers.length)
    .toBeLessThan(loops.length);
  await ana.context.close();
});

test('the Network view colours actors by cluster with a legend and broker badges; Introduce brings its line on-screen', async ({
  browser,
  host,
}) => {
  const { snap } = example();
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const { page } = ana;
  await page.setViewportSize({ width: 1440, height: 900 });
  await openExample(page, host.url);
  await expectCounts(page, snap.elements.size, snap.connections.size);
  const actors = [...snap.elements.values()].filter((e) => e.kind === 'actor').map((e) => e.id);
  expect((await mapState(page, [])).encodedFills).toEqual([]);

  await openView(page, 'Network');
  await expect.poll(async () => (await mapState(page, [])).legend?.title).toBe('Clusters');
  const state = await mapState(page, []);
  expect(state.legend!.entries).toBeGreaterThan(1);
  expect(state.encodedFills.length).toBeGreaterThan(0);
  expect(state.encodedFills.every((id) => actors.includes(id))).toBe(true);
  if (state.brokers.length) expect(state.legend!.brokers).toBe(true);
  await page.locator('.map').focus();
  await page.keyboard.press('Alt+Shift+I'); // the inspector's room to the map
  await page.evaluate(() =>
    (
      window as unknown as {
        __weavemap: { editor: { renderer: { resize(): void; fitToContent(p: number): void } } };
      }
    ).__weavemap.editor.renderer.fitToContent(48),
  );
  await page.mouse.move(5, 5);
  mkdirSync(DOCS, { recursive: true });
  await page.screenshot({ path: join(DOCS, 'network-clusters-1440x900-light.png') });

  // Weaving: zoomed in far away, Introduce frames the new dashed line with its two ends.
  await openView(page, 'Weaving');
  await page.evaluate(() =>
    (
      window as unknown as {
        __weavemap: { editor: { renderer: { setTransform(t: object): void } } };
      }
    ).__weavemap.editor.renderer.setTransform({ k: 2, x: -4000, y: -4000 }),
  );
  const first = page
    .getByRole('list', { name: 'Suggested introductions' })
    .getByRole('listitem')
    .first();
  await first.getByRole('button', { name: /^Introduce / }).click();
  await expectCounts(page, snap.elements.size, snap.connections.size + 1);
  const proposed = await page.evaluate(() => {
    const s = (
      window as unknown as {
        __weavemap: {
          session: { snapshot: { connections: Map<string, { id: string; proposed?: unknown }> } };
        };
      }
    ).__weavemap.session.snapshot;
    return [...s.connections.values()].find((c) => c.proposed)!.id;
  });
  await expect
    .poll(async () => {
      const s = await mapState(page, [proposed]);
      return !!s.bounds[proposed] && inside(s.view, s.bounds[proposed]!);
    })
    .toBe(true);
  await ana.context.close();
});
