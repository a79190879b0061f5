import { registerCommand } from '../registry';
import { theme } from '../theme.svelte';
import { router } from '../route.svelte';
import type { Workbench } from '../workbench.svelte';
import { hasMap, onMap, oneElement } from './when';

function zoomBy(wb: Workbench, factor: number): void {
  const r = wb.renderer;
  if (!r) return;
  wb.stopFollowing();
  r.zoomTo(r.getViewport().zoom * factor);
}

/** The view's commands: zoom, the parts that show, the theme, focus. */
export function registerViewCommands(): void {
  registerCommand({
    id: 'view.zoomToFit',
    title: 'Zoom to Fit',
    category: 'View',
    keybinding: 'shift+1',
    keyWhen: onMap,
    when: hasMap,
    run: (wb) => {
      wb.stopFollowing();
      wb.renderer?.fitToContent(48, 250);
    },
  });
  for (const [id, title, keybinding, factor] of [
    ['view.zoomIn', 'Zoom In', 'mod+=', 1.25],
    ['view.zoomOut', 'Zoom Out', 'mod+minus', 0.8],
  ] as const)
    registerCommand({
      id,
      title,
      category: 'View',
      keybinding,
      when: hasMap,
      run: (wb) => zoomBy(wb, factor),
    });
  registerCommand({
    id: 'view.zoomReset',
    title: 'Zoom to 100%',
    category: 'View',
    keybinding: 'mod+0',
    when: hasMap,
    run: (wb) => wb.renderer && zoomBy(wb, 1 / wb.renderer.getViewport().zoom),
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
      wb.requestFocus('inspector');
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
