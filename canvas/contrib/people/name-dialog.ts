import { mount, unmount } from 'svelte';
import type { Workbench } from '../../workbench/workbench.svelte';
import NameDialog from './NameDialog.svelte';

let open: (() => void) | null = null;

/** Opens the name dialog (one at a time); focus returns where it was when it closes. */
export function openNameDialog(wb: Workbench, joining = false): void {
  if (open) return;
  const before = document.activeElement as HTMLElement | null;
  const target = document.createElement('div');
  document.body.append(target);
  const close = () => {
    if (!open) return;
    open = null;
    void unmount(component);
    target.remove();
    if (before && before !== document.body) before.focus();
    else wb.focusMap();
  };
  open = close;
  const component = mount(NameDialog, { target, props: { wb, joining, onclose: close } });
}

export function closeNameDialog(): void {
  open?.();
}
