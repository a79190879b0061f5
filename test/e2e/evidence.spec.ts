import { test, expect, newPerson } from '../support/fixtures';
import { createMap, editorState, elementId, inspector, openLink, outline } from '../support/app';

/**
 * Evidence a researcher clipped (delivered to the host as the extension does) shows on every
 * peer: a badge on the element and its sources and quotes in the inspector, linked safely.
 */
test('a clip attached to an element shows as a badge and in the inspector on another peer', async ({
  browser,
  host,
}) => {
  const ana = await newPerson(browser, 'Ana');
  const ben = await newPerson(browser, 'Ben');
  const link = await createMap(ana.page, host.url, 'Evidence');
  await ana.page.getByRole('button', { name: 'Add factor' }).click();
  const label = inspector(ana.page).getByLabel('Label', { exact: true });
  await label.fill('Housing costs');
  await label.press('Enter');
  const id = await elementId(ana.page, 'Housing costs');
  await openLink(ben.page, link);

  const { hash } = new URL(link);
  const roomId = hash.split('/')[2]!.split('?')[0]!;
  const secret = new URLSearchParams(hash.split('?')[1]).get('k')!;
  const res = await fetch(`${host.url.replace(/\/$/, '')}/api/rooms/${roomId}/clips`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({
      clipId: 'e2e-evidence-clip-0001',
      kind: 'selection',
      url: 'https://www.example.org/housing?utm_source=newsletter',
      metadata: {
        title: 'Rents and school moves',
        siteName: 'Example Institute',
        authors: ['R. Diaz'],
      },
      quote: { exact: 'Families who move mid-year lose weeks of school', prefix: '', suffix: '' },
      note: '',
      tags: [],
      attachTo: [id],
      clippedBy: 'Researcher',
      clippedAt: 1_700_000_000_000,
    }),
  });
  expect(res.status).toBe(201);

  await expect
    .poll(() =>
      editorState(ben.page, (h) =>
        (h as unknown as { evidenceBadges(): Record<string, number> }).evidenceBadges(),
      ),
    )
    .toEqual({ [id]: 1 });
  await outline(ben.page).getByRole('button', { name: 'Housing costs' }).click();
  const evidence = inspector(ben.page).getByRole('region', { name: 'Evidence' });
  await expect(evidence).toContainText('Evidence (1)');
  await expect(evidence).toContainText('Families who move mid-year lose weeks of school');
  const a = evidence.getByRole('link', { name: 'Rents and school moves' });
  await expect(a).toHaveAttribute('href', /^https:\/\/www\.example\.org\/housing/);
  await expect(a).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(a).toHaveAttribute('target', '_blank');
  await ben.page.screenshot({ path: 'test-results/screenshots/evidence.png' });
  await ana.context.close();
  await ben.context.close();
});
