import type { BrowserContext } from 'playwright-core';

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
