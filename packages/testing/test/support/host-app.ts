import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../src/index.ts';

/**
 * A small host page for the kit's own tests, served as http://localhost:PORT;
 * the same server on http://127.0.0.1:PORT is a second origin for stub frames.
 * `/?leak=…` makes the page print the card it fetches in plaintext from
 * `/api/plain-card`, the way a careless integration would.
 */
export interface HostApp {
  readonly url: string;
  readonly origin: string;
  /** The same server on another origin. */
  readonly otherOrigin: string;
  close(): Promise<void>;
}

const SDK = fileURLToPath(new URL('../../../sdk/dist/cardframe.js', import.meta.url));

function page(frameUrl: string, stubUrl: string, blankUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Kit test host</title><script defer src="/cardframe.js"></script></head>
<body>
<main>
  <section id="cards"></section>
  <p id="debug"></p>
  <label>Name <input id="name"></label>
  <x-widget id="widget"></x-widget>
</main>
<script type="module">
const params = new URLSearchParams(location.search);
const frameUrl = params.get('frame') === 'blank' ? ${JSON.stringify(blankUrl)} : ${JSON.stringify(frameUrl)} + (params.get('frameQuery') ?? '');
const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const cards = document.querySelector('#cards');
for (const name of (params.get('elements') ?? 'card,pin').split(',')) {
  if (name === 'card') {
    const card = document.createElement('cardframe-card');
    card.id = 'card';
    card.setAttribute('fields', params.get('fields') ?? 'pan expiry cvc');
    if (params.get('readyTimeout')) card.readyTimeout = Number(params.get('readyTimeout'));
    card.fetchCardData = (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } });
    card.frameUrl = frameUrl;
    cards.append(card);
  }
  if (name === 'pin') {
    const pin = document.createElement('cardframe-pin');
    pin.id = 'pin';
    pin.submitPin = (submission) => fetch('/api/pin', json(submission));
    pin.registerDevice = (publicKey) => fetch('/api/devices', json({ public_key: publicKey }));
    pin.frameUrl = frameUrl;
    cards.append(pin);
  }
  if (name === 'copy') {
    // Stands in for a copy element: the same contract as the SDK's elements
    // (iframe[part=frame] in an open shadow root, cardframe-* events).
    customElements.define('stub-copy', class extends HTMLElement {
      connectedCallback() {
        const iframe = document.createElement('iframe');
        iframe.setAttribute('part', 'frame');
        iframe.src = ${JSON.stringify(stubUrl)};
        iframe.addEventListener('load', () => {
          iframe.style.height = '40px';
          this.dispatchEvent(new CustomEvent('cardframe-ready', { detail: { fields: ['pan'] }, bubbles: true, composed: true }));
        });
        this.attachShadow({ mode: 'open' }).append(iframe);
        window.addEventListener('message', (event) => {
          if (event.source === iframe.contentWindow && event.data === 'copied') {
            this.dispatchEvent(new CustomEvent('cardframe-copy', { detail: { field: 'pan' }, bubbles: true, composed: true }));
          }
        });
      }
    });
    const copy = document.createElement('stub-copy');
    copy.id = 'copy';
    cards.append(copy);
  }
}

const leak = params.get('leak');
if (leak) {
  const { pan } = await (await fetch('/api/plain-card')).json();
  const grouped = pan.replace(/(.{4})(?=.)/g, '$1 ');
  const debug = document.querySelector('#debug');
  if (leak === 'dom') debug.textContent = 'Card ' + grouped;
  if (leak === 'split') debug.innerHTML = grouped.split(' ').map((group) => '<span>' + group + '</span>').join(' ');
  if (leak === 'attribute') debug.setAttribute('data-card', pan);
  if (leak === 'input') document.querySelector('#name').value = pan;
  if (leak === 'shadow') document.querySelector('#widget').attachShadow({ mode: 'open' }).innerHTML = '<b>' + pan + '</b>';
  if (leak === 'console') console.log('card loaded', pan.replace(/(.{4})(?=.)/g, '$1-'));
  if (leak === 'message') window.postMessage({ debug: { card: grouped } }, location.origin);
  if (leak === 'storage') localStorage.setItem('last-card', pan);
  if (leak === 'url') await fetch('/api/log?card=' + encodeURIComponent(grouped));
  if (leak === 'hang') fetch('/api/hang');
}
</script>
</body>
</html>`;
}

const STUB_FRAME = `<!doctype html><meta charset="utf-8"><title>stub frame</title>
<button type="button" data-testid="cardframe-copy">Copy</button>
<script>document.querySelector('button').addEventListener('click', () => parent.postMessage('copied', '*'));</script>`;

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function forward(res: ServerResponse, url: string, init: RequestInit): Promise<void> {
  const response = await fetch(url, init);
  const text = response.status === 204 ? '' : await response.text();
  res.writeHead(response.status, text ? { 'content-type': response.headers.get('content-type') ?? 'application/json' } : {});
  res.end(text);
}

export async function startHostApp(sandbox: Sandbox): Promise<HostApp> {
  let port = 0;
  const card = sandbox.card();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://internal');
    void (async () => {
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(page(sandbox.frameUrl, `http://127.0.0.1:${port}/stub-frame`, `http://127.0.0.1:${port}/blank`));
      }
      if (url.pathname === '/stub-frame' || url.pathname === '/blank') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(url.pathname === '/blank' ? '<!doctype html><title>blank</title>' : STUB_FRAME);
      }
      // The script-tag file, and the file it loads from beside itself once a frame is ready.
      if (url.pathname === '/cardframe.js' || url.pathname === '/cardframe-requests.js') {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        return res.end(await readFile(join(dirname(SDK), url.pathname)));
      }
      if (url.pathname === '/api/card') {
        const sessionId = req.headers['sessionid'];
        return forward(res, `${sandbox.issuerUrl}/card`, { headers: typeof sessionId === 'string' ? { sessionid: sessionId } : {} });
      }
      if (url.pathname === '/api/pin' && req.method === 'POST') {
        const submission = JSON.parse(await body(req)) as Record<string, unknown>;
        const path = typeof submission['device_id'] === 'string' ? `/v1/cards/${card.id}/pin` : `/v1/cards/${card.id}/pin_change_requests`;
        return forward(res, `${sandbox.issuerUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submission) });
      }
      if (url.pathname === '/api/devices' && req.method === 'POST') {
        const { public_key } = JSON.parse(await body(req)) as { public_key: unknown };
        return forward(res, `${sandbox.issuerUrl}/v1/devices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card_account_id: card.id, public_key }) });
      }
      if (url.pathname === '/api/plain-card') {
        // The careless backend: plaintext card data to the browser.
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ pan: card.pan }));
      }
      if (url.pathname === '/api/log') {
        res.writeHead(204);
        return res.end();
      }
      if (url.pathname === '/api/hang') return; // never answers
      res.writeHead(404);
      res.end();
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  sandbox.allowHostOrigin(`http://localhost:${port}`);
  return {
    url: `http://localhost:${port}/`,
    origin: `http://localhost:${port}`,
    otherOrigin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
