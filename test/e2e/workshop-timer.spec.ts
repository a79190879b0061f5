import type { Page } from '@playwright/test';
import { expect } from '../support/fixtures';
import { openView } from '../support/app';
import { test } from '../support/workshop';

/** Issue 15, item 4: the timer follows the current phase's planned length. */

const seconds = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId('timer-digits').textContent()) ?? '';
  const [m, s] = text.trim().split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
};

test('the next phase puts its own length on a running timer; Reset too (item 4)', async ({
  fayAndAna,
}) => {
  test.setTimeout(120_000);
  const { fay, ana } = fayAndAna;
  await fay.getByRole('button', { name: 'Start the session' }).click();
  await expect(fay.getByTestId('phase-title')).toHaveText('Connect');
  await openView(fay, 'Session');
  // A short custom run of the timer, then the next phase (planned longer).
  await fay.getByLabel('Timer minutes').fill('3');
  await fay.getByRole('button', { name: 'Start', exact: true }).click();
  for (const p of [fay, ana])
    await expect(p.getByTestId('session-timer')).toHaveAttribute('data-state', 'running');
  await fay.getByRole('button', { name: 'Next phase' }).first().click();
  for (const p of [fay, ana]) await expect(p.getByTestId('phase-title')).toHaveText('Organize');
  const organize = await fay
    .getByRole('list', { name: 'Phases' })
    .getByRole('listitem')
    .filter({ hasText: 'Organize' })
    .textContent();
  const planned = /(\d+) min/.exec(organize ?? '')?.[1];
  const want = Number(planned) * 60;
  expect(want).toBeGreaterThan(3 * 60);
  for (const p of [fay, ana]) {
    await expect.poll(() => seconds(p)).toBeGreaterThan(want - 10);
    await expect(p.getByTestId('session-timer')).toHaveAttribute('data-state', 'running');
  }
  // Reset: the phase's length, not the Minutes box.
  await fay.getByLabel('Timer minutes').fill('2');
  await fay.getByRole('button', { name: 'Reset' }).first().click();
  for (const p of [fay, ana]) await expect.poll(() => seconds(p)).toBe(want);
});
