import { onMapOpened, registerCommand, registerView } from '../../workbench/registry';
import { ICONS } from '../../workbench/icons';
import { activityLog, startActivityLog } from './activity-log.svelte';
import ActivityView from './ActivityView.svelte';

export function registerActivity(): void {
  onMapOpened(startActivityLog);
  registerView({
    id: 'activity',
    title: 'Activity',
    location: 'panel',
    order: 10,
    icon: ICONS.activity,
    component: ActivityView,
    keybinding: 'mod+shift+y',
  });
  registerCommand({
    id: 'activity.clear',
    title: 'Clear the Activity Feed',
    category: 'Activity',
    keybinding: 'alt+shift+x', // Alt+Shift+C is the clipper extension's popup
    when: (c) => c.hasMap,
    run: (wb) => {
      const log = activityLog(wb);
      if (log) log.entries = [];
    },
  });
}
