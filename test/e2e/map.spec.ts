import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, REPO } from '../support/fixtures';
import { expectConnected } from '../support/app';
import { seedRoom, writeNative } from '../support/seed';
import { expectLegible, labelLayout } from '../support/legibility';
import { schoolReadinessExample as example } from '../../shared/examples/school-readiness';
import { openAsKnownUser } from '../support/known-user';

/**
 * The map as people see it: it survives any stored document, and reads at every zoom
 * (labels from the renderer's own label layout, screenshots under docs/).
 */

// ---- the map reads at every zoom ----

const SHOTS = join(REPO, 'docs', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

const SIZES = [
  [1440, 900],
  [1280, 720],
  [1024, 640],
] as const;

for (const theme of ['light', 'dark'] as const) {
  for (const [width, height] of SIZES) {
    test(`the example map, fitted at ${width}x${height} (${theme}), shows every label legibly`, async ({
      browser,
      host,
    }) => {
      test.setTimeout(120_000);
      const room = await seedRoom(host.url, 'Example', (ctx) => writeNative(ctx, example));
      const labelled = example.elements.filter((e) => e.label).map((e) => String(e.id));
      const { context, page } = await openAsKnownUser(
        browser,
        { width, height },
        theme,
        'Fay',
        room.editLink,
      );
      await expectConnected(page);
      await expect(page.getByTestId('status-counts')).toContainText(
        `${example.elements.length} elements`,
      );
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      if (width < 1440) {
        // A workshop screen: the map gets the room (Panel and Inspector hidden, Outline kept).
        await page.keyboard.press('Control+J');
        await page.keyboard.press('Alt+Shift+I');
        await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeHidden();
      }
      // What "Zoom to Fit" does, without its 250 ms animation.
      await page.evaluate(() =>
        (
          window as unknown as {
            __weavemap: { editor: { renderer: { fitToContent(p: number, ms: number): void } } };
          }
        ).__weavemap.editor.renderer.fitToContent(48, 0),
      );
      const layout = await labelLayout(page);
      await page.screenshot({ path: join(SHOTS, `example-${width}x${height}-${theme}.png`) });
      expectLegible(layout, labelled);
      await context.close();
    });
  }
}
