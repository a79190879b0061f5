import { join } from 'node:path';
import { expect, REPO } from '../support/fixtures';
import { test } from '../support/workshop';

/** Issue 15, joining: the Share dialog explains the three links, copies each, shows a QR code. */
test('the Share dialog: three links explained, copy buttons, a QR code', async ({
  fayAndAna: w,
}) => {
  test.setTimeout(120_000);
  const { fay, ana } = w;
  await w.facilitator.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await fay.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = fay.getByRole('dialog', { name: 'Share this map' });
  await expect(dialog).toBeVisible();
  for (const h of ['Edit link', 'View link', 'Facilitator link'])
    await expect(dialog.getByRole('heading', { name: h })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Edit link' })).toHaveValue(w.editLink);
  await expect(dialog.getByRole('textbox', { name: 'View link' })).toHaveValue(w.viewLink);
  await expect(dialog.getByRole('textbox', { name: 'Facilitator link' })).toHaveValue(
    w.facilitatorLink,
  );
  await expect(dialog.getByRole('img', { name: 'QR code of the edit link' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Copy the view link' }).click();
  await expect(fay.getByTestId('notice')).toHaveText(/Copied the view link\./);
  expect(await fay.evaluate(() => navigator.clipboard.readText())).toBe(w.viewLink);
  await fay.screenshot({ path: join(REPO, 'docs', 'screenshots', 'share-dialog.png') });
  await fay.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // A participant shares the edit link they hold, and never sees a facilitator link.
  await ana.getByRole('button', { name: 'Share', exact: true }).click();
  const theirs = ana.getByRole('dialog', { name: 'Share this map' });
  await expect(theirs.getByRole('textbox', { name: 'Edit link' })).toHaveValue(w.editLink);
  await expect(theirs.getByRole('heading', { name: 'Facilitator link' })).toHaveCount(0);
});
