import { mount, unmount } from 'svelte';
import type { Workbench } from '../../workbench/workbench.svelte';
import ShareDialog from './ShareDialog.svelte';
import { shareLinks } from './share-links';

let open: (() => void) | null = null;

/** Opens the Share dialog (one at a time); focus returns where it was when it closes. */
export async function openShareDialog(wb: Workbench): Promise<void> {
  if (open) return;
  const links = await shareLinks(wb);
  const facilitatorLink = wb.session.role === 'facilitator' ? location.href : null;
  const before = document.activeElement as HTMLElement | null;
  const target = document.createElement('div');
  document.body.append(target);
  const close = () => {
    if (!open) return;
    open = null;
    void unmount(component);
    target.remove();
    before?.focus();
  };
  open = close;
  const component = mount(ShareDialog, {
    target,
    props: { wb, links, facilitatorLink, onclose: close },
  });
}

/** Closes the dialog if it is open (the map was closed). */
export function closeShareDialog(): void {
  open?.();
}
