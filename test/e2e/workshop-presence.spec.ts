import { test, expect } from '../support/fixtures';
import { editorState, mapArea, openView } from '../support/app';
import { closeAll, expectSeesEveryone, peopleOnline, startWorkshop } from '../support/workshop';

/**
 * Issue 15, item 1: presence survives the facilitator's lock and unlock. Each person is a
 * separate browser context; everything is done through the UI.
 */
test('presence survives lock → unlock, twice (item 1)', async ({ browser, host }) => {
  test.setTimeout(120_000);
  const w = await startWorkshop(browser, host.url, ['Fay', 'Ana', 'Ben']);
  const names = ['Fay', 'Ana', 'Ben'];
  for (const p of w.everyone) await expectSeesEveryone(p.page, names);
  const fay = w.facilitator.page;
  await openView(fay, 'Session');
  for (let round = 0; round < 2; round++) {
    await fay.getByRole('button', { name: 'Lock the map' }).click();
    for (const p of w.participants) await expect(p.page.getByTestId('map-locked')).toBeVisible();
    await fay.getByRole('button', { name: 'Unlock the map' }).click();
    for (const p of w.participants) await expect(p.page.getByTestId('map-locked')).toHaveCount(0);
  }
  // Everyone still sees everyone, and the peer mesh is back.
  for (const p of w.everyone) {
    await expectSeesEveryone(p.page, names);
    await expect(peopleOnline(p.page).getByRole('listitem')).toHaveCount(3);
  }
  // Each person's pointer still reaches the others (their presence is still being shared).
  for (const p of w.everyone) {
    const box = (await mapArea(p.page).boundingBox())!;
    await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p.page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 30);
  }
  for (const p of w.everyone)
    await expect
      .poll(() =>
        editorState(p.page, (h) =>
          h
            .cursors()
            .map((c) => c.name)
            .sort(),
        ),
      )
      .toEqual(names.filter((n) => n !== p.name).sort());
  await closeAll(w.everyone);
});
