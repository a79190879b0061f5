import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'canvas/**/*.test.ts', 'extension/**/*.test.ts'],
    environment: 'node',
    // Timeouts guard against hangs only (no test asserts on time): generous, so the suite passes on
    // a busy machine (npm run test:under-load).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
