import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, newPerson, REPO } from '../support/fixtures';
import { createMap, expectCounts, focusMap, mapArea, outline } from '../support/app';
import { schoolReadinessExample as example } from '../../shared/examples/school-readiness';

/**
 * Accessibility: an axe-core scan of the home screen and the workbench (empty map, example map,
 * palette open) in light and dark finds no serious or critical violation. The screenshots the
 * README and reviewers look at are taken here.
 */

const SHOTS = join(REPO, 'test-results', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

async function scan(page: Page, what: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n  ')}`,
  );
  expect(report, `${what}: serious or critical axe violations`).toEqual([]);
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  const now = await page.evaluate(() => document.documentElement.dataset.theme);
  if (now !== theme) await page.keyboard.press('Alt+Shift+T');
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the home screen and the workbench pass axe in the ${theme} theme`, async ({
    browser,
    host,
  }) => {
    // Four full axe scans: generous, as a hang guard only, for a busy machine.
    test.setTimeout(180_000);
    const ana = await newPerson(browser, 'Ana', '#e6194b');
    const { page } = ana;
    await page.goto(host.url);
    await page.evaluate((t) => localStorage.setItem('weavemap.theme', t), theme);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await scan(page, 'home');
    await page.screenshot({ path: join(SHOTS, `home-${theme}.png`) });

    // An empty map.
    await createMap(page, host.url, 'An empty map');
    await setTheme(page, theme);
    await expect(mapArea(page)).toBeVisible();
    await scan(page, 'empty map');
    await page.screenshot({ path: join(SHOTS, `empty-map-${theme}.png`) });

    // The palette open.
    await focusMap(page);
    await page.keyboard.press('Control+Shift+P');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
    await scan(page, 'command palette');
    await page.screenshot({ path: join(SHOTS, `palette-${theme}.png`) });
    await page.keyboard.press('Escape');

    // The example map, with something selected.
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Open the example map' }).click();
    await expectCounts(page, example.elements.length, example.connections.length);
    await setTheme(page, theme);
    await outline(page).getByRole('button', { name: 'Coordination across agencies' }).click();
    await expect(page.getByTestId('status-selection')).toHaveText('1 selected');
    // A projector-sized window, so the whole example is legible at once.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await focusMap(page);
    await page.keyboard.press('Shift+1');
    await expect(page.getByTestId('status-zoom')).not.toHaveText('100%');
    await scan(page, 'example map');
    await page.screenshot({ path: join(SHOTS, `example-map-${theme}.png`) });

    // The Outline mirrors the map for keyboard and screen-reader users: every element, each
    // named with its kind, label and loops, reached with the arrow keys in the list's order.
    const items = outline(page).locator('button.item');
    await expect(items).toHaveCount(example.elements.length);
    await expect(
      outline(page).getByRole('button', {
        name: /^Factor: Coordination across agencies, in loops? [RB]\d+/,
      }),
    ).toBeVisible();
    const names = await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    const loops = await page.evaluate(() => {
      const w = window as unknown as {
        __weavemap: { workbench: { loopsOf: Map<string, string[]> | null } };
      };
      return [...(w.__weavemap.workbench.loopsOf ?? new Map()).values()].flat().length;
    });
    expect(loops).toBeGreaterThan(0);
    for (const [i, e] of example.elements
      .filter((e) => e.kind !== 'actor' && e.kind !== 'note' && e.kind !== 'group')
      .entries())
      expect(
        names.some((n) =>
          n?.startsWith(`${e.kind === 'factor' ? 'Factor' : 'Intervention'}: ${e.label}, in `),
        ),
        `element ${i} (${e.label}) is named with its loops`,
      ).toBe(true);
    for (const n of names) expect(n).toMatch(/^(Factor|Actor|Intervention|Note|Frame): ./);
    await items.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(items.nth(1)).toBeFocused();
    await page.keyboard.press('End');
    await expect(items.last()).toBeFocused();
    await page.keyboard.press('Home');
    await expect(items.first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status-selection')).toHaveText('1 selected');
    await ana.context.close();
  });
}
