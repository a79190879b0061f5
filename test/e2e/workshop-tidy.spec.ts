import { test, expect } from '../support/fixtures';
import { expectCounts, openView } from '../support/app';
import { closeAll, startWorkshop } from '../support/workshop';

/**
 * Issue 15, item 18: the agenda shows its total length (a one-hour default), and Tidy layout,
 * which rearranges everyone's map, tells everyone who tidied.
 */
test('the agenda shows its total; Tidy layout names who tidied on every screen (item 18)', async ({
  browser,
  host,
}) => {
  test.setTimeout(150_000);
  const w = await startWorkshop(browser, host.url, ['Fay', 'Ana', 'Ben']);
  const [fay, ana, ben] = w.everyone.map((p) => p.page);
  await fay!.getByRole('button', { name: 'Start the session' }).click();
  await openView(fay!, 'Session');
  const minutes = await fay!
    .getByRole('list', { name: 'Phases' })
    .getByRole('listitem')
    .allTextContents();
  const sum = minutes.reduce((s, t) => s + Number(/(\d+) min/.exec(t)?.[1] ?? 0), 0);
  expect(sum).toBe(60);
  await expect(fay!.getByTestId('agenda-total')).toHaveText('60 min in all');
  // Editing a phase's length changes the total.
  await fay!.getByRole('button', { name: 'Edit Connect' }).click();
  await fay!.getByRole('form', { name: 'Edit phase Connect' }).getByLabel('Minutes').fill('15');
  await fay!.getByRole('button', { name: 'Save' }).click();
  await expect(fay!.getByTestId('agenda-total')).toHaveText('70 min in all');

  // Ana tidies: everyone else is told it was Ana, with how many elements moved.
  await ana!.getByTestId('who-is-here').getByRole('button', { name: 'Not now' }).click();
  await ben!.getByTestId('who-is-here').getByRole('button', { name: 'Not now' }).click();
  for (const name of ['Trust', 'Attendance', 'Reading']) {
    await ana!.getByRole('button', { name: 'Add factor' }).click();
    await ana!.keyboard.type(name);
    await ana!.keyboard.press('Enter');
  }
  for (const p of [fay!, ben!]) await expectCounts(p, 3, 0);
  await ana!.getByRole('button', { name: 'Tidy layout' }).click();
  await expect(ana!.getByTestId('notice')).toContainText('Tidied 3 elements');
  for (const p of [fay!, ben!])
    await expect(p.getByTestId('notice')).toContainText(
      'Ana tidied the layout: 3 elements moved on everyone’s map',
    );
  await closeAll(w.everyone);
});
