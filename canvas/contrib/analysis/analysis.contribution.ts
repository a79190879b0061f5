import {
  onMapOpened,
  registerCommand,
  registerToolbarItem,
  registerView,
} from '../../workbench/registry';
import { analysisStore, mapMarks, startAnalysis } from './analysis.svelte';
import { registerAnalysisEditCommands } from './analysis-commands';
import { ANALYSIS_ICONS } from './icons';
import LeverageView from './LeverageView.svelte';
import LoopsView from './LoopsView.svelte';
import NetworkView from './NetworkView.svelte';
import WeavingView from './WeavingView.svelte';

/**
 * Seeing the system: the Loops, Leverage, Network and Weaving views (each with its "Show …"
 * command and keybinding), "Recompute Analysis", and the analysis worker that runs while a map
 * is open. Keybindings: Ctrl/Cmd+Shift+5..8 for the views (1 and 2 are Outline and People; 3
 * and 4 are left for Sources and facilitation), Alt+Shift+A to recompute, Alt+Shift+O for loop
 * markers in every loop (also the toolbar's "Mark loops"; not "Loops", the view's name).
 */
export function registerAnalysis(): void {
  onMapOpened(startAnalysis);
  registerAnalysisEditCommands();
  registerView({
    id: 'loops',
    title: 'Loops',
    location: 'sidebar',
    order: 40,
    icon: ANALYSIS_ICONS.loops,
    component: LoopsView,
    keybinding: 'mod+shift+5',
  });
  registerView({
    id: 'leverage',
    title: 'Leverage',
    location: 'sidebar',
    order: 41,
    icon: ANALYSIS_ICONS.leverage,
    component: LeverageView,
    keybinding: 'mod+shift+6',
  });
  registerView({
    id: 'network',
    title: 'Network',
    location: 'sidebar',
    order: 42,
    icon: ANALYSIS_ICONS.network,
    component: NetworkView,
    keybinding: 'mod+shift+7',
  });
  registerView({
    id: 'weaving',
    title: 'Weaving',
    location: 'sidebar',
    order: 43,
    icon: ANALYSIS_ICONS.weaving,
    component: WeavingView,
    keybinding: 'mod+shift+8',
  });
  registerCommand({
    id: 'analysis.recompute',
    title: 'Recompute Analysis',
    category: 'Analysis',
    keybinding: 'alt+shift+a',
    keybindingInInputs: false,
    when: (c) => c.hasMap,
    run: (wb) => {
      const store = analysisStore(wb);
      if (!store) return;
      store.recompute();
      wb.say('Recomputing loops, leverage and network measures…');
    },
  });
  registerCommand({
    id: 'analysis.toggleLoopMarkers',
    title: 'Toggle Loop Markers in Every Loop',
    category: 'Analysis',
    keybinding: 'alt+shift+o',
    keybindingInInputs: false,
    when: (c) => c.hasMap,
    run: (wb) => mapMarks(wb)?.toggleAllLoops(),
  });
  registerToolbarItem({ command: 'analysis.toggleLoopMarkers', label: 'Mark loops', order: 20 });
  registerCommand({
    id: 'analysis.clearDisplay',
    title: 'Show the Map Plainly (No Size, Colour or Lens)',
    category: 'Analysis',
    when: (c) => c.hasMap,
    run: (wb) => analysisStore(wb)?.setSettings({ sizeBy: 'none', colorBy: 'none', lens: 'all' }),
  });
}
