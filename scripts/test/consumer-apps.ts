// The integrator's apps the packed wrappers are tried in: Vite + React,
// Vite + Vue, and a React page rendered on the server (no DOM there) and
// hydrated in the browser. Written into the consumer project by
// packages.test.ts; built there with its own Vite and served by its own
// server, which also relays the card request to the sandbox issuer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILES: Record<string, string> = {
  'build.mjs': `import { build } from 'vite';
import { join } from 'node:path';

const here = import.meta.dirname;
for (const app of ['react', 'vue', 'ssr']) {
  await build({
    root: join(here, 'apps', app),
    base: '/' + app + '/',
    logLevel: 'error',
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // The server-rendered page writes its own HTML: it needs the client entry's file name.
      ...(app === 'ssr' ? { manifest: true, rollupOptions: { input: join(here, 'apps/ssr/entry-client.mjs') } } : {}),
    },
  });
}
`,
  'apps/card-data.mjs': `/** The integrator's callback: its backend asks the issuer with the frame's sessionid. */
export const fetchCardData = (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } });
`,
  'apps/react/index.html': `<!doctype html><html lang="en"><title>React app</title>
<script>window.FRAME_URL = "%FRAME_URL%";</script>
<div id="root"></div><script type="module" src="./main.mjs"></script></html>
`,
  'apps/react/main.mjs': `import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { CardframeCard } from '@cardframe/react';
import { fetchCardData } from '../card-data.mjs';

createRoot(document.getElementById('root')).render(
  h('main', null, h('h1', null, 'Your card'), h(CardframeCard, { id: 'card', frameUrl: window.FRAME_URL, fields: ['pan', 'expiry', 'cvc'], fetchCardData })),
);
`,
  'apps/vue/index.html': `<!doctype html><html lang="en"><title>Vue app</title>
<script>window.FRAME_URL = "%FRAME_URL%";</script>
<div id="app"></div><script type="module" src="./main.mjs"></script></html>
`,
  'apps/vue/main.mjs': `import { createApp, h } from 'vue';
import { CardframeCard } from '@cardframe/vue';
import { fetchCardData } from '../card-data.mjs';

createApp({
  render: () => h('main', [h('h1', 'Your card'), h(CardframeCard, { id: 'card', frameUrl: window.FRAME_URL, fields: ['pan', 'expiry', 'cvc'], fetchCardData })]),
}).mount('#app');
`,
  'apps/ssr/app.mjs': `import { createElement as h, useEffect } from 'react';
import { CardframeCard } from '@cardframe/react';
import { fetchCardData } from '../card-data.mjs';

/** Rendered to a string in Node, hydrated in the browser. */
export function App({ frameUrl }) {
  useEffect(() => {
    document.body.dataset.hydrated = 'yes';
  }, []);
  return h('main', null, h('h1', null, 'Your card'), h(CardframeCard, { id: 'card', frameUrl, fields: ['pan', 'expiry', 'cvc'], fetchCardData }));
}
`,
  'apps/ssr/entry-client.mjs': `import { createElement as h } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App } from './app.mjs';

hydrateRoot(document.getElementById('root'), h(App, { frameUrl: window.FRAME_URL }));
`,
  'apps-server.mjs': `import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
// Imported in Node, where there is no DOM: the SDK and the wrappers must be import-safe here.
import { App } from './apps/ssr/app.mjs';

const here = import.meta.dirname;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

/** The integrator's server: the built apps under /react/ and /vue/, the server-rendered page at /ssr/, and the card relay. */
export async function startApps(sandbox) {
  if (typeof document !== 'undefined') throw new Error('the server has a DOM');
  const manifest = JSON.parse(await readFile(join(here, 'apps/ssr/dist/.vite/manifest.json'), 'utf8'));
  const clientEntry = Object.values(manifest).find((chunk) => chunk.isEntry).file;
  const frameUrl = JSON.stringify(sandbox.frameUrl);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://internal');
    if (url.pathname === '/api/card') {
      const response = await fetch(sandbox.issuerUrl + '/card', { headers: { sessionid: String(req.headers['sessionid'] ?? '') } });
      res.writeHead(response.status, { 'content-type': 'application/json' });
      return res.end(await response.text());
    }
    if (url.pathname === '/ssr/') {
      const html = renderToString(createElement(App, { frameUrl: sandbox.frameUrl }));
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end('<!doctype html><html lang="en"><title>Server-rendered app</title><div id="root">' + html + '</div><script>window.FRAME_URL = ' + frameUrl + ';</script><script type="module" src="/ssr/' + clientEntry + '"></script></html>');
    }
    const [, app, ...rest] = url.pathname.split('/');
    if (!['react', 'vue', 'ssr'].includes(app) || rest.some((part) => part === '..')) {
      res.writeHead(404);
      return res.end();
    }
    const file = join(here, 'apps', app, 'dist', rest.join('/') || 'index.html');
    try {
      let body = await readFile(file);
      if (file.endsWith('index.html')) body = body.toString('utf8').replace('"%FRAME_URL%"', frameUrl);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: 'http://localhost:' + server.address().port + '/', close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }) };
}
`,
  'wrappers.spec.mjs': `import { test as kit, expect } from '@cardframe/testing';
import { startApps } from './apps-server.mjs';

const test = kit.extend({
  apps: [
    async ({ sandbox }, use) => {
      const apps = await startApps(sandbox);
      sandbox.allowHostOrigin(apps.url);
      await use(apps);
      await apps.close();
    },
    { scope: 'worker' },
  ],
});

async function revealsWithoutSeeing({ page, sandbox, cardframe }) {
  await cardframe.reveal('#card');
  expect(await cardframe.read('#card')).toMatchObject({ pan: '4242 4242 4242 4242', cvc: '123' });
  // The PAN only: a framework's production bundle, which the host page serves
  // itself, holds the sandbox CVC's digits ("123") as a token of its own.
  await cardframe.expectHostNeverSaw([sandbox.card().pan]);
  expect(await page.locator('h1').textContent()).toBe('Your card');
}

test('Vite + React: @cardframe/react reveals the sandbox card', async ({ page, apps, sandbox, cardframe }) => {
  await page.goto(apps.url + 'react/');
  await revealsWithoutSeeing({ page, sandbox, cardframe });
});

test('Vite + Vue: @cardframe/vue reveals the sandbox card', async ({ page, apps, sandbox, cardframe }) => {
  await page.goto(apps.url + 'vue/');
  await revealsWithoutSeeing({ page, sandbox, cardframe });
});

test('server-rendered React: the element comes in the server HTML, hydrates, and reveals', async ({ page, apps, sandbox, cardframe }) => {
  const html = await (await fetch(apps.url + 'ssr/')).text();
  expect(html).toContain('<cardframe-card id="card">');
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(apps.url + 'ssr/');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'yes');
  await revealsWithoutSeeing({ page, sandbox, cardframe });
  // A hydration mismatch is reported as a console error.
  expect(errors).toEqual([]);
});
`,
};

export function writeConsumerApps(app: string): void {
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(app, path, '..'), { recursive: true });
    writeFileSync(join(app, path), text);
  }
}
