import { registerView } from '../../workbench/registry';
import { ICONS } from '../../workbench/icons';
import OutlineView from './OutlineView.svelte';

export function registerOutline(): void {
  registerView({
    id: 'outline',
    title: 'Outline',
    location: 'sidebar',
    order: 10,
    icon: ICONS.outline,
    component: OutlineView,
    keybinding: 'mod+shift+1',
  });
}
