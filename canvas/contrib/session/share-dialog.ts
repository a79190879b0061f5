import { singleModal } from '../../ui/modal';
import type { Workbench } from '../../workbench/workbench.svelte';
import ShareDialog from './ShareDialog.svelte';
import { shareLinks } from './share-links';

const dialog = singleModal(ShareDialog);

/** Opens the Share dialog (one at a time); focus returns where it was when it closes. */
export async function openShareDialog(wb: Workbench): Promise<void> {
  if (dialog.isOpen) return;
  const links = await shareLinks(wb);
  const facilitatorLink = wb.session.role === 'facilitator' ? location.href : null;
  dialog.open({ wb, links, facilitatorLink });
}

/** Closes the dialog if it is open (the map was closed). */
export function closeShareDialog(): void {
  dialog.close();
}
