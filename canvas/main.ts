import { mount } from 'svelte';
import App from './workbench/App.svelte';
import './workbench/theme.css';

mount(App, { target: document.getElementById('app') as HTMLElement });
