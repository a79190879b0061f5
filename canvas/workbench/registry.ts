import type { Component } from 'svelte';
import { CommandRegistry, type CommandDescriptor } from '../platform/commands';
import { ViewRegistry, type ViewDescriptor } from '../platform/views';
import type { Workbench } from './workbench.svelte';

/**
 * The workbench's registries. Core commands (core-commands.ts) and every feature's
 * `canvas/contrib/<feature>/<feature>.contribution.ts` register here at start-up; a keybinding
 * claimed twice throws then.
 */

export type ViewComponent = Component<{ wb: Workbench }>;

export const commands = new CommandRegistry<Workbench>();
export const views = new ViewRegistry<ViewComponent>();

export function registerCommand(cmd: CommandDescriptor<Workbench>): () => void {
  return commands.register(cmd);
}

export function executeCommand(id: string, args?: unknown): Promise<unknown> {
  return commands.execute(id, args);
}

/** A view, plus the "Show <title>" command that opens it (with `keybinding` if given). */
export function registerView(
  view: ViewDescriptor<ViewComponent> & { readonly keybinding?: string },
): () => void {
  const offView = views.register(view);
  const offCommand = commands.register({
    id: `view.show.${view.id}`,
    title: `Show ${view.title}`,
    category: 'View',
    ...(view.keybinding ? { keybinding: view.keybinding, keybindingInInputs: true } : {}),
    when: (c) => c.hasMap,
    run: (wb) => wb.showView(view.id),
  });
  return () => {
    offView();
    offCommand();
  };
}

/**
 * Things a feature keeps per open map (the Activity feed's log, a worker): `setup` runs when a
 * map opens and returns its cleanup.
 */
const mapParticipants: ((wb: Workbench) => () => void)[] = [];

export function onMapOpened(setup: (wb: Workbench) => () => void): void {
  mapParticipants.push(setup);
}

export function startMapParticipants(wb: Workbench): () => void {
  const stops = mapParticipants.map((p) => p(wb));
  return () => {
    for (const s of stops) s();
  };
}

/**
 * Context keys features add (e.g. the session's `isFacilitator`): each provider is asked every
 * time the workbench computes its context, so its keys are never stale.
 */
export type ContextKeyProvider = (
  wb: Workbench,
) => Readonly<Record<string, boolean | number | string | undefined>>;
const contextKeyProviders: ContextKeyProvider[] = [];

export function registerContextKeys(provider: ContextKeyProvider): void {
  contextKeyProviders.push(provider);
}

export function contributedContextKeys(
  wb: Workbench,
): Record<string, boolean | number | string | undefined> {
  const out: Record<string, boolean | number | string | undefined> = {};
  for (const p of contextKeyProviders) Object.assign(out, p(wb));
  return out;
}

/** Extra toolbar buttons features add (they run a command). */
export interface ToolbarItem {
  readonly command: string;
  readonly label: string;
  readonly order: number;
}
const toolbarItems: ToolbarItem[] = [];

export function registerToolbarItem(item: ToolbarItem): void {
  toolbarItems.push(item);
  toolbarItems.sort((a, b) => a.order - b.order);
}

export function listToolbarItems(): readonly ToolbarItem[] {
  return toolbarItems;
}
