import { defineConfig } from '@playwright/test';

// End-to-end tests drive the production build in a real Chromium; one worker, because the machine has two cores and
// each test owns a whole browser plus the local portal.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
});
