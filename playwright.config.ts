import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './packages/testing/src/chromium.mjs';
import { lighterWindows } from './e2e/lighter-windows.ts';

export default defineConfig({
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CI'] ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: {
    browserName: 'chromium',
    // A window per test: without the UI pages Chromium loads into each (e2e/lighter-windows.ts).
    launchOptions: lighterWindows(chromiumLaunchOptions()),
    // Tall enough for the whole demo page: a click into a cross-origin frame
    // right after the page scrolls can land on the old position under load.
    viewport: { width: 1280, height: 2000 },
    trace: 'off',
  },
  projects: [
    { name: 'e2e', testDir: 'e2e', testMatch: '**/*.spec.ts' },
    // @cardframe/testing's own tests: each helper against a real frame.
    { name: 'testing', testDir: 'packages/testing/test', testMatch: '**/*.spec.ts' },
  ],
});
