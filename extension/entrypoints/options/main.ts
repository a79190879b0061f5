import { mount } from 'svelte';
import '../../lib/ui/clipper.css';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') as HTMLElement });
