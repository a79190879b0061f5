import { onMapOpened, registerCommand, registerView } from '../../workbench/registry';
import { simStore, startSimulation } from './sim-store.svelte';
import WhatIfView from './WhatIfView.svelte';
import { registerModelEditCommands } from './model-commands';

/** A play triangle with a rising line (24x24). */
const SIM_ICON = 'M4 4l9 6-9 6zm11 13l3-4 2 2 3-5v2l-3 5-2-2-3 4z';

/** "Play it forward": the What-if view, its store per open map, and its commands. */
export function registerSimulation(): void {
  onMapOpened((wb) => startSimulation(wb));
  registerModelEditCommands();
  registerView({
    id: 'simulation',
    title: 'What if',
    location: 'sidebar',
    order: 45,
    icon: SIM_ICON,
    component: WhatIfView,
  });
  registerCommand({
    id: 'simulation.pushUp',
    title: 'Push the Selection Up',
    category: 'What if',
    when: (c) => c.hasMap,
    run: (wb) => {
      for (const id of wb.selection) simStore(wb)?.addPush(id, 1);
      wb.showView('simulation');
    },
  });
  registerCommand({
    id: 'simulation.pushDown',
    title: 'Push the Selection Down',
    category: 'What if',
    when: (c) => c.hasMap,
    run: (wb) => {
      for (const id of wb.selection) simStore(wb)?.addPush(id, -1);
      wb.showView('simulation');
    },
  });
  registerCommand({
    id: 'simulation.moment',
    title: 'The What-if Moment Shown',
    category: 'What if',
    hidden: true,
    when: (c) => c.hasMap,
    // For other features (a story step records it): the run on screen and the moment shown.
    run: (wb) => simStore(wb)?.moment() ?? null,
  });
  registerCommand({
    id: 'simulation.stop',
    title: 'Stop the What-if',
    category: 'What if',
    when: (c) => c.hasMap,
    run: (wb) => simStore(wb)?.stop(),
  });
}
