import { singleModal } from '../../ui/modal';
import type { Workbench } from '../../workbench/workbench.svelte';
import NameDialog from './NameDialog.svelte';

const dialog = singleModal(NameDialog);

/** Opens the name dialog (one at a time); focus returns where it was when it closes. */
export function openNameDialog(wb: Workbench, joining = false): void {
  dialog.open({ wb, joining }, () => wb.focusMap());
}

export function closeNameDialog(): void {
  dialog.close();
}
