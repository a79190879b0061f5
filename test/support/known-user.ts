import type { BrowserContext, Page } from 'playwright-core';

/**
 * Gives a browser context a person who has already told the canvas their name, so opening a
 * map does not stop at "Welcome! What should others call you?". For specs and benches that are
 * about something else; the join dialog itself is covered by workshop-join.spec.ts.
 */
export async function asKnownUser(
  context: BrowserContext,
  name: string,
  color = '#4363d8',
): Promise<void> {
  const id = `u-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
  await context.addInitScript(
    ([n, c, i]) => {
      if (!localStorage.getItem('weavemap.user'))
        localStorage.setItem('weavemap.user', JSON.stringify({ id: i, name: n, color: c }));
    },
    [name, color, id] as const,
  );
}

/**
 * A new browser context at a viewport and theme, as a person who has told the canvas their
 * name, with its page on `link`. The caller waits for what it needs (connected, counts).
 */
export async function openAsKnownUser(
  browser: {
    newContext(o: { viewport: { width: number; height: number } }): Promise<BrowserContext>;
  },
  viewport: { width: number; height: number },
  theme: string,
  name: string,
  link: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  await asKnownUser(context, name);
  await context.addInitScript((t) => localStorage.setItem('weavemap.theme', t), theme);
  const page = await context.newPage();
  await page.goto(link);
  return { context, page };
}
