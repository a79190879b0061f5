import { join } from 'node:path';
import { test, expect, REPO } from '../support/fixtures';
import { expectConnected } from '../support/app';
import { openAsKnownUser } from '../support/known-user';
import { seedRoom, writeNative } from '../support/seed';
import { expectLegible, labelLayout } from '../support/legibility';
import { schoolReadinessExample as example } from '../../shared/examples/school-readiness';

/**
 * The text-first factor style (#14): the toolbar's "Words" turns the map's factors into words
 * without boxes (as in Vensim), for everyone on the map; every label still reads.
 */

const SHOTS = join(REPO, 'docs', 'screenshots');

interface Hooks {
  __weavemap: {
    editor: {
      renderer: {
        fitToContent(p: number, ms: number): void;
        scene: { elements: Map<string, { rec: { kind: string }; spec: { shape: string } }> };
      };
    };
  };
}

for (const theme of ['light', 'dark'] as const) {
  test(`factors as words, without boxes (${theme})`, async ({ browser, host }) => {
    test.setTimeout(120_000);
    const room = await seedRoom(host.url, 'Words', (ctx) => writeNative(ctx, example));
    const labelled = example.elements.filter((e) => e.label).map((e) => String(e.id));
    const { context, page } = await openAsKnownUser(
      browser,
      { width: 1440, height: 900 },
      theme,
      'Ana',
      room.editLink,
    );
    await expectConnected(page);
    await expect(page.getByTestId('status-counts')).toContainText(
      `${example.elements.length} elements`,
    );
    const shapes = () =>
      page.evaluate(() => {
        const els = (window as unknown as Hooks).__weavemap.editor.renderer.scene.elements;
        return [...els.values()].filter((g) => g.rec.kind === 'factor').map((g) => g.spec.shape);
      });
    expect(new Set(await shapes())).toEqual(new Set(['roundRect']));
    await page.getByRole('button', { name: 'Words', exact: true }).click();
    await expect.poll(async () => new Set(await shapes())).toEqual(new Set(['text']));
    await page.evaluate(() =>
      (window as unknown as Hooks).__weavemap.editor.renderer.fitToContent(48, 0),
    );
    const layout = await labelLayout(page);
    await page.screenshot({ path: join(SHOTS, `text-factors-1440x900-${theme}.png`) });
    expectLegible(layout, labelled);
    // Undo brings the boxes back: it is an ordinary edit of the map.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(async () => new Set(await shapes())).toEqual(new Set(['roundRect']));
    await context.close();
  });
}
