import { mount, unmount } from 'svelte';
import type { Workbench } from '../../workbench/workbench.svelte';
import SessionBar from './SessionBar.svelte';
import type { SessionStore } from './session-store.svelte';

/**
 * Shows the session bar (the phase's banner and prompt, the shared timer, the lock and private
 * mode, the spotlight) on every screen, and the "who is here" question in the Connect phase. It
 * floats over the top of the map: the workbench has no slot for a feature's banner.
 */
export function mountSessionBar(wb: Workbench, store: SessionStore): () => void {
  const target = document.createElement('div');
  target.className = 'wm-session-bar-host';
  document.body.append(target);
  const component = mount(SessionBar, { target, props: { wb, store } });
  return () => {
    void unmount(component);
    target.remove();
  };
}
