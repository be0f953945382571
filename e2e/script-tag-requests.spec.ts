import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ErrorInfo } from '@cardframe/protocol';
import { expect, test, type HostPage } from './fixtures.ts';

// The script-tag SDK carries what every page needs up to its frames' ready;
// the checks and host callbacks of the frame's requests are a second file,
// cardframe-requests.js, which cardframe.js loads from beside itself once a
// frame is ready, pinned by the hash cardframe.js carries. Each test's host
// page comes from a server of this file's own, with the CSP the test names;
// the frame allows its origin, and its card data comes from the demo's
// merchant backend.

const DIST = fileURLToPath(new URL('../packages/sdk/dist/', import.meta.url));
const PAN = '4242 4242 4242 4242';
const NONCE = 'c2NyaXB0LXRhZy1ub25jZQ';

let page: { readonly csp: string; readonly html: string } | undefined;
let merchantUrl = '';
const hostServer = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://host').pathname;
  if (path === '/' && page) {
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': page.csp });
    return res.end(page.html);
  }
  if (path === '/cardframe.js' || path === '/cardframe-requests.js') {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
    return res.end(readFileSync(`${DIST}${path.slice(1)}`));
  }
  if (path === '/favicon.ico') return res.writeHead(204).end();
  if (path === '/api/card') {
    // The merchant backend's answer, as the demo's merchant server gives it.
    const answer = await fetch(new URL('/api/card', merchantUrl), { headers: { sessionid: String(req.headers['sessionid']) } });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    return res.end(await answer.text());
  }
  res.writeHead(404).end();
})
  .listen(0, '127.0.0.1')
  // Lives as long as the worker: a worker may run this file's tests between other files' tests, so no hook may close it.
  .unref();
const hostOrigin = (): string => `http://127.0.0.1:${(hostServer.address() as AddressInfo).port}`;

test.use({ demoOptions: { frameConfig: (config) => ({ ...config, allowedHostOrigins: [...config.allowedHostOrigins, hostOrigin()] }) } });

interface HostOptions {
  readonly csp: string;
  /** `tag`: `<script src integrity>`, as the README says; `inline`: the file's text pasted into the page. */
  readonly sdk: 'tag' | 'inline';
}

/** Opens the host page; resolves with how many times it has fetched cardframe-requests.js so far. */
async function openHost(host: HostPage, { csp, sdk }: HostOptions): Promise<() => number> {
  const { page: browserPage, demo } = host;
  const integrity = readFileSync(`${DIST}cardframe.js.sri`, 'utf8').trim();
  const script =
    sdk === 'tag'
      ? `<script nonce="${NONCE}" src="/cardframe.js" integrity="${integrity}" crossorigin="anonymous"></script>`
      : `<script nonce="${NONCE}">${readFileSync(`${DIST}cardframe.js`, 'utf8')}</script>`;
  const html = `<!doctype html><html lang="en"><title>Script tag</title>${script}
<cardframe-card id="card" frame-url="${demo.frameUrl}"></cardframe-card>
<script nonce="${NONCE}">
document.getElementById('card').fetchCardData = async (sessionId) => (await fetch('/api/card', { headers: { sessionid: sessionId } })).text();
</script>`;
  page = { csp, html };
  merchantUrl = demo.merchantUrl;
  let loads = 0;
  browserPage.on('request', (request) => {
    if (new URL(request.url()).pathname === '/cardframe-requests.js') loads++;
  });
  await browserPage.goto(`${hostOrigin()}/`);
  return () => loads;
}

function cspFor(frameUrl: string, scripts: string): string {
  return `default-src 'self'; script-src ${scripts}; style-src 'self'; frame-src ${new URL(frameUrl).origin}; connect-src 'self'; base-uri 'none'`;
}

// A nonce alone allows the request file only if it carries the tag's nonce; with 'strict-dynamic' the SDK's trust passes to it.
for (const [name, scripts] of [
  ['a nonce', `'nonce-${NONCE}'`],
  ['a nonce and strict-dynamic', `'nonce-${NONCE}' 'strict-dynamic'`],
] as const) {
  test(`under a CSP of ${name}, cardframe.js loads its request file once and the card reveals`, async ({ host, page, demo }) => {
    const requestFileLoads = await openHost(host, { csp: cspFor(demo.frameUrl, scripts), sdk: 'tag' });
    const frame = page.locator('#card iframe').contentFrame();
    await frame.getByRole('button', { name: /Reveal/ }).click();
    await expect(frame.locator('[data-field=pan]')).toHaveText(PAN);
    expect(requestFileLoads()).toBe(1);
    // The file ran as a classic script and left no global behind; the page's CSP refused nothing.
    // (The kit's watch records into a global of its own.)
    expect(await page.evaluate(() => Object.keys(window).filter((key) => /cardframe/i.test(key) && key !== '__cardframeTestingRecord'))).toEqual(['cardframe']);
    expect(host.consoleErrors).toEqual([]);
    expect(host.pageErrors).toEqual([]);
  });
}

test('a request file that does not match the hash cardframe.js pins never runs: the reveal fails with a typed error, and succeeds once the right file is served', async ({ host, page, demo }) => {
  let tampered = true;
  await page.route('**/cardframe-requests.js', async (route) => {
    if (!tampered) return route.continue();
    const response = await route.fetch();
    // One character more in a string: the code would run the same, its hash does not match.
    await route.fulfill({ response, body: (await response.text()).replace('malformed message', 'malformed message!') });
  });
  await openHost(host, { csp: cspFor(demo.frameUrl, `'self' 'nonce-${NONCE}'`), sdk: 'tag' });
  const frame = page.locator('#card iframe').contentFrame();
  const error = host.nextEvent<ErrorInfo>('cardframe-error');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  expect(await error).toEqual({ code: 'ERR_ISSUER_REQUEST', message: 'cardframe-requests.js could not be loaded from beside cardframe.js' });
  await expect(frame.locator('[data-field=pan]')).not.toHaveText(PAN);

  tampered = false;
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText(PAN);
  expect(host.pageErrors).toEqual([]);
});

test('an inlined cardframe.js has no file beside it: the frame is ready, and a reveal fails with a typed error rather than an exception', async ({ host, page, demo }) => {
  const requestFileLoads = await openHost(host, { csp: cspFor(demo.frameUrl, `'nonce-${NONCE}'`), sdk: 'inline' });
  const frame = page.locator('#card iframe').contentFrame();
  const error = host.nextEvent<ErrorInfo>('cardframe-error');
  await frame.getByRole('button', { name: /Reveal/ }).click();
  expect((await error).code).toBe('ERR_ISSUER_REQUEST');
  await expect(frame.locator('[data-field=pan]')).not.toHaveText(PAN);
  expect(requestFileLoads()).toBe(0);
  expect(host.pageErrors).toEqual([]);
});
