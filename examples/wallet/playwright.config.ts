import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '@cardframe/testing';

export default defineConfig({
  testDir: 'tests',
  fullyParallel: true,
  workers: 2,
  timeout: 30_000,
  reporter: 'list',
  use: {
    // A system Chromium (CARDFRAME_CHROMIUM, CHROMIUM_PATH or /usr/bin/chromium)
    // where Playwright cannot download its own, as on our CI machines.
    launchOptions: chromiumLaunchOptions(),
  },
});
