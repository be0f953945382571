// A Chromium profile like a browser's default one where cross-site frames may
// use storage (third-party cookies allowed): Playwright's contexts, like an
// incognito window, refuse it, and with it a frame's SharedWorker.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { chromiumLaunchOptions } from '@cardframe/testing/chromium';
import { lighterWindows } from './lighter-windows.ts';

/** Launches Chromium on a fresh profile whose cookie controls allow third-party storage; closing the context removes the profile. */
export async function contextWithThirdPartyStorage(): Promise<BrowserContext & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cardframe-profile-'));
  mkdirSync(join(dir, 'Default'));
  // 0: third-party cookies (and so storage, Web Locks and SharedWorkers in cross-site frames) allowed.
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  const context = await chromium.launchPersistentContext(dir, lighterWindows(chromiumLaunchOptions()));
  return Object.assign(context, {
    async dispose() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
