import type { Browser, Page } from '@playwright/test';
import { expect, newPerson, test as base, type Person } from './fixtures';
import { createMap, openLink } from './app';

/**
 * A workshop room set up through the UI: the facilitator creates a map, copies the edit link
 * from the Share dialog's link store, and each participant opens it in their own browser context.
 */
export interface Workshop {
  readonly facilitator: Person;
  readonly participants: readonly Person[];
  readonly everyone: readonly Person[];
  readonly editLink: string;
  readonly viewLink: string;
  readonly facilitatorLink: string;
}

export async function startWorkshop(
  browser: Browser,
  hostUrl: string,
  names: readonly string[],
  title = 'Workshop',
): Promise<Workshop> {
  const colors = ['#911eb4', '#e6194b', '#3cb44b', '#4363d8', '#f58231'];
  const [first, ...rest] = names;
  const facilitator = await newPerson(browser, first ?? 'Fay', colors[0]);
  const facilitatorLink = await createMap(facilitator.page, hostUrl, title);
  const links = await facilitator.page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('weavemap.links.'));
    return JSON.parse(localStorage.getItem(key ?? '') ?? '{}') as {
      editLink: string;
      viewLink: string;
    };
  });
  const participants: Person[] = [];
  for (const [i, name] of rest.entries()) {
    const p = await newPerson(browser, name, colors[(i + 1) % colors.length]);
    await openLink(p.page, links.editLink);
    participants.push(p);
  }
  return {
    facilitator,
    participants,
    everyone: [facilitator, ...participants],
    editLink: links.editLink,
    viewLink: links.viewLink,
    facilitatorLink,
  };
}

/** The names in a page's "People online" list (the title bar's avatars). */
export function peopleOnline(page: Page) {
  return page.getByRole('list', { name: 'People online' });
}

export async function expectSeesEveryone(page: Page, names: readonly string[]): Promise<void> {
  for (const n of names) await expect(peopleOnline(page)).toContainText(n);
}

export async function closeAll(people: readonly Person[]): Promise<void> {
  for (const p of people) await p.context.close();
}

/** The usual pair: Fay facilitates, Ana joined with the edit link. */
export interface FayAndAna extends Workshop {
  readonly fay: Page;
  readonly ana: Page;
}

/**
 * The e2e `test` with a `fayAndAna` fixture: a workshop room Fay created and Ana joined, closed
 * after the test. Its set-up has a timeout of its own, so a test's timeout is for its steps.
 */
export const test = base.extend<{ fayAndAna: FayAndAna }>({
  fayAndAna: [
    async ({ browser, host }, use) => {
      const w = await startWorkshop(browser, host.url, ['Fay', 'Ana']);
      await use({ ...w, fay: w.facilitator.page, ana: w.participants[0]!.page });
      await closeAll(w.everyone);
    },
    { timeout: 60_000 },
  ],
});
