import { resolve } from 'node:path';
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
    rolldownOptions: {
      input: {
        main: resolve(import.meta.dirname, 'canvas/index.html'),
        // The renderer benchmark and showcase page (npm run bench).
        bench: resolve(import.meta.dirname, 'canvas/bench.html'),
      },
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
});
