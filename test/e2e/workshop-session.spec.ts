import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, newPerson, type Person } from '../support/fixtures';
import { createMap, expectCounts, inspectorField, openView, outline } from '../support/app';
import { closeAll, expectSeesEveryone } from '../support/workshop';

/**
 * Issue 15, "what it must show": a facilitator and three participants, each in their own
 * browser context, run the whole six-phase agenda through the UI only (nothing is written
 * through test hooks), the shared timer following each phase's length, and the facilitator's
 * report opens with a summary of what the room did.
 */

const QUESTION = 'How do we get every child ready for school?';

const seconds = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId('timer-digits').textContent()) ?? '';
  const [m, s] = text.trim().split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
};

/** The planned minutes of a phase, as the facilitator's agenda shows them. */
async function plannedMinutes(page: Page, title: string): Promise<number> {
  const row = page
    .getByRole('list', { name: 'Phases' })
    .getByRole('listitem')
    .filter({ hasText: title });
  const text = (await row.locator('.phase-head').textContent()) ?? '';
  return Number(/(\d+) min/.exec(text)?.[1]);
}

/** An element's entry in the Outline ("Factor: Trust, in loop R1"). */
function inOutline(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return outline(page).getByRole('button', { name: new RegExp(`^\\w+: ${escaped}(,|$)`) });
}

/** Adds a factor the way a person does: the toolbar's button, then its name. */
async function addFactor(page: Page, name: string): Promise<void> {
  await openView(page, 'Outline');
  await page.getByRole('button', { name: 'Add factor' }).click();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(inOutline(page, name)).toBeVisible();
}

/** Draws a causal link from the Outline with the toolbar's Connect button. */
async function connect(page: Page, from: string, to: string, sign: '+' | '-'): Promise<void> {
  await openView(page, 'Outline');
  await inOutline(page, from).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await inOutline(page, to).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(inspectorField(page, 'Polarity')).toBeVisible();
  await page.keyboard.press(sign);
  await expect(inspectorField(page, 'Polarity')).toHaveValue(sign);
}

test('a facilitator and three participants run the six-phase agenda and read the report', async ({
  browser,
  host,
}) => {
  // Four browsers: the whole flow is long on a loaded 2-core machine (15 min at load 40).
  test.setTimeout(900_000);
  const fay = await newPerson(browser, 'Fay', '#911eb4');
  await createMap(fay.page, host.url, QUESTION);

  // ---- joining: the facilitator shares the edit link from the Share dialog ----
  await fay.page.getByRole('button', { name: 'Share', exact: true }).click();
  const share = fay.page.getByRole('dialog', { name: 'Share this map' });
  const editLink = await share.getByRole('textbox', { name: 'Edit link' }).inputValue();
  expect(editLink).not.toBe(fay.page.url());
  await fay.page.keyboard.press('Escape');
  await expect(share).toBeHidden();
  const colors = ['#e6194b', '#3cb44b', '#f58231'];
  const [ana, ben, cy] = await Promise.all(
    ['Ana', 'Ben', 'Cy'].map((n, i) => newPerson(browser, n, colors[i])),
  );
  const participants = [ana!, ben!, cy!];
  for (const p of participants) {
    await p.page.goto(editLink);
    // Four browsers on two shared cores: joining may take longer than one page alone.
    await expect(p.page.getByTestId('status-server')).toHaveText('Host: connected', {
      timeout: 60_000,
    });
  }
  const everyone: Person[] = [fay, ...participants];
  for (const p of everyone) await expectSeesEveryone(p.page, ['Fay', 'Ana', 'Ben', 'Cy']);
  await expect(ana!.page.getByRole('button', { name: 'Start the session' })).toHaveCount(0);

  // ---- the facilitator starts the agenda and the timer ----
  await fay.page.getByRole('button', { name: 'Start the session' }).click();
  await openView(fay.page, 'Session');
  const nextPhase = fay.page.getByRole('button', { name: 'Next phase' }).first();
  const phaseTitles = [
    'Connect',
    'Organize',
    'Map the system',
    'Find leverage',
    'Bridge and weave',
    'Reflect and commit',
  ];
  const planned = new Map<string, number>();
  for (const t of phaseTitles) planned.set(t, await plannedMinutes(fay.page, t));
  // The agenda says how long the whole session is.
  const total = [...planned.values()].reduce((a, b) => a + b, 0);
  await expect(fay.page.getByTestId('agenda-total')).toHaveText(`${total} min in all`);
  await fay.page.getByRole('button', { name: 'Start timer' }).click();

  /** Everyone is in phase `n` (1-based) and the running timer shows that phase's length. */
  const expectPhase = async (n: number) => {
    const title = phaseTitles[n - 1]!;
    const full = planned.get(title)! * 60;
    for (const p of everyone) {
      await expect(p.page.getByTestId('phase-title')).toHaveText(title);
      await expect(p.page.getByTestId('phase-banner')).toContainText(`Phase ${n} of 6`);
      await expect(p.page.getByTestId('session-timer')).toHaveAttribute('data-state', 'running');
      // The timer follows the phase: its length, counting down (a generous minute for load).
      await expect.poll(() => seconds(p.page)).toBeGreaterThan(full - 60);
      expect(await seconds(p.page)).toBeLessThanOrEqual(full);
    }
  };
  const advance = async (n: number) => {
    await nextPhase.click();
    await expectPhase(n);
  };

  await test.step('1. Connect: each participant puts themselves on the map', async () => {
    await expectPhase(1);
    const join = async (p: Person, organisation: string, knows: readonly string[]) => {
      const who = p.page.getByTestId('who-is-here');
      await expect(who).toBeVisible();
      if (organisation) await who.getByLabel('Your organisation').fill(organisation);
      for (const k of knows) await who.getByRole('checkbox', { name: k, exact: true }).check();
      await who.getByRole('button', { name: 'Add me to the map' }).click();
      await expect(who).toHaveCount(0);
    };
    await join(ana!, 'City Library', []);
    await join(ben!, 'Northside School', []);
    // Cy knows Ana and Ben, who are in separate worlds: Cy is the bridge between them.
    await expect(cy!.page.getByTestId('who-is-here').getByRole('checkbox')).toHaveCount(4);
    await join(cy!, 'Parents Forum', ['Ana', 'Ben']);
    for (const p of everyone) await expectCounts(p.page, 6, 5);
  });

  await test.step('2. Organize: roles are named on the actors', async () => {
    await advance(2);
    const tag = async (p: Person, actor: string, tags: string) => {
      await openView(p.page, 'Outline');
      await inOutline(p.page, actor).click();
      await inspectorField(p.page, 'Tags').fill(tags);
      await inspectorField(p.page, 'Tags').press('Tab');
    };
    await tag(ana!, 'City Library', 'venue, books');
    await tag(ben!, 'Northside School', 'education');
    await openView(fay.page, 'Outline');
    await inOutline(fay.page, 'Northside School').click();
    await expect(inspectorField(fay.page, 'Tags')).toHaveValue('education');
    await openView(fay.page, 'Session');
  });

  await test.step('3. Map the system: factors, links, and a named loop', async () => {
    await advance(3);
    await addFactor(ana!.page, 'Trust in schools');
    await addFactor(ana!.page, 'Attendance');
    await addFactor(ben!.page, 'Reading skills');
    await addFactor(ben!.page, 'Library opening hours');
    for (const p of participants) await expectCounts(p.page, 10, 5);
    await connect(cy!.page, 'Trust in schools', 'Attendance', '+');
    await connect(cy!.page, 'Attendance', 'Reading skills', '+');
    await connect(cy!.page, 'Reading skills', 'Trust in schools', '+');
    await connect(ben!.page, 'Library opening hours', 'Reading skills', '+');
    for (const p of everyone) await expectCounts(p.page, 10, 9);
    // Ana names the loop they drew.
    await openView(ana!.page, 'Loops');
    const loops = ana!.page.getByRole('list', { name: 'Loops' });
    await expect(loops.getByRole('listitem')).toHaveCount(1);
    await loops.getByRole('button', { name: 'Rename loop R1' }).click();
    await ana!.page.getByLabel('Name of loop R1').fill('Confidence grows');
    await ana!.page.getByLabel('Name of loop R1').press('Enter');
    await openView(fay.page, 'Loops');
    await expect(fay.page.getByRole('list', { name: 'Loops' })).toContainText('Confidence grows');
    await openView(fay.page, 'Session');
  });

  await test.step('4. Find leverage: a dot vote, revealed', async () => {
    await advance(4);
    const form = fay.page.getByRole('form', { name: 'Open a vote' });
    await form.getByLabel('Vote on').selectOption('factor');
    await form.getByLabel('Dots a person').fill('3');
    await form.getByLabel('Title').fill('Where to push');
    await form.getByRole('button', { name: 'Open vote' }).click();
    const dots: [Person, string[]][] = [
      [ana!, ['Trust in schools', 'Trust in schools', 'Reading skills']],
      [ben!, ['Trust in schools', 'Library opening hours', 'Reading skills']],
      [cy!, ['Trust in schools', 'Attendance', 'Reading skills']],
    ];
    for (const [p, labels] of dots) {
      await openView(p.page, 'Session');
      for (const l of labels)
        await p.page.getByRole('button', { name: `Place a dot on ${l}`, exact: true }).click();
      await expect(p.page.getByTestId('dots-left')).toContainText('0 of 3 dots left');
    }
    await fay.page.getByRole('button', { name: 'Reveal results' }).click();
    for (const p of everyone) {
      const rows = p.page.getByTestId('vote-result');
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(0)).toHaveText(/1\.\s*Trust in schools\s*4/);
      await expect(rows.nth(1)).toHaveText(/2\.\s*Reading skills\s*3/);
    }
  });

  await test.step('5. Bridge and weave: clusters, a broker, an introduction', async () => {
    await advance(5);
    await openView(ben!.page, 'Network');
    await expect(ben!.page.getByRole('list', { name: 'Brokers' })).toContainText('Cy');
    await openView(ben!.page, 'Weaving');
    const introduce = ben!.page.getByRole('button', { name: /^Introduce / }).first();
    await expect(introduce).toBeVisible();
    await introduce.click();
    // The proposed introduction is a new (dashed) relationship on everyone's map.
    for (const p of everyone) await expectCounts(p.page, 10, 10);
  });

  await test.step('6. Reflect and commit: cards and actions with owners', async () => {
    await advance(6);
    await openView(ana!.page, 'Reflection');
    await ana!.page.getByLabel('Your card').fill('Trust is what gets children through the door');
    await ana!.page.getByRole('button', { name: 'Add card' }).click();
    const action = async (p: Person, title: string, owner: string, person: boolean) => {
      await openView(p.page, 'Actions');
      await p.page.getByLabel('Action', { exact: true }).fill(title);
      const select = p.page.getByLabel('Owner', { exact: true });
      if (person) {
        await select.selectOption('person');
        await p.page.getByLabel("Owner's name").fill(owner);
      } else await select.selectOption({ label: owner });
      await p.page.getByRole('button', { name: 'Add action' }).click();
      await expect(p.page.getByRole('list', { name: 'Actions' })).toContainText(title);
    };
    await action(ben!, 'Call the library about reading hours', 'Ben', true);
    await action(cy!, 'Open the library on Saturdays', 'City Library', false);
    await openView(fay.page, 'Actions');
    await expect(fay.page.getByRole('list', { name: 'Actions' }).getByRole('listitem')).toHaveCount(
      2,
    );
    await openView(fay.page, 'Reflection');
    await expect(fay.page.getByText('Trust is what gets children through the door')).toBeVisible();
    // The last phase: the facilitator is told to close with the report.
    await nextPhase.click();
    await expect(fay.page.getByTestId('notice')).toContainText('close the session with the report');
  });

  await test.step('the facilitator opens the report: its summary first', async () => {
    const downloads: import('@playwright/test').Download[] = [];
    fay.page.on('download', (d) => downloads.push(d));
    await fay.page.keyboard.press('Control+Alt+R');
    await expect.poll(() => downloads.length).toBe(3);
    const html = downloads.find((d) => d.suggestedFilename().endsWith('.html'))!;
    const report = await fay.context.newPage();
    await report.setContent(readFileSync((await html.path())!, 'utf8'));
    const summary = report.locator('#summary');
    await expect(summary.getByRole('heading', { name: 'Summary' })).toBeInViewport();
    await expect(summary).toContainText(`The question: ${QUESTION}`);
    const list = (heading: string) =>
      summary.locator(`h3:text-is("${heading}") + ul > li`).allTextContents();
    expect(await list('Participants')).toEqual(['Ana', 'Ben', 'Cy', 'Fay']);
    const loops = await list('Top loops');
    expect(loops).toHaveLength(1);
    expect(loops[0]).toMatch(/^R1 reinforcing: Confidence grows \(/);
    for (const f of ['Trust in schools', 'Attendance', 'Reading skills'])
      expect(loops[0]).toContain(f);
    const leverage = await list('Top leverage points');
    expect(leverage[0]).toMatch(/^Trust in schools \(4 votes/);
    expect(leverage[1]).toMatch(/^Reading skills \(3 votes/);
    // The actors' clusters in their map colours, and Cy, who links them, first among brokers.
    expect((await list('Clusters of actors')).length).toBeGreaterThan(0);
    await expect(summary.locator('.clusters .swatch').first()).toBeVisible();
    const brokers = await list('Brokers');
    expect(brokers[0]).toMatch(/^Cy: /);
    expect(await list('Actions and owners')).toEqual([
      'Call the library about reading hours: Ben',
      'Open the library on Saturdays: City Library',
    ]);
  });

  await closeAll(everyone);
});
