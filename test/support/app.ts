import { expect, type Page } from '@playwright/test';
import type { MapSession } from '../../canvas/platform/map-session.svelte';
import type { MapSnapshot } from '../../shared/schema/types';

/** Drives the canvas the way a person does; reads state through what the page shows. */

export async function createMap(page: Page, hostUrl: string, title: string): Promise<string> {
  await page.goto(hostUrl);
  await page.getByLabel('Map title').fill(title);
  await page.getByRole('button', { name: 'Create map' }).click();
  await expectConnected(page);
  return page.url();
}

export async function openLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expectConnected(page);
}

export async function expectConnected(page: Page): Promise<void> {
  await expect(page.getByTestId('status-server')).toHaveText('Host: connected');
}

export function outline(page: Page) {
  return page.getByRole('navigation', { name: 'Outline' });
}

export async function expectCounts(
  page: Page,
  elements: number,
  connections: number,
): Promise<void> {
  await expect(page.getByTestId('status-counts')).toHaveText(
    `${elements.toLocaleString('en-US')} elements · ${connections.toLocaleString('en-US')} connections`,
    { timeout: 30_000 },
  );
}

/** The page's current map as plain JSON (ids sorted), for comparing replicas exactly. */
export function mapJson(page: Page): Promise<string> {
  return page.evaluate(() => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
    const snap: MapSnapshot = s.snapshot;
    const sorted = <T>(m: ReadonlyMap<string, T>) =>
      [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    return JSON.stringify({ e: sorted(snap.elements), c: sorted(snap.connections) });
  });
}
