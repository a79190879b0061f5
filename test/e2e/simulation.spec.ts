import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, newPerson, REPO } from '../support/fixtures';
import { createMap, elementId, openView, selectIds } from '../support/app';

/**
 * Play it forward, in the browser: the facilitator opens the example map, pushes a factor up
 * and runs the what-if for everyone; two participants (their own browser contexts, one with a
 * clock five minutes fast) see the same moment of the run at the same time (within 200 ms of
 * run time), and the same levels at its end. Screenshots go to docs/screenshots/.
 */

const SHOTS = join(REPO, 'docs', 'screenshots');

/** Opens a link and waits for the host, with room for a busy machine. */
async function openAndConnect(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByTestId('status-server')).toHaveText('Host: connected', {
    timeout: 30_000,
  });
}

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
  await expect(fay.page.getByTestId('status-server')).toHaveText('Host: connected', {
    timeout: 30_000,
  });
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
  await openAndConnect(ana.page, editLink);
  await openAndConnect(ben.page, editLink);
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
  for (let i = 0; i < 15 && compared < 4; i++) {
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
    if (a && a.t >= 100) break;
    await ana.page.waitForTimeout(500);
  }
  expect(compared).toBeGreaterThanOrEqual(2);

  // At the end every screen shows the same levels, and the pushed factor moved up.
  for (const p of [fay, ana, ben])
    await expect(p.page.getByTestId('sim-run-state')).toHaveAttribute('data-step', '100', {
      timeout: 90_000,
    });
  const [f, a, b] = await Promise.all([runState(fay.page), runState(ana.page), runState(ben.page)]);
  expect(a!.levels).toEqual(f!.levels);
  expect(b!.levels).toEqual(f!.levels);
  // The push moved the factor (where it ends, after the map's loops answered, is the model's).
  expect(a!.levels.find((l) => l.startsWith(`${trust}=`))).not.toMatch(/=-?0\.000$/);

  // The facilitator stops it: it ends on every screen.
  await fay.page.getByTestId('sim-stop').click();
  for (const p of [ana, ben]) await expect(p.page.getByTestId('sim-run-state')).toHaveCount(0);
});

test('the model tab runs a stock-and-flow model and compares two scenarios', async ({
  browser,
  host,
}) => {
  test.setTimeout(120_000);
  const ana = await newPerson(browser, 'Ana', '#e6194b');
  await createMap(ana.page, host.url, 'Population');
  // Seed a model: the workbench adds the factors, their sim.* custom fields go straight into the
  // element records (as the Model tab's editor writes them).
  await ana.page.evaluate(() => {
    interface Hook {
      workbench: {
        addElement(kind: string, at: [number, number]): string | undefined;
        commitRename(id: string, what: string, label: string): void;
        connectElements(a: string, b: string, polarity: string): void;
      };
      session: { doc: { transact(f: () => void): void; getMap(n: string): Map<string, unknown> } };
    }
    const h = (window as unknown as { __weavemap: Hook }).__weavemap;
    const add = (label: string, x: number, y: number) => {
      const id = h.workbench.addElement('factor', [x, y]) ?? '';
      h.workbench.commitRename(id, 'element', label);
      return id;
    };
    const pop = add('Population', 0, 0);
    const births = add('Births', 260, 0);
    const rate = add('Birth rate', 260, 160);
    h.workbench.connectElements(pop, births, '+');
    h.workbench.connectElements(births, pop, '+');
    h.workbench.connectElements(rate, births, '+');
    // Custom fields written straight to the document, as a later edit of each element is
    // stored (schema v2: a key `<id>.<field>` of the elements root).
    const els = h.session.doc.getMap('elements');
    const set = (id: string, field: string, value: unknown) => els.set(`${id}.${field}`, value);
    h.session.doc.transact(() => {
      set(pop, 'sim.kind', 'stock');
      set(pop, 'sim.initial', 10);
      set(pop, 'sim.inflows', [births]);
      set(births, 'sim.kind', 'flow');
      set(births, 'sim.equation', 'birth_rate * population * (1 - population / 1000)');
      set(rate, 'sim.kind', 'aux');
      set(rate, 'sim.equation', '0.4');
      const meta = h.session.doc.getMap('meta');
      meta.set('sim.stop', 30);
      meta.set('sim.dt', 0.1);
      meta.set('sim.timeUnits', 'years');
    });
  });
  await openView(ana.page, 'What if');
  await ana.page.getByTestId('sim-tab-model').click();
  await expect(ana.page.getByText('3 variables · 300 steps of dt = 0.1 (RK4)')).toBeVisible();
  await ana.page.getByTestId('sim-change-name').selectOption('birth_rate');
  await ana.page.getByTestId('sim-change-value').fill('0.8');
  await ana.page.getByTestId('sim-model-run').click();
  const charts = ana.page.getByTestId('sim-charts');
  await expect(charts.getByRole('img', { name: 'A: as mapped' })).toBeVisible();
  await expect(charts.getByRole('img', { name: 'B: birth_rate = 0.8' })).toBeVisible();
  mkdirSync(SHOTS, { recursive: true });
  await ana.page.screenshot({ path: join(SHOTS, 'scenario-comparison.png') });
});
