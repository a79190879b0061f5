import { setMapTitle, updateConnection, updateElement } from '../../../shared/domain/index';
import { registerCommand } from '../registry';
import type { Workbench } from '../workbench.svelte';
import { connectStep } from './connect';
import { editable, onMap } from './when';

/** Writes a new label; false when the write was refused (the reason is shown). */
export function commitRename(
  wb: Workbench,
  id: string,
  type: 'element' | 'connection',
  label: string,
): boolean {
  const ok = wb.write(() => {
    if (type === 'element') updateElement(wb.session.ctx, id, { label });
    else updateConnection(wb.session.ctx, id, { label });
    return true;
  });
  wb.session.stopCapturing();
  return ok === true;
}

export interface RenameArgs {
  readonly id: string;
  readonly type: 'element' | 'connection';
  readonly label: string;
}

export function registerRenameCommands(): void {
  registerCommand({
    id: 'map.rename',
    title: 'Rename',
    category: 'Map',
    keybinding: ['f2', 'enter'],
    keyWhen: onMap,
    when: (c) => editable(c) && (c.selectedElements + c.selectedConnections === 1 || c.connecting),
    run: (wb) => {
      // Enter while making a connection finishes it.
      if (wb.connectFrom) connectStep(wb);
      else wb.rename();
    },
  });
  // The inline label editor's Enter.
  registerCommand({
    id: 'map.commitRename',
    title: 'Set Label',
    category: 'Map',
    hidden: true,
    when: editable,
    run: (wb, args) => {
      const { id, type, label } = args as RenameArgs;
      return commitRename(wb, id, type, label);
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
}
