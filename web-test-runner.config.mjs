// Component and crypto tests in real browsers. Files in packages/*/test/ run
// here and under node:test; files in packages/*/test/browser/ only here.
// CARDFRAME_ENGINE picks the engine: chromium (default, Playwright), firefox
// (the system Firefox ESR over WebDriver BiDi) or webkit (WebKitGTK's
// MiniBrowser through the WebKitWebDriver that scripts/with-webkit-driver.mjs
// starts); docs/browsers.md says which files are Chromium's alone.
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { firefoxLaunchOptions, webkitCapabilities, webkitPaths } from './scripts/engines.mjs';
import { chromiumLaunchOptions } from './packages/testing/src/chromium.mjs';
import { lighterWindows } from './e2e/lighter-windows.ts';
import { callOracle } from './packages/test-env/src/seed-oracle.ts';
import { frameworksPlugin } from './packages/test-env/src/wtr-frameworks.mjs';

const vectorsDir = resolve(process.env.CARDFRAME_VECTORS ?? '../shared/vectors');

/** Serves ../shared/vectors read-only under /__vectors__/ (outside the project root). */
const vectorsMiddleware = async (ctx, next) => {
  if (ctx.path === '/__blank__') {
    // A page that never answers a connect: what a misconfigured frame-url looks like.
    ctx.type = 'text/html';
    ctx.body = '<!doctype html><title>blank</title>';
    return;
  }
  if (!ctx.path.startsWith('/__vectors__/')) return next();
  const file = resolve(vectorsDir, decodeURIComponent(ctx.path.slice('/__vectors__/'.length)));
  if (!file.startsWith(vectorsDir + sep)) {
    ctx.status = 403;
    return;
  }
  ctx.type = 'application/json';
  ctx.body = await readFile(file, 'utf8');
};

/** Lets browser tests call the Node seed oracle (the issuer's reference code). */
const seedOraclePlugin = {
  name: 'seed-oracle',
  executeCommand({ command, payload }) {
    if (command !== 'seed-oracle') return undefined;
    // A null result would read as "command not handled", so results travel wrapped.
    return { value: callOracle(payload.op, payload.args) };
  },
};

const engine = process.env.CARDFRAME_ENGINE ?? 'chromium';

/**
 * Test files that exercise Chromium itself rather than the product: each
 * names why. They run in Chromium only.
 */
const CHROMIUM_ONLY = [];

function launcher() {
  // A window per test file: without the UI pages Chromium loads into each (e2e/lighter-windows.ts).
  if (engine === 'chromium') return playwrightLauncher({ product: 'chromium', launchOptions: lighterWindows(chromiumLaunchOptions()) });
  if (engine === 'firefox') return puppeteerLauncher({ launchOptions: firefoxLaunchOptions(), concurrency: 1 });
  if (engine === 'webkit') {
    const paths = webkitPaths();
    const url = process.env.CARDFRAME_WEBKIT_DRIVER_URL;
    if (!paths || !url) throw new Error('webkit: run through scripts/with-webkit-driver.mjs under xvfb-run (needs webkit2gtk-driver, xvfb)');
    const { hostname, port } = new URL(url);
    return webdriverLauncher({ automationProtocol: 'webdriver', hostname, port: Number(port), logLevel: 'error', capabilities: webkitCapabilities(paths.browser) });
  }
  throw new Error(`CARDFRAME_ENGINE=${engine}: expected chromium, firefox or webkit`);
}

export default {
  files: ['packages/*/test/*.test.ts', 'packages/*/test/browser/**/*.test.ts', ...(engine === 'chromium' ? [] : CHROMIUM_ONLY.map((file) => `!${file}`))],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), seedOraclePlugin, frameworksPlugin],
  middleware: [vectorsMiddleware],
  browsers: [launcher()],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  // One MiniBrowser window serves WebKit's tests in turn.
  concurrency: engine === 'webkit' ? 1 : 2,
  testFramework: { config: { timeout: 10000 } },
  // Firefox and MiniBrowser take seconds to start, far more on a loaded machine.
  ...(engine === 'chromium' ? {} : { browserStartTimeout: 120000 }),
  testsFinishTimeout: 120000,
};
