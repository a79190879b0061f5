import { onMapOpened, registerCommand, registerView } from '../../workbench/registry';
import { simStore, startSimulation, type StoryMoment } from './sim-store.svelte';
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
    id: 'simulation.showMoment',
    title: 'Show a What-if Moment',
    category: 'What if',
    hidden: true,
    when: (c) => c.hasMap,
    // For a story step: { pushes, options, t } computed in the worker and marked on the map;
    // null takes it off. Resolves to { worker, marks, ms } (null when cleared or superseded).
    run: (wb, args) => simStore(wb)?.showMoment((args ?? null) as StoryMoment | null) ?? null,
  });
  registerCommand({
    id: 'simulation.momentFills',
    title: 'Colours of a What-if Moment',
    category: 'What if',
    hidden: true,
    when: (c) => c.hasMap,
    // For a story's export: id -> fill of { pushes, options, t }, computed in the worker.
    run: (wb, args) => simStore(wb)?.momentFills(args as StoryMoment) ?? null,
  });
  registerCommand({
    id: 'simulation.stop',
    title: 'Stop the What-if',
    category: 'What if',
    when: (c) => c.hasMap,
    run: (wb) => simStore(wb)?.stop(),
  });
}
