import { mount, unmount } from 'svelte';
import {
  onMapOpened,
  registerCommand,
  registerContextKeys,
  registerView,
} from '../../workbench/registry';
import type { Workbench } from '../../workbench/workbench.svelte';
import StoryCaption from './StoryCaption.svelte';
import { startStory, storyStore, type StoryStore } from './story-store.svelte';
import StoryView from './StoryView.svelte';

/** An open book (24x24). */
const STORY_ICON = 'M3 5c3-1 6-1 9 1 3-2 6-2 9-1v14c-3-1-6-1-9 1-3-2-6-2-9-1zm9 1v14';

/** Shows the step playing over the map while a story plays. */
function showCaption(wb: Workbench): () => void {
  const store = storyStore(wb) as StoryStore;
  const target = document.createElement('div');
  document.body.append(target);
  const shown = mount(StoryCaption, { target, props: { store } });
  return () => {
    void unmount(shown);
    target.remove();
  };
}

/** Story mode: the Story view, the caption over the map, and next / previous on the keyboard. */
export function registerStory(): void {
  onMapOpened((wb) => startStory(wb));
  onMapOpened((wb) => showCaption(wb));
  registerContextKeys((wb) => {
    const s = storyStore(wb);
    return {
      storyPlaying: !!s?.playback,
      storyDriver: !!s?.playback && wb.session.role === 'facilitator',
    };
  });
  registerView({
    id: 'story',
    title: 'Story',
    location: 'sidebar',
    order: 46,
    icon: STORY_ICON,
    component: StoryView,
  });
  // Page Down / Page Up are what presentation clickers send.
  registerCommand({
    id: 'story.next',
    title: 'Next Story Step',
    category: 'Story',
    keybinding: 'pagedown',
    when: (c) => c.storyDriver === true,
    run: (wb) => storyStore(wb)?.next(),
  });
  registerCommand({
    id: 'story.previous',
    title: 'Previous Story Step',
    category: 'Story',
    keybinding: 'pageup',
    when: (c) => c.storyDriver === true,
    run: (wb) => storyStore(wb)?.previous(),
  });
  registerCommand({
    id: 'story.stop',
    title: 'Stop the Story',
    category: 'Story',
    when: (c) => c.storyDriver === true,
    run: (wb) => storyStore(wb)?.stop(),
  });
}
