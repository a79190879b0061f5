import { expect } from '../support/fixtures';
import { elementId, expectCounts, openView } from '../support/app';
import { test } from '../support/workshop';

/** Issue 15, item 7: the "all dots placed" message does not follow people into the next phase. */
test('the all-dots-placed message ends with the phase (item 7)', async ({ fayAndAna }) => {
  test.setTimeout(150_000);
  const { fay, ana } = fayAndAna;
  for (const name of ['Trust', 'Funding']) {
    await fay.getByRole('button', { name: 'Add factor' }).click();
    await fay.keyboard.type(name);
    await fay.keyboard.press('Enter');
  }
  await expectCounts(ana, 2, 0);
  await fay.getByRole('button', { name: 'Start the session' }).click();
  await openView(fay, 'Session');
  const form = fay.getByRole('form', { name: 'Open a vote' });
  await form.getByLabel('Vote on').selectOption('factor');
  await form.getByLabel('Dots a person').fill('2');
  await form.getByRole('button', { name: 'Open vote' }).click();
  await openView(ana, 'Session');
  // Dots placed on the map: two on Trust, then a third click.
  await ana.getByRole('button', { name: 'Place dots on the map' }).click();
  await ana.getByTestId('status-zoom').click();
  const id = await elementId(ana, 'Trust');
  let point = { x: -100, y: -100 };
  await expect
    .poll(async () => {
      const before = point;
      point = await ana.evaluate(
        (i) =>
          (
            window as unknown as {
              __weavemap: { editor: { elementCenter(id: string): { x: number; y: number } } };
            }
          ).__weavemap.editor.elementCenter(i),
        id,
      );
      return Math.abs(point.x - before.x) + Math.abs(point.y - before.y) < 0.5 && point.x > 0;
    })
    .toBe(true);
  for (let i = 0; i < 3; i++) await ana.mouse.click(point.x, point.y);
  await expect(ana.getByTestId('notice')).toContainText('You have placed all 2');
  await fay.getByRole('button', { name: 'Next phase' }).first().click();
  await expect(ana.getByTestId('phase-title')).toHaveText('Organize');
  await expect(ana.getByTestId('notice')).toHaveCount(0);
});
