// One place that decides which Chromium the test runners launch. Playwright
// cannot download its own browsers on closed networks, so a system Chromium
// (CHROMIUM_PATH, or Debian's /usr/bin/chromium) wins when there is one.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The system Chromium to use, or undefined to let Playwright use its own. */
export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Launch options for playwright's chromium.launch(). */
export function chromiumLaunchOptions() {
  const executablePath = chromiumPath();
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
