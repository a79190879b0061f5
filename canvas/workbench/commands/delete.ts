import { removeConnections, removeElements, transact } from '../../../shared/domain/index';
import { registerCommand } from '../registry';
import type { Workbench } from '../workbench.svelte';
import { anySelected, editable, onMap } from './when';

/** Deletes the selected elements (with their connections) and connections, in one step. */
export function deleteSelection(wb: Workbench): void {
  const snap = wb.snapshot;
  const els = wb.selection.filter((id) => snap.elements.has(id));
  const conns = wb.selection.filter((id) => snap.connections.has(id));
  if (!els.length && !conns.length) return;
  wb.write(() =>
    transact(wb.session.ctx, () => {
      if (conns.length) removeConnections(wb.session.ctx, conns);
      if (els.length) removeElements(wb.session.ctx, els);
    }),
  );
  wb.session.stopCapturing();
  wb.select([]);
  wb.say(`Deleted ${els.length + conns.length} item${els.length + conns.length === 1 ? '' : 's'}.`);
}

export function registerDeleteCommands(): void {
  registerCommand({
    id: 'map.delete',
    title: 'Delete Selection',
    category: 'Map',
    keybinding: ['delete', 'backspace'],
    keyWhen: onMap,
    when: (c) => editable(c) && anySelected(c),
    run: (wb) => deleteSelection(wb),
  });
}
