// Component and crypto tests in real Chromium. Files in packages/*/test/ run
// here and under node:test; files in packages/*/test/browser/ only here.
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumLaunchOptions } from './packages/testing/src/chromium.mjs';
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

export default {
  files: ['packages/*/test/*.test.ts', 'packages/*/test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), seedOraclePlugin, frameworksPlugin],
  middleware: [vectorsMiddleware],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: chromiumLaunchOptions() })],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 120000,
};
