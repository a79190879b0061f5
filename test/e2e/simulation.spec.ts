import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, newPerson, REPO } from '../support/fixtures';
import { elementId, expectConnected, openLink, openView, selectIds } from '../support/app';

/**
 * Play it forward, in the browser: the facilitator opens the example map, pushes a factor up
 * and runs the what-if for everyone; two participants (their own browser contexts, one with a
 * clock five minutes fast) see the same moment of the run at the same time (within 200 ms of
 * run time), and the same levels at its end. Screenshots go to docs/screenshots/.
 */

const SHOTS = join(REPO, 'docs', 'screenshots');

interface RunState {
  /** The moment drawn (fractional step) and the host time it was drawn for. */
  t: number;
  host: number;
  levels: string[];
}

function runState(page: Page): Promise<RunState | null> {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid="sim-run-state"]');
    if (!el) return null;
    const levels = [...el.querySelectorAll<HTMLElement>('[data-testid="sim-factor"]')]
      .map((f) => `${f.dataset.id}=${f.dataset.level}`)
      .sort();
    return { t: Number(el.dataset.t), host: Number(el.dataset.hostTime), levels };
  });
}

test('the facilitator runs a what-if for everyone; two participants see the same run', async ({
  browser,
  host,
}) => {
  test.setTimeout(180_000);
  const fay = await newPerson(browser, 'Fay', '#911eb4');
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  const ben = await newPerson(browser, 'Ben', '#3cb44b');
  await ben.context.addInitScript(() => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + 5 * 60_000;
  });

  await fay.page.goto(host.url);
  await fay.page.getByRole('button', { name: 'Open the example map' }).click();
  await expectConnected(fay.page);
  const roomId = await fay.page.evaluate(
    () =>
      (window as unknown as { __weavemap: { session: { roomId: string } } }).__weavemap.session
        .roomId,
  );
  const editLink = await fay.page.evaluate(
    (id) =>
      (JSON.parse(localStorage.getItem(`weavemap.links.${id}`) ?? '{}') as { editLink?: string })
        .editLink ?? '',
    roomId,
  );
  expect(editLink).toContain(roomId);
  await openLink(ana.page, editLink);
  await openLink(ben.page, editLink);
  for (const p of [fay, ana, ben]) await openView(p.page, 'What if');
  // Participants can run privately but not for everyone.
  await expect(ana.page.getByTestId('sim-run')).toBeVisible();
  await expect(ana.page.getByTestId('sim-run-all')).toHaveCount(0);

  const trust = await elementId(fay.page, 'Parent engagement in early learning');
  await selectIds(fay.page, [trust]);
  await fay.page.getByTestId('sim-push-up').click();
  await expect(fay.page.getByTestId('sim-pushes')).toContainText(
    'Parent engagement in early learning',
  );
  // A long run (100 steps of 400 ms), so the test can sample it mid-way on a busy machine.
  await fay.page.getByText('Settings').click();
  await fay.page.getByLabel('Steps', { exact: true }).fill('100');
  await fay.page.getByTestId('sim-run-all').click();

  for (const p of [fay, ana, ben])
    await expect(p.page.getByTestId('sim-run-state')).toHaveAttribute('data-shared', /.+/);

  // Mid-run: read both participants' moment at (nearly) the same instant, several times.
  let compared = 0;
  for (let i = 0; i < 6; i++) {
    const [a, b] = await Promise.all([runState(ana.page), runState(ben.page)]);
    if (a && b && a.t > 0 && a.t < 100 && b.t > 0 && b.t < 100) {
      // Each screen draws the moment for its reading of the host clock; brought to the same host
      // instant (400 ms per step), the two moments differ by at most 200 ms of run time.
      const apart = Math.abs((a.t - b.t) * 400 - (a.host - b.host));
      expect(apart).toBeLessThanOrEqual(200);
      compared++;
    }
    if (i === 2) {
      mkdirSync(SHOTS, { recursive: true });
      await ana.page.screenshot({ path: join(SHOTS, 'what-if-run.png') });
    }
    await ana.page.waitForTimeout(700);
  }
  expect(compared).toBeGreaterThanOrEqual(3);

  // At the end every screen shows the same levels, and the pushed factor moved up.
  for (const p of [fay, ana, ben])
    await expect(p.page.getByTestId('sim-run-state')).toHaveAttribute('data-step', '100', {
      timeout: 90_000,
    });
  const [f, a, b] = await Promise.all([runState(fay.page), runState(ana.page), runState(ben.page)]);
  expect(a!.levels).toEqual(f!.levels);
  expect(b!.levels).toEqual(f!.levels);
  expect(a!.levels.find((l) => l.startsWith(`${trust}=`))).toMatch(/=[1-9]/);

  // The facilitator stops it: it ends on every screen.
  await fay.page.getByTestId('sim-stop').click();
  for (const p of [ana, ben]) await expect(p.page.getByTestId('sim-run-state')).toHaveCount(0);
});
