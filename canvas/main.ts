import { mount } from 'svelte';
import App from './workbench/App.svelte';
import { registerCoreCommands } from './workbench/core-commands';
import { registerContributions } from './contrib/contributions';
import './workbench/theme.css';

// Commands and views first: a keybinding claimed twice stops start-up here, loudly.
registerCoreCommands();
registerContributions();

mount(App, { target: document.getElementById('app') as HTMLElement });
