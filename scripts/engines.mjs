// Where the system's Firefox ESR and WebKitGTK live, for setup, the
// web-test-runner config, the cross-engine e2e suite and the benchmark.
// Plain JavaScript with only Node's own modules: setup runs it on a bare
// Node 20 before anything is installed (as it does packages/testing's
// chromium.mjs).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const SYSTEM_FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
const SYSTEM_WEBKIT_DRIVER = ['/usr/bin/WebKitWebDriver'];
const SYSTEM_MINIBROWSER = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
];

function pick(env, name, candidates) {
  const value = env[name];
  if (value) {
    if (!existsSync(value)) throw new Error(`${name}=${value}: no such file`);
    return value;
  }
  return candidates.find((path) => existsSync(path));
}

/** Firefox (ESR) to test with: `CARDFRAME_FIREFOX`, then a system install. */
export function firefoxPath(env = process.env) {
  return pick(env, 'CARDFRAME_FIREFOX', SYSTEM_FIREFOX);
}

/** WebKitGTK's WebDriver and the MiniBrowser it drives, when both are installed. */
export function webkitPaths(env = process.env) {
  const driver = pick(env, 'CARDFRAME_WEBKIT_DRIVER', SYSTEM_WEBKIT_DRIVER);
  const browser = pick(env, 'CARDFRAME_MINIBROWSER', SYSTEM_MINIBROWSER);
  return driver && browser ? { driver, browser } : undefined;
}

/** MiniBrowser has no headless mode: WebKit runs need an X display (xvfb-run gives one). */
export function hasXvfbRun() {
  return spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).status === 0 || existsSync('/usr/bin/xvfb-run');
}

/**
 * W3C capabilities for a WebKitWebDriver session on MiniBrowser. WebKitGTK's
 * driver speaks classic WebDriver only: webdriverio must not ask for BiDi.
 */
export function webkitCapabilities(browser) {
  return { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: browser, args: ['--automation'] }, 'wdio:enforceWebDriverClassic': true };
}

/** puppeteer-core launch options for the system Firefox over WebDriver BiDi. */
export function firefoxLaunchOptions(env = process.env) {
  const executablePath = firefoxPath(env);
  if (!executablePath) throw new Error('Firefox is not installed: apt-get install -y firefox-esr (or set CARDFRAME_FIREFOX)');
  // Chromium-only Puppeteer defaults would be ignored; these keep Firefox off the network on a closed machine.
  return {
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.update.enabled': false,
    },
  };
}
