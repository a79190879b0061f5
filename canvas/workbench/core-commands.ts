import { ELEMENT_KINDS, type ElementKind } from '../../shared/schema/types';
import { kindTitle } from '../../shared/schema/vocab/element-kinds';
import { setMapTitle } from '../../shared/domain/index';
import type { When } from '../platform/context-keys';
import { commands, registerCommand } from './registry';
import { theme } from './theme.svelte';
import { router } from './route.svelte';
import type { QuickItem, Workbench } from './workbench.svelte';

/**
 * The workbench's own commands: editing the map, the clipboard, history, the view and the
 * dialogs. Features add theirs in their contribution files. Single-key shortcuts work only while
 * the map has focus (so typing elsewhere never edits the map, WCAG 2.1.4); every command is in
 * the palette.
 */

const editable: When = (c) => c.hasMap && !c.readOnly;
const onMap: When = (c) => c.mapFocus;
const hasMap: When = (c) => c.hasMap;
const oneElement: When = (c) => c.selectedElements === 1;

const KIND_KEY: Record<ElementKind, string> = {
  factor: 'f',
  actor: 'a',
  intervention: 'i',
  note: 'n',
  group: 'g',
};

export { kindTitle };

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
      label: e.label || `(untitled ${kindTitle(e.kind).toLowerCase()})`,
      description: [kindTitle(e.kind), ...e.tags].join(' · '),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  wb.openQuickInput({
    title: 'Go to element',
    placeholder: 'Type part of an element’s label',
    items,
    emptyText: items.length ? 'No element matches.' : 'This map has no elements yet.',
    accept: (item) => {
      wb.select([item.id], { reveal: true });
      wb.focusMap();
    },
  });
}

let registered = false;

export function registerCoreCommands(): void {
  if (registered) return;
  registered = true;

  // ---- dialogs ----
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

  // ---- adding ----
  for (const kind of ELEMENT_KINDS) {
    registerCommand({
      id: `map.add.${kind}`,
      title: `Add ${kindTitle(kind)}`,
      category: 'Map',
      keybinding: KIND_KEY[kind],
      keyWhen: onMap,
      when: editable,
      run: (wb, args) => {
        wb.newKind = kind;
        const at = Array.isArray(args) ? (args as [number, number]) : undefined;
        wb.addElement(kind, at);
        wb.focusMap();
      },
    });
  }
  registerCommand({
    id: 'map.addElement',
    title: 'Add Element of the Chosen Kind',
    category: 'Map',
    keybinding: 'mod+shift+e',
    when: editable,
    run: (wb) => {
      wb.addElement(wb.newKind);
      wb.focusMap();
    },
  });
  registerCommand({
    id: 'map.chooseKind',
    title: 'Choose the Kind to Add…',
    category: 'Map',
    keybinding: 'alt+shift+k',
    when: editable,
    run: (wb) =>
      wb.openQuickInput({
        title: 'Kind of element to add',
        placeholder: 'Factor, actor, intervention, note or frame',
        items: ELEMENT_KINDS.map((k) => ({
          id: k,
          label: kindTitle(k),
          keyLabel: KIND_KEY[k].toUpperCase(),
        })),
        emptyText: 'No kind matches.',
        accept: (item) => {
          wb.newKind = item.id as ElementKind;
          wb.focusMap();
        },
      }),
  });

  // ---- editing the selection ----
  registerCommand({
    id: 'map.rename',
    title: 'Rename',
    category: 'Map',
    keybinding: ['f2', 'enter'],
    keyWhen: onMap,
    when: (c) => editable(c) && (c.selectedElements + c.selectedConnections === 1 || c.connecting),
    run: (wb) => {
      // Enter while making a connection finishes it.
      if (wb.connectFrom) wb.connectStep();
      else wb.rename();
    },
  });
  registerCommand({
    id: 'map.delete',
    title: 'Delete Selection',
    category: 'Map',
    keybinding: ['delete', 'backspace'],
    keyWhen: onMap,
    when: (c) => editable(c) && c.selectedElements + c.selectedConnections > 0,
    run: (wb) => wb.deleteSelection(),
  });
  registerCommand({
    id: 'map.connect',
    title: 'Connect: Start from Selection, or Finish to It',
    category: 'Map',
    keybinding: 'c',
    keyWhen: onMap,
    when: (c) => editable(c) && (c.selectedElements > 0 || c.connecting),
    run: (wb) => wb.connectStep(),
  });
  registerCommand({
    id: 'map.polarity.positive',
    title: 'Set Polarity + (Same Direction)',
    category: 'Map',
    keybinding: ['plus', '='],
    keyWhen: onMap,
    when: (c) => editable(c) && (c.selectedConnections > 0 || c.connecting),
    run: (wb) => wb.setPolarity('+'),
  });
  registerCommand({
    id: 'map.polarity.negative',
    title: 'Set Polarity − (Opposite Direction)',
    category: 'Map',
    keybinding: 'minus',
    keyWhen: onMap,
    when: (c) => editable(c) && (c.selectedConnections > 0 || c.connecting),
    run: (wb) => wb.setPolarity('-'),
  });
  registerCommand({
    id: 'map.toggleDelay',
    title: 'Toggle Delay on Connection',
    category: 'Map',
    keybinding: 'd',
    keyWhen: onMap,
    when: (c) => editable(c) && c.selectedConnections > 0,
    run: (wb) => wb.toggleDelay(),
  });
  registerCommand({
    id: 'map.togglePin',
    title: 'Pin or Unpin (Layout Leaves Pinned Elements in Place)',
    category: 'Map',
    keybinding: 'p',
    keyWhen: onMap,
    when: (c) => editable(c) && c.selectedElements > 0,
    run: (wb) => wb.togglePin(),
  });
  registerCommand({
    id: 'map.cancel',
    title: 'Cancel Connection or Clear Selection',
    category: 'Map',
    keybinding: 'escape',
    keyWhen: onMap,
    when: hasMap,
    run: (wb) => {
      if (wb.connectFrom) wb.cancelConnect();
      else wb.select([]);
    },
  });
  registerCommand({
    id: 'map.selectAll',
    title: 'Select All Elements',
    category: 'Map',
    keybinding: 'mod+a',
    keyWhen: onMap,
    when: hasMap,
    run: (wb) => wb.selectAll(),
  });
  const dirs = [
    ['up', 'Up', 0, -1],
    ['down', 'Down', 0, 1],
    ['left', 'Left', -1, 0],
    ['right', 'Right', 1, 0],
  ] as const;
  for (const [dir, name, dx, dy] of dirs) {
    registerCommand({
      id: `map.select.${dir}`,
      title: `Select Next Element ${name}`,
      category: 'Go',
      keybinding: dir,
      keyWhen: onMap,
      when: hasMap,
      run: (wb) => wb.moveSelection(dir),
    });
    registerCommand({
      id: `map.nudge.${dir}`,
      title: `Nudge Selection ${name}`,
      category: 'Map',
      keybinding: `alt+${dir}`,
      keyWhen: onMap,
      when: (c) => editable(c) && c.selectedElements > 0,
      run: (wb) => wb.nudge(dx, dy),
    });
  }

  // ---- clipboard and history ----
  registerCommand({
    id: 'edit.copy',
    title: 'Copy',
    category: 'Edit',
    keybinding: 'mod+c',
    keyWhen: onMap,
    when: (c) => c.hasMap && c.selectedElements + c.selectedConnections > 0,
    run: (wb) => wb.copy(),
  });
  registerCommand({
    id: 'edit.cut',
    title: 'Cut',
    category: 'Edit',
    keybinding: 'mod+x',
    keyWhen: onMap,
    when: (c) => editable(c) && c.selectedElements > 0,
    run: (wb) => wb.copy(true),
  });
  registerCommand({
    id: 'edit.paste',
    title: 'Paste',
    category: 'Edit',
    keybinding: 'mod+v',
    keyWhen: onMap,
    when: editable,
    run: (wb, args) => wb.paste(typeof args === 'string' ? args : undefined),
  });
  registerCommand({
    id: 'edit.duplicate',
    title: 'Duplicate',
    category: 'Edit',
    keybinding: 'mod+d',
    keyWhen: onMap,
    when: (c) => editable(c) && c.selectedElements > 0,
    run: async (wb) => {
      wb.copy();
      await wb.paste(localStorage.getItem('weavemap.clipboard') ?? undefined);
    },
  });
  registerCommand({
    id: 'edit.undo',
    title: 'Undo',
    category: 'Edit',
    keybinding: 'mod+z',
    when: (c) => editable(c) && c.canUndo,
    run: (wb) => wb.session.undo(),
  });
  registerCommand({
    id: 'edit.redo',
    title: 'Redo',
    category: 'Edit',
    keybinding: ['mod+shift+z', 'mod+y'],
    when: (c) => editable(c) && c.canRedo,
    run: (wb) => wb.session.redo(),
  });

  // ---- view ----
  registerCommand({
    id: 'view.zoomToFit',
    title: 'Zoom to Fit',
    category: 'View',
    keybinding: 'shift+1',
    keyWhen: onMap,
    when: hasMap,
    run: (wb) => wb.zoomToFit(),
  });
  registerCommand({
    id: 'view.zoomIn',
    title: 'Zoom In',
    category: 'View',
    keybinding: 'mod+=',
    when: hasMap,
    run: (wb) => wb.zoomBy(1.25),
  });
  registerCommand({
    id: 'view.zoomOut',
    title: 'Zoom Out',
    category: 'View',
    keybinding: 'mod+minus',
    when: hasMap,
    run: (wb) => wb.zoomBy(0.8),
  });
  registerCommand({
    id: 'view.zoomReset',
    title: 'Zoom to 100%',
    category: 'View',
    keybinding: 'mod+0',
    when: hasMap,
    run: (wb) => wb.renderer && wb.zoomBy(1 / wb.renderer.getViewport().zoom),
  });
  registerCommand({
    id: 'view.focusMap',
    title: 'Focus the Map',
    category: 'View',
    keybinding: 'alt+shift+m',
    keybindingInInputs: true,
    when: hasMap,
    run: (wb) => wb.focusMap(),
  });
  registerCommand({
    id: 'view.toggleTheme',
    title: 'Toggle Light and Dark Theme',
    category: 'Preferences',
    keybinding: 'alt+shift+t',
    run: () => theme.toggle(),
  });
  registerCommand({
    id: 'view.themeSystem',
    title: 'Follow the System Theme',
    category: 'Preferences',
    keybinding: 'alt+shift+y',
    run: () => theme.set('system'),
  });
  registerCommand({
    id: 'view.toggleSidebar',
    title: 'Toggle Side Bar',
    category: 'View',
    keybinding: 'mod+b',
    keybindingInInputs: true,
    when: hasMap,
    run: (wb) => {
      wb.sidebarView = wb.sidebarView ? null : 'outline';
    },
  });
  registerCommand({
    id: 'view.togglePanel',
    title: 'Toggle Panel',
    category: 'View',
    keybinding: 'mod+j',
    keybindingInInputs: true,
    when: hasMap,
    run: (wb) => {
      wb.panelView = wb.panelView ? null : 'activity';
    },
  });
  registerCommand({
    id: 'view.toggleInspector',
    title: 'Toggle Inspector',
    category: 'View',
    keybinding: 'alt+shift+i',
    keybindingInInputs: true,
    when: hasMap,
    run: (wb) => {
      wb.inspectorOpen = !wb.inspectorOpen;
    },
  });
  registerCommand({
    id: 'view.focusInspector',
    title: 'Edit Selection in Inspector',
    category: 'View',
    keybinding: 'alt+enter',
    keybindingInInputs: true,
    when: (c) => c.hasMap && oneElement(c),
    run: (wb) => {
      wb.inspectorOpen = true;
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('#inspector input, #inspector select')?.focus(),
      );
    },
  });
  registerCommand({
    id: 'map.renameMap',
    title: 'Rename Map…',
    category: 'Map',
    keybinding: 'alt+shift+r',
    when: editable,
    run: (wb) => {
      const title = prompt('Map title', wb.snapshot.meta.title);
      if (title !== null) wb.write(() => setMapTitle(wb.session.ctx, title));
    },
  });
  registerCommand({
    id: 'workbench.goHome',
    title: 'Go to the Start Page',
    category: 'Go',
    keybinding: 'alt+shift+h',
    keybindingInInputs: true,
    run: () => router.go('#/'),
  });
}
