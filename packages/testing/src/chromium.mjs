// The one place that decides which Chromium tests launch: the kit's
// fixtures, the workspace's Playwright and web-test-runner configs, the
// benchmark, and `npm test`'s setup, which runs on a bare Node 20 before
// anything is installed. So this is plain JavaScript using only Node's own
// modules; its types are in chromium.d.mts.
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * The Chromium to test with: `CARDFRAME_CHROMIUM`, then `CHROMIUM_PATH`,
 * then a system install; undefined means Playwright's own browser (which
 * `npx playwright install chromium` downloads where the network allows).
 */
export function chromiumPath(env = process.env) {
  for (const name of ['CARDFRAME_CHROMIUM', 'CHROMIUM_PATH']) {
    const value = env[name];
    if (value) {
      if (!existsSync(value)) throw new Error(`${name}=${value}: no such file`);
      return value;
    }
  }
  return SYSTEM_CHROMIUM.find((path) => existsSync(path));
}

/**
 * `launchOptions` for a Playwright config on machines without Playwright's
 * own browsers (CI images, closed networks): the system Chromium and flags
 * that keep it from reaching out to the network or hanging without a GPU.
 */
export function chromiumLaunchOptions(env = process.env) {
  const executablePath = chromiumPath(env);
  return {
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  };
}
