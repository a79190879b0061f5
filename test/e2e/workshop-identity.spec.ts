import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect } from '../support/fixtures';
import { openView } from '../support/app';
import { peopleOnline, test } from '../support/workshop';

/** Issue 15, item 6: one identity, read by every surface. */

async function rename(page: Page, name: string): Promise<void> {
  await openView(page, 'People');
  const save = page.getByRole('button', { name: 'Save name and colour' });
  await save.locator('..').getByLabel('Your name', { exact: true }).fill(name);
  await save.click();
}

async function reportMarkdown(page: Page): Promise<string> {
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.keyboard.press('Control+Alt+R');
  await expect.poll(() => downloads.length).toBeGreaterThanOrEqual(2);
  const md = downloads.find((d) => d.suggestedFilename().endsWith('.md'))!;
  return readFileSync((await md.path())!, 'utf8');
}

test('a new name reaches the avatar, everyone’s screens, who took part and the report (item 6)', async ({
  fayAndAna,
}) => {
  test.setTimeout(120_000);
  const { fay, ana } = fayAndAna;
  await fay.getByRole('button', { name: 'Start the session' }).click();
  await rename(fay, 'Fay Moreau');
  await rename(ana, 'Ana Ruiz');
  // Their own avatars.
  await expect(peopleOnline(fay)).toContainText('Fay Moreau (you)');
  await expect(peopleOnline(ana)).toContainText('Ana Ruiz (you)');
  // Each other's screens.
  await expect(peopleOnline(fay)).toContainText('Ana Ruiz');
  await expect(peopleOnline(ana)).toContainText('Fay Moreau');
  // Who took part, in the Session view.
  await openView(fay, 'Session');
  const took = fay.getByRole('heading', { name: /Who took part/ }).locator('..');
  await expect(took).toContainText('Fay Moreau');
  await expect(took).toContainText('Ana Ruiz');
  // The report.
  await fay.getByRole('application', { name: 'Map editor' }).focus();
  const md = await reportMarkdown(fay);
  const section = md.slice(md.indexOf('## Who took part'));
  expect(section).toContain('Fay Moreau');
  expect(section).toContain('Ana Ruiz');
});
