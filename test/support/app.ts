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
  const plural = (n: number, word: string) =>
    `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  await expect(page.getByTestId('status-counts')).toHaveText(
    `${plural(elements, 'element')} · ${plural(connections, 'connection')}`,
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

// ---- the workbench ----

/** The map editor (focusable: keys act on it). */
export function mapArea(page: Page) {
  return page.getByRole('application', { name: 'Map editor' });
}

/** Focuses the map from the keyboard (the "Focus the Map" command). */
export async function focusMap(page: Page): Promise<void> {
  await page.keyboard.press('Alt+Shift+M');
  await expect(mapArea(page)).toBeFocused();
}

export function inspector(page: Page) {
  return page.getByRole('complementary', { name: 'Inspector' });
}

export function inspectorField(page: Page, name: string) {
  return inspector(page).getByLabel(name, { exact: true });
}

/** Runs a command through the palette by typing part of its title. */
export async function runFromPalette(page: Page, query: string, expectOption?: RegExp | string) {
  await page.keyboard.press('Control+Shift+P');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox').fill(query);
  if (expectOption)
    await expect(dialog.getByRole('option', { selected: true })).toContainText(expectOption);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
}

/**
 * Test hook (set by canvas/workbench/MapEditor.svelte on `window.__weavemap.editor`): what this
 * screen draws about other people (cursors with names, selections in their colour, elements
 * being dragged by someone else), and the renderer's viewport.
 */
export interface EditorHook {
  cursors(): { id: string; name: string; color: string; x: number; y: number }[];
  remoteSelections(): { id: string; color: string; ids: string[] }[];
  remoteDragging(): string[];
  viewport(): { x: number; y: number; zoom: number };
  /** Screen point (page CSS px) of an element's centre. */
  elementCenter(id: string): { x: number; y: number } | null;
}

export function editorState<T>(page: Page, read: (hook: EditorHook) => T): Promise<T> {
  return page.evaluate(`(${read.toString()})(window.__weavemap.editor)`) as Promise<T>;
}

/** Element id by label, read from the page's map. */
export function elementId(page: Page, label: string): Promise<string> {
  return page.evaluate((l) => {
    const s = (window as unknown as { __weavemap: { session: MapSession } }).__weavemap.session;
    const el = [...s.snapshot.elements.values()].find((e) => e.label === l);
    if (!el) throw new Error(`No element labelled ${l}`);
    return el.id;
  }, label);
}

/** The activity bar's button for a side bar view. */
export function showView(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });
}

/** Opens a side bar view (Loops, Network, ...) unless it is open already. */
export async function openView(page: Page, name: string): Promise<void> {
  const button = showView(page, name);
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

/**
 * Selects elements or connections by id, as clicking them would (test hook: the workbench that
 * RoomView puts on `window.__weavemap`); for connections, which are hard to hit by pointer.
 */
export function selectIds(page: Page, ids: readonly string[]): Promise<void> {
  return page.evaluate((list) => {
    const w = window as unknown as {
      __weavemap: { workbench: { select(ids: readonly string[]): void } };
    };
    w.__weavemap.workbench.select(list);
  }, ids);
}
