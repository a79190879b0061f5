import { onMapOpened, registerCommand, registerView } from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';
import HistoryView from './HistoryView.svelte';
import { historyStore, showComparisons, startHistory, type HistoryStore } from './history.svelte';
import type { VersionInfo } from './history-api';

/** A clock face with a backwards arrow (24x24). */
const HISTORY_ICON =
  'M13 3a9 9 0 1 1-8.5 12h2.1A7 7 0 1 0 6 9.3V12H2V5h2v2.6A9 9 0 0 1 13 3zm-1 4h2v5.4l3.5 2.1-1 1.7-4.5-2.7z';

function store(wb: Workbench): HistoryStore {
  const s = historyStore(wb);
  if (!s) throw new Error('The history is not ready yet.');
  return s;
}

const isVersion = (v: unknown): v is VersionInfo =>
  typeof v === 'object' && v !== null && typeof (v as VersionInfo).id === 'string';

export function registerHistory(): void {
  onMapOpened((wb) => {
    const stop = startHistory(wb);
    const stopShow = showComparisons(wb, store(wb));
    return () => {
      stopShow();
      stop();
    };
  });
  registerView({
    id: 'history',
    title: 'History',
    location: 'sidebar',
    order: 70,
    icon: HISTORY_ICON,
    component: HistoryView,
    keybinding: 'mod+alt+h',
    // It asks the host for the versions each time it opens.
    keepAlive: false,
  });
  registerCommand({
    id: 'history.keepVersion',
    title: 'Keep Version…',
    category: 'History',
    keybinding: 'mod+alt+1',
    when: (c) => c.hasMap && c.canTakePart !== false,
    run: async (wb, args) => {
      const name = typeof args === 'string' ? args : prompt('Name of the version', 'after mapping');
      if (name === null || name === undefined) return undefined;
      return store(wb).keep(name);
    },
  });
  registerCommand({
    id: 'history.compareLatest',
    title: 'Compare the Latest Version with the Live Map',
    category: 'History',
    keybinding: 'mod+alt+2',
    when: (c) => c.hasMap,
    run: async (wb) => {
      const s = store(wb);
      await s.refresh();
      const v = s.versions[0];
      if (!v) wb.say('No versions yet: keep one first.');
      else await s.compare(v);
    },
  });
  registerCommand({
    id: 'history.closeComparison',
    title: 'Close the Version Comparison',
    category: 'History',
    keybinding: 'mod+alt+3',
    when: (c) => c.hasMap,
    run: (wb) => store(wb).closeComparison(),
  });
  registerCommand({
    id: 'history.restore',
    title: 'Restore the Version Being Compared (Undo Takes It Back)',
    category: 'History',
    keybinding: 'mod+alt+4',
    when: (c) => c.hasMap && !c.readOnly,
    run: (wb, args) => {
      const s = store(wb);
      const v = isVersion(args) ? args : s.comparison?.version;
      if (!v) {
        wb.say('Open a version with Compare first, or pick one in the History view.', 'error');
        return undefined;
      }
      return s.restore(v);
    },
  });
}
