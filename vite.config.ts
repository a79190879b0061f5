import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The canvas workbench. `npm run build:canvas` writes dist/canvas, which the host serves.
export default defineConfig({
  root: 'canvas',
  publicDir: false,
  plugins: [svelte()],
  build: {
    outDir: '../dist/canvas',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
});
