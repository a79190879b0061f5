import { transact, writeNewConnection, writeNewElement } from '../../../shared/domain/index';
import {
  copySelection,
  parseClipboard,
  pasteRecords,
  payloadCenter,
  type ClipboardPayload,
} from '../../platform/clipboard';
import { registerCommand } from '../registry';
import type { Workbench } from '../workbench.svelte';
import { deleteSelection } from './delete';
import { anySelected, editable, onMap } from './when';

const CLIPBOARD_KEY = 'weavemap.clipboard';

function copy(wb: Workbench, cut = false): void {
  const payload = copySelection(wb.snapshot, wb.selection, wb.session.roomId);
  if (!payload) {
    wb.say('Select elements to copy.', 'error');
    return;
  }
  const text = JSON.stringify(payload);
  try {
    localStorage.setItem(CLIPBOARD_KEY, text);
  } catch {
    // Too big for local storage: the system clipboard below still has it.
  }
  void navigator.clipboard?.writeText(text).catch(() => undefined);
  if (cut) deleteSelection(wb);
  wb.say(
    `${cut ? 'Cut' : 'Copied'} ${payload.elements.length} element${payload.elements.length === 1 ? '' : 's'} and ${payload.connections.length} connection${payload.connections.length === 1 ? '' : 's'}.`,
  );
}

async function paste(wb: Workbench, text?: string): Promise<void> {
  let payload: ClipboardPayload | null = text ? parseClipboard(text) : null;
  if (!payload && !text) {
    const fromSystem = await navigator.clipboard?.readText().catch(() => '');
    payload = fromSystem ? parseClipboard(fromSystem) : null;
    if (!payload) payload = parseClipboard(localStorage.getItem(CLIPBOARD_KEY) ?? '');
  }
  if (!payload) {
    wb.say('Nothing to paste: copy elements from a Weavemap map first.', 'error');
    return;
  }
  let offset: [number, number];
  if (payload.roomId === wb.session.roomId) offset = [40, 40];
  else {
    const v = wb.renderer?.getViewport();
    const [cx, cy] = payloadCenter(payload);
    offset = v
      ? [
          Math.round(v.rect.x + v.rect.width / 2 - cx),
          Math.round(v.rect.y + v.rect.height / 2 - cy),
        ]
      : [0, 0];
  }
  const records = pasteRecords(payload, offset);
  const ok = wb.write(() =>
    transact(wb.session.ctx, () => {
      for (const e of records.elements) writeNewElement(wb.session.ctx, e);
      for (const c of records.connections) writeNewConnection(wb.session.ctx, c);
      return true;
    }),
  );
  wb.session.stopCapturing();
  if (ok) {
    wb.select([...records.ids.values()]);
    wb.say(`Pasted ${records.elements.length} element${records.elements.length === 1 ? '' : 's'}.`);
  }
}

/** The clipboard and history commands. */
export function registerClipboardCommands(): void {
  registerCommand({
    id: 'edit.copy',
    title: 'Copy',
    category: 'Edit',
    keybinding: 'mod+c',
    keyWhen: onMap,
    when: (c) => c.hasMap && anySelected(c),
    run: (wb) => copy(wb),
  });
  registerCommand({
    id: 'edit.cut',
    title: 'Cut',
    category: 'Edit',
    keybinding: 'mod+x',
    keyWhen: onMap,
    when: (c) => editable(c) && c.selectedElements > 0,
    run: (wb) => copy(wb, true),
  });
  registerCommand({
    id: 'edit.paste',
    title: 'Paste',
    category: 'Edit',
    keybinding: 'mod+v',
    keyWhen: onMap,
    when: editable,
    run: (wb, args) => paste(wb, typeof args === 'string' ? args : undefined),
  });
  registerCommand({
    id: 'edit.duplicate',
    title: 'Duplicate',
    category: 'Edit',
    keybinding: 'mod+d',
    keyWhen: onMap,
    when: (c) => editable(c) && c.selectedElements > 0,
    run: async (wb) => {
      copy(wb);
      await paste(wb, localStorage.getItem(CLIPBOARD_KEY) ?? undefined);
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
}
