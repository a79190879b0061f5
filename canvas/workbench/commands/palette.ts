import { KIND_TITLE } from '../../ui/kind-names';
import { commands, registerCommand } from '../registry';
import type { QuickItem } from '../quick-input';
import type { Workbench } from '../workbench.svelte';
import { frameOnMap } from '../frame';
import { hasMap } from './when';

/** Opens the command palette: every command whose `when` holds, with its keys. */
export function showCommandPalette(wb: Workbench, initialQuery = ''): void {
  const ctx = { ...wb.context(), dialogOpen: false };
  const items: QuickItem[] = commands
    .all()
    .filter((c) => !c.hidden && (!c.when || c.when(ctx)))
    .map((c) => ({
      id: c.id,
      label: `${c.category}: ${c.title}`,
      ...(c.keyLabel ? { keyLabel: c.keyLabels.join('  ') } : {}),
    }));
  wb.openQuickInput({
    title: 'Command palette',
    placeholder: 'Type the name of a command',
    items,
    emptyText: 'No command matches.',
    initialQuery,
    accept: (item) => {
      void commands.execute(item.id).catch((e: unknown) => wb.say(String(e), 'error'));
    },
  });
}

/** Quick open: jump to an element by its label. */
export function showQuickOpen(wb: Workbench): void {
  const items: QuickItem[] = [...wb.snapshot.elements.values()]
    .map((e) => ({
      id: e.id,
      label: e.label || `(untitled ${KIND_TITLE[e.kind].toLowerCase()})`,
      description: [KIND_TITLE[e.kind], ...e.tags].join(' · '),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  wb.openQuickInput({
    title: 'Go to element',
    placeholder: 'Type part of an element’s label',
    items,
    emptyText: items.length ? 'No element matches.' : 'This map has no elements yet.',
    accept: (item) => {
      frameOnMap(wb, [item.id]);
      wb.focusMap();
    },
  });
}

export function registerPaletteCommands(): void {
  registerCommand({
    id: 'workbench.showCommands',
    title: 'Show All Commands',
    category: 'View',
    keybinding: ['mod+shift+p', 'f1'],
    keybindingInInputs: true,
    when: hasMap,
    run: (wb) => showCommandPalette(wb),
  });
  registerCommand({
    id: 'workbench.quickOpen',
    title: 'Go to Element…',
    category: 'Go',
    keybinding: 'mod+p',
    keybindingInInputs: true,
    when: hasMap,
    run: (wb) => showQuickOpen(wb),
  });
}
