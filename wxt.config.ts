import { defineConfig } from 'wxt';

// The companion extension. Sources live in extension/; the build lands in .output/.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  modules: ['@wxt-dev/module-svelte'],
  manifest: {
    name: 'Weavemap Clipper',
    description: 'Clip web pages, quotes and links into a shared Weavemap map as evidence.',
  },
});
