import { defineConfig } from '@playwright/test';

// End-to-end specs under test/e2e. Browsers are launched by test/support/fixtures.ts with
// Debian's Chromium and the flags this machine needs (see test/support/chromium.ts).
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: true,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'e2e', testIgnore: /\.perf\.spec\.ts$/ },
    // Timing specs run after every other spec, alone on the machine: one at a time (two at
    // once share the cores, and a long task in one is the other's doing).
    { name: 'perf', testMatch: /\.perf\.spec\.ts$/, dependencies: ['e2e'], workers: 1 },
  ],
});
