import { mount, unmount } from 'svelte';
import type { Workbench } from '../../workbench/workbench.svelte';
import SessionBar from './SessionBar.svelte';
import type { SessionStore } from './session-store.svelte';

/**
 * Shows the session bar (the phase, the shared timer, the lock and private mode, the spotlight,
 * the vote) on every screen, in the workbench's session slot: a row of fixed height above the
 * map, so nothing the session shows covers the map or moves it.
 */
export function mountSessionBar(wb: Workbench, store: SessionStore): () => void {
  let component: ReturnType<typeof mount> | null = null;
  let frame = 0;
  const attach = () => {
    const slot = wb.sessionSlot;
    if (!slot || !slot.isConnected) {
      frame = requestAnimationFrame(attach);
      return;
    }
    component = mount(SessionBar, { target: slot, props: { wb, store } });
  };
  attach();
  return () => {
    cancelAnimationFrame(frame);
    if (component) void unmount(component);
  };
}
