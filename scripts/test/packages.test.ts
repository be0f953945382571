// What integrators install: each publishable package packed as npm would
// publish it (after `pnpm run build`), then a consumer project type-checked
// against the packed declarations only, and the test kit installed from its
// tarballs into a project outside the workspace and run there.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeConsumerApps } from './consumer-apps.ts';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const root = join(import.meta.dirname, '../..');
const LIBRARIES = ['protocol', 'crypto', 'sdk', 'react', 'vue', 'issuer', 'frame', 'sandbox', 'testing'];
const work = mkdtempSync(join(tmpdir(), 'cardframe-pack-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface PackedManifest {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
  dependencies?: Record<string, string>;
  customElements?: string;
}

const tarballs = new Map<string, string>();

function pack(name: string): string {
  const out = join(work, name);
  mkdirSync(out, { recursive: true });
  const tarball = execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: join(root, 'packages', name), encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  tarballs.set(name, tarball);
  execFileSync('tar', ['-xzf', tarball, '-C', out]);
  return join(out, 'package');
}

const packed = new Map(LIBRARIES.map((name) => [name, pack(name)]));

for (const [name, dir] of packed) {
  test(`@cardframe/${name} packs with ESM and declarations behind every export, and no workspace: ranges`, () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackedManifest;
    for (const [key, target] of Object.entries(manifest.exports)) {
      for (const file of typeof target === 'string' ? [target] : [target.types, target.default]) {
        assert.ok(existsSync(join(dir, file)), `${manifest.name} export ${key}: ${file} is not in the package`);
      }
    }
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) assert.doesNotMatch(range, /^workspace:/, `${dep} still says ${range}`);
    if (name === 'sdk') {
      const elements = JSON.parse(readFileSync(join(dir, manifest.customElements!), 'utf8')) as { modules: { declarations?: { tagName?: string }[] }[] };
      const tags = elements.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : []));
      assert.deepEqual(tags.sort(), ['cardframe-bind', 'cardframe-card', 'cardframe-copy', 'cardframe-cvc', 'cardframe-expiry', 'cardframe-field', 'cardframe-group', 'cardframe-pan', 'cardframe-pin', 'cardframe-toggle']);
    }
  });
}

test('a consumer type-checks against the packed SDK, and its types catch a wrong field and a wrong event detail', () => {
  const app = join(work, 'consumer');
  mkdirSync(join(app, 'node_modules/@cardframe'), { recursive: true });
  // Copies, not links: resolution must start from inside the installed package, as it would after `npm install`.
  for (const name of ['protocol', 'sdk']) cpSync(packed.get(name)!, join(app, 'node_modules/@cardframe', name), { recursive: true });
  writeFileSync(
    join(app, 'app.ts'),
    `import { mountCard, type CardframeGroup, type FieldName } from '@cardframe/sdk';
const group = document.createElement('cardframe-group') satisfies CardframeGroup;
group.fetchCardData = (sessionId: string) => fetch('/api/card', { headers: { sessionid: sessionId } });
group.addEventListener('cardframe-copy', (event) => {
  const field: FieldName = event.detail.field;
  // @ts-expect-error the copy event never carries the value
  void event.detail.value;
  return field;
});
// @ts-expect-error not a field
const wrong: FieldName = 'iban';
void wrong;
void mountCard(document.body, { frameUrl: 'https://frame.example/', fetchCardData: async () => '{}' });
`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [] }, files: ['app.ts'] }),
  );
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(app, 'tsconfig.json')], { encoding: 'utf8' });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The kit and everything it needs from this repository: what an integrator's `npm install -D @cardframe/testing` brings. */
const KIT = ['protocol', 'crypto', 'issuer', 'frame', 'sandbox', 'sdk', 'testing'];
/** The framework wrappers, installed beside it. */
const WRAPPERS = ['react', 'vue'];

/** The version of a dependency the workspace itself runs, so the consumer installs the same from the npm cache. */
function workspaceVersion(name: string, from = root): string {
  return (JSON.parse(readFileSync(join(from, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * One integrator's project outside the workspace, installed once with npm
 * from the tarballs (the kit, the SDK, the React and Vue wrappers) and the
 * registry (Playwright, React, Vue, Vite): each test below runs its own
 * suite in it. Its own temp folder, not under the workspace: nothing
 * resolves through the workspace's node_modules.
 */
let consumerApp: string | undefined;
after(() => consumerApp && rmSync(consumerApp, { recursive: true, force: true }));
const consumerEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)));

function consumer(): string {
  if (consumerApp) return consumerApp;
  const app = mkdtempSync(join(tmpdir(), 'cardframe-kit-consumer-'));
  consumerApp = app;
  {
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({
        name: 'kit-consumer',
        private: true,
        type: 'module',
        dependencies: {
          ...Object.fromEntries([...KIT, ...WRAPPERS].map((name) => [`@cardframe/${name}`, `file:${tarballs.get(name)!}`])),
          react: workspaceVersion('react', join(root, 'packages/react')),
          'react-dom': workspaceVersion('react-dom', join(root, 'packages/react')),
          vue: workspaceVersion('vue', join(root, 'packages/vue')),
        },
        devDependencies: { '@playwright/test': workspaceVersion('@playwright/test'), vite: workspaceVersion('vite') },
      }),
    );
    writeFileSync(
      join(app, 'server.mjs'),
      `import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const SDK = fileURLToPath(import.meta.resolve('@cardframe/sdk/cardframe.js'));

/** The integrator's app: one card on a page, and a backend that asks the issuer. */
export async function startApp(sandbox) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://internal');
    // The script-tag file, and the file it loads from beside itself once a frame is ready.
    if (url.pathname === '/cardframe.js' || url.pathname === '/cardframe-requests.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return res.end(await readFile(SDK.replace(/cardframe\\.js$/, url.pathname.slice(1))));
    }
    if (url.pathname === '/api/card') {
      const response = await fetch(sandbox.issuerUrl + '/card', { headers: { sessionid: String(req.headers['sessionid'] ?? '') } });
      res.writeHead(response.status, { 'content-type': 'application/json' });
      return res.end(await response.text());
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(\`<!doctype html><html lang="en"><title>App</title><script src="/cardframe.js"></script>
<cardframe-card id="card" fields="pan expiry cvc"></cardframe-card>
<script>
  const card = document.querySelector('#card');
  card.fetchCardData = (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } });
  card.frameUrl = \${JSON.stringify(sandbox.frameUrl)};
</script></html>\`);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: 'http://localhost:' + server.address().port + '/', close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }) };
}
`,
    );
    writeFileSync(
      join(app, 'reveal.spec.mjs'),
      `import { test as kit, expect } from '@cardframe/testing';
import { startApp } from './server.mjs';

const test = kit.extend({
  app: [
    async ({ sandbox }, use) => {
      const app = await startApp(sandbox);
      sandbox.allowHostOrigin(app.url);
      await use(app);
      await app.close();
    },
    { scope: 'worker' },
  ],
});

test('reveals the sandbox card without the page seeing it', async ({ page, app, sandbox, cardframe }) => {
  await page.goto(app.url);
  await cardframe.reveal('#card');
  expect(await cardframe.read('#card')).toMatchObject({ pan: '4242 4242 4242 4242', cvc: '123' });
  await cardframe.expectHostNeverSaw([sandbox.card().pan, sandbox.card().cvc]);
});
`,
    );
    writeFileSync(
      join(app, 'playwright.config.mjs'),
      `import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '@cardframe/testing/chromium';

export default defineConfig({ testDir: '.', testMatch: '*.spec.mjs', workers: 1, retries: 0, reporter: 'line', use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions() } });
`,
    );
    writeConsumerApps(app);
    // npm, not pnpm: an ordinary integrator's install, from the tarballs and the registry (its cache first), with none of pnpm's settings inherited.
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, env: consumerEnv, encoding: 'utf8', stdio: 'pipe' });
  }
  return app;
}

test('the test kit, installed from its tarballs into a project outside the workspace, reveals the sandbox card in Chromium and finds the host never saw it', { timeout: 300_000 }, () => {
  const kit = JSON.parse(readFileSync(join(packed.get('testing')!, 'package.json'), 'utf8')) as PackedManifest & { peerDependencies?: Record<string, string> };
  assert.deepEqual(Object.keys(kit.dependencies ?? {}).filter((dep) => dep.startsWith('@cardframe/')).sort(), ['@cardframe/frame', '@cardframe/issuer', '@cardframe/sandbox', '@cardframe/sdk']);
  const app = consumer();
  const env = consumerEnv;
  {
    // Every @cardframe package came from a tarball, and none names a path in this repository.
    for (const name of KIT) {
      const dir = join(app, 'node_modules/@cardframe', name);
      assert.ok(!realpathSync(dir).startsWith(root), `@cardframe/${name} resolves into the workspace`);
      for (const file of filesUnder(dir).filter((f) => /\.(m?js|json)$/.test(f))) assert.ok(!readFileSync(file, 'utf8').includes(root), `${file} names the workspace`);
    }
    assert.ok(!existsSync(join(app, 'node_modules/@cardframe/demo')), 'the kit pulled in the private demo');
    const output = execFileSync(process.execPath, [join(app, 'node_modules/@playwright/test/cli.js'), 'test', 'reveal.spec.mjs'], { cwd: app, env, encoding: 'utf8', stdio: 'pipe' });
    assert.match(output, /1 passed/);
  }
});

test('the React and Vue wrappers, installed from their tarballs, reveal the sandbox card in Vite + React, Vite + Vue and a server-rendered React page hydrated in the browser', { timeout: 300_000 }, () => {
  const app = consumer();
  for (const name of WRAPPERS) assert.ok(!realpathSync(join(app, 'node_modules/@cardframe', name)).startsWith(root), `@cardframe/${name} resolves into the workspace`);
  // The integrator's own build of each app, with the Vite they installed.
  execFileSync(process.execPath, ['build.mjs'], { cwd: app, env: consumerEnv, encoding: 'utf8', stdio: 'pipe' });
  const run = spawnSync(process.execPath, [join(app, 'node_modules/@playwright/test/cli.js'), 'test', 'wrappers.spec.mjs'], { cwd: app, env: consumerEnv, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  assert.match(run.stdout, /3 passed/);
});

test("the packed frame's cardframe-frame command runs from the consumer: header rules from its config, the inventory of the installed build", { timeout: 300_000 }, () => {
  const app = consumer();
  writeFileSync(join(app, 'cardframe.config.json'), JSON.stringify({ allowedHostOrigins: ['https://shop.example'], issuer: { sessionKey: { pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' } }, flows: { reveal: { fields: ['pan'] } } }));
  const bin = join(app, 'node_modules/.bin/cardframe-frame');
  const headers = execFileSync(process.execPath, [bin, 'headers', '--target', 'caddy'], { cwd: app, env: consumerEnv, encoding: 'utf8' });
  assert.match(headers, /frame-ancestors https:\/\/shop\.example;/);
  const dist = join(app, 'node_modules/@cardframe/frame/dist');
  const out = join(app, 'inventory.json');
  execFileSync(process.execPath, [bin, 'inventory', '--dist', dist, '--out', out], { cwd: app, env: consumerEnv, encoding: 'utf8' });
  const inventory = JSON.parse(readFileSync(out, 'utf8')) as { files: { path: string }[] };
  // The same files as the inventory the build shipped: what an operator deploys from the package is what was built.
  const shipped = JSON.parse(readFileSync(join(dist, 'cardframe.inventory.json'), 'utf8')) as { files: { path: string }[] };
  assert.deepEqual(inventory, shipped);
  assert.ok(inventory.files.some((file) => /^\/assets\/pgp-.+\.js$/.test(file.path)), 'the lazy OpenPGP chunk is inventoried');
});
